package io.switchboard.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The load generator's Netty client: one NIO event loop (the generator gets one core), TCP_NODELAY,
 * connections to 127.0.0.1 only. A hub connection is a negotiate on its own HTTP connection, a
 * WebSocket upgrade with {@code id=<token>}, and the hub handshake; a raw one is the upgrade only.
 */
public final class LoadClient implements AutoCloseable {
  private static final int MAX_RESPONSE = 64 * 1024;

  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final Bootstrap bootstrap =
      new Bootstrap()
          .group(group)
          .channel(NioSocketChannel.class)
          .option(ChannelOption.TCP_NODELAY, true)
          .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);

  /** The single event loop that runs every listener; schedule scenario tasks here. */
  public EventLoop loop() {
    return group.next();
  }

  /** Opens one connection; completes once it is ready for hub messages. */
  public CompletableFuture<BenchConnection> connect(Target target, FrameListener listener) {
    if (target.raw()) {
      return openWebSocket(target, target.path(), listener);
    }
    CompletableFuture<String> token = new CompletableFuture<>();
    open(new NegotiateHandler(target.path(), token), target.port(), token);
    return token.thenCompose(t -> openWebSocket(target, target.path() + "?id=" + t, listener));
  }

  /**
   * Opens {@code count} connections, at most {@code concurrency} at a time, stopping at {@code
   * deadlineNanos} (System.nanoTime). Returns those that became ready.
   *
   * @throws IllegalStateException if none did
   */
  public List<BenchConnection> connectAll(
      Target target, int count, int concurrency, FrameListener listener, long deadlineNanos)
      throws InterruptedException {
    List<BenchConnection> ready = new ArrayList<>(count);
    Semaphore slots = new Semaphore(concurrency);
    AtomicInteger failures = new AtomicInteger();
    Throwable[] firstFailure = new Throwable[1];
    for (int i = 0; i < count && System.nanoTime() < deadlineNanos; i++) {
      if (!slots.tryAcquire(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      connect(target, listener)
          .whenComplete(
              (connection, error) -> {
                synchronized (ready) {
                  if (error == null) {
                    ready.add(connection);
                  } else if (failures.getAndIncrement() == 0) {
                    firstFailure[0] = error;
                  }
                }
                slots.release();
              });
    }
    slots.tryAcquire(concurrency, Math.max(1, deadlineNanos - System.nanoTime()) + 5_000_000_000L, TimeUnit.NANOSECONDS);
    synchronized (ready) {
      if (ready.isEmpty()) {
        throw new IllegalStateException("No connection became ready", firstFailure[0]);
      }
      if (failures.get() > 0) {
        System.out.println("NOTE " + failures.get() + " connections failed, first: " + firstFailure[0]);
      }
      return new ArrayList<>(ready);
    }
  }

  /** Closes every connection (Close frame first) and waits up to {@code timeoutMillis}. */
  public static void closeAll(List<BenchConnection> connections, long timeoutMillis) {
    List<ChannelFuture> closing = new ArrayList<>(connections.size());
    for (BenchConnection connection : connections) {
      closing.add(connection.close());
    }
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    for (ChannelFuture future : closing) {
      long left = deadline - System.nanoTime();
      if (left <= 0 || !future.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
        future.channel().close();
      }
    }
  }

  private CompletableFuture<BenchConnection> openWebSocket(
      Target target, String pathAndQuery, FrameListener listener) {
    CompletableFuture<BenchConnection> ready = new CompletableFuture<>();
    String uri = "ws://" + Target.HOST + ":" + target.port() + pathAndQuery;
    open(new BenchConnection(target, uri, listener, ready), target.port(), ready);
    return ready;
  }

  private void open(ChannelHandler handler, int port, CompletableFuture<?> result) {
    ChannelFuture connecting =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(new HttpClientCodec())
                        .addLast(new HttpObjectAggregator(MAX_RESPONSE))
                        .addLast(handler);
                  }
                })
            .connect(Target.HOST, port);
    connecting.addListener(
        done -> {
          if (!done.isSuccess()) {
            result.completeExceptionally(done.cause());
          }
        });
  }

  @Override
  public void close() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
