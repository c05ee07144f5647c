package io.switchboard.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.switchboard.transport.netty.IoTransport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The load generator's Netty client: one event loop of the suite's {@link IoTransport} (the
 * generator gets one core), TCP_NODELAY, connections to 127.0.0.1 only. A hub connection is a
 * negotiate on a pooled kept-alive HTTP connection ({@link HttpPosts}), a WebSocket upgrade with
 * {@code id=<token>}, and the hub handshake; a raw one is the upgrade only.
 * Receive-only connections over Server-Sent Events or long polling ({@link #receive}) negotiate
 * the same way and send the handshake by POST.
 */
public final class LoadClient implements AutoCloseable {
  // A long poll's answer holds everything the server buffered, up to Switchboard's 8 MiB bound.
  private static final int MAX_RESPONSE = 8 << 20;
  private static final String TOKEN_KEY = "\"connectionToken\":\"";

  private final EventLoopGroup group;
  private final Bootstrap bootstrap;
  private final HttpPosts posts;

  /** A client on one event loop of {@code io}. */
  public LoadClient(IoTransport io) {
    group = io.newEventLoopGroup(1);
    bootstrap =
        new Bootstrap()
            .group(group)
            .channel(io.socketChannelClass())
            .option(ChannelOption.TCP_NODELAY, true)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
    posts = new HttpPosts(bootstrap);
  }

  /** The single event loop that runs every listener; schedule scenario tasks here. */
  public EventLoop loop() {
    return group.next();
  }

  /** Opens one connection; completes once it is ready for hub messages. */
  public CompletableFuture<BenchConnection> connect(Target target, FrameListener listener) {
    if (target.raw()) {
      return openWebSocket(target, target.path(), listener);
    }
    return negotiate(target).thenCompose(t -> openWebSocket(target, target.path() + "?id=" + t, listener));
  }

  /**
   * Opens one receive-only connection over a fallback transport (JSON); completes once it is ready
   * for hub messages. A hub connection negotiates first; a raw one only makes the transport request.
   */
  public CompletableFuture<LoadConnection> receive(
      Target target, FallbackTransport transport, MessageListener listener) {
    if (target.raw()) {
      return openReceiver(target, transport, target.path(), listener);
    }
    return negotiate(target).thenCompose(t -> openReceiver(target, transport, target.path() + "?id=" + t, listener));
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
    return openAll(count, concurrency, () -> connect(target, listener), deadlineNanos);
  }

  /**
   * Opens {@code count} connections with {@code open}, at most {@code concurrency} at a time,
   * stopping at {@code deadlineNanos} (System.nanoTime). Returns those that became ready.
   *
   * @throws IllegalStateException if none did
   */
  public <T> List<T> openAll(
      int count, int concurrency, Supplier<CompletableFuture<T>> open, long deadlineNanos)
      throws InterruptedException {
    List<T> ready = new ArrayList<>(count);
    Semaphore slots = new Semaphore(concurrency);
    AtomicInteger failures = new AtomicInteger();
    Throwable[] firstFailure = new Throwable[1];
    for (int i = 0; i < count && System.nanoTime() < deadlineNanos; i++) {
      if (!slots.tryAcquire(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
        break;
      }
      open.get()
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

  /** Closes every connection (a WebSocket with a Close frame first) and waits up to {@code timeoutMillis}. */
  public static void closeAll(List<? extends LoadConnection> connections, long timeoutMillis) {
    List<ChannelFuture> closing = new ArrayList<>(connections.size());
    for (LoadConnection connection : connections) {
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

  /** POSTs negotiate on a kept-alive connection; completes with the connection token. */
  public CompletableFuture<String> negotiate(Target target) {
    return post(target.port(), target.path() + "/negotiate?negotiateVersion=1", new byte[0])
        .thenApply(
            reply -> {
              int start = reply.body().indexOf(TOKEN_KEY);
              if (reply.status() != 200 || start < 0) {
                throw new IllegalStateException("Negotiate failed: " + reply);
              }
              start += TOKEN_KEY.length();
              return reply.body().substring(start, reply.body().indexOf('"', start));
            });
  }

  private CompletableFuture<HttpCall.Reply> post(int port, String uri, byte[] body) {
    return posts.post(port, uri, body);
  }

  private CompletableFuture<BenchConnection> openWebSocket(
      Target target, String pathAndQuery, FrameListener listener) {
    CompletableFuture<BenchConnection> ready = new CompletableFuture<>();
    String uri = "ws://" + Target.HOST + ":" + target.port() + pathAndQuery;
    open(new BenchConnection(target, uri, listener, ready), target.port(), true, ready);
    return ready;
  }

  private CompletableFuture<LoadConnection> openReceiver(
      Target target, FallbackTransport transport, String uri, MessageListener listener) {
    CompletableFuture<LoadConnection> ready = new CompletableFuture<>();
    ChannelHandler receiver =
        transport.receiver(
            target, uri, () -> post(target.port(), uri, target.format().handshakeRequest()), listener, ready);
    open(receiver, target.port(), transport.aggregated(), ready);
    return ready;
  }

  /** Connects a channel with an HTTP client codec, an aggregator unless the handler reads a stream, then {@code handler}. */
  private void open(ChannelHandler handler, int port, boolean aggregate, CompletableFuture<?> result) {
    ChannelFuture connecting =
        bootstrap
            .clone()
            .handler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline().addLast(new HttpClientCodec());
                    if (aggregate) {
                      ch.pipeline().addLast(new HttpObjectAggregator(MAX_RESPONSE));
                    }
                    ch.pipeline().addLast(handler);
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
