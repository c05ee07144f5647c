package io.switchboard.bench.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.switchboard.transport.netty.IoTransport;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A raw-Netty WebSocket server doing only the unavoidable work of a scenario, the ceiling that
 * Switchboard is compared with. It has Switchboard's threads (one acceptor, Netty's default number
 * of workers, on the same {@link IoTransport}), HTTP codec and aggregator, WebSocket decoder
 * settings and write-buffer watermarks, and no hub: {@code ECHO} writes every frame back, {@code
 * FANOUT} writes every frame it receives to every channel ({@link RawFanout}). Either mode also serves as the ceiling for
 * holding idle channels (S4) and for accepting upgrades (S5). {@code FALLBACK_FANOUT} is the
 * fan-out with receivers on Server-Sent Events and long polling as well ({@link
 * RawTransportRouter}).
 */
public final class RawWebSocketServer implements AutoCloseable {
  /** What the server does with a received frame. */
  public enum Mode {
    /** Write it back to its channel. */
    ECHO,
    /** Write it to every channel. */
    FANOUT,
    /** Write it to every channel, WebSocket, Server-Sent Events stream or long-polling client. */
    FALLBACK_FANOUT
  }

  private static final RawEchoHandler ECHO_HANDLER = new RawEchoHandler();

  private final Channel serverChannel;
  private final EventLoopGroup boss;
  private final EventLoopGroup workers;

  private RawWebSocketServer(Channel serverChannel, EventLoopGroup boss, EventLoopGroup workers) {
    this.serverChannel = serverChannel;
    this.boss = boss;
    this.workers = workers;
  }

  /** Binds an ephemeral port on 127.0.0.1, with event loops of {@code io}. */
  public static RawWebSocketServer start(Mode mode, IoTransport io) throws InterruptedException {
    EventLoopGroup boss = io.newEventLoopGroup(1);
    EventLoopGroup workers = io.newEventLoopGroup(0);
    RawFanout fanout = new RawFanout();
    Channel channel =
        new ServerBootstrap()
            .group(boss, workers)
            .channel(io.serverChannelClass())
            .childHandler(
                new ChannelInitializer<Channel>() {
                  @Override
                  protected void initChannel(Channel ch) {
                    ch.pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(RawUpgradeHandler.MAX_REQUEST_SIZE))
                        .addLast(entry(mode, fanout));
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
    return new RawWebSocketServer(channel, boss, workers);
  }

  private static ChannelHandler entry(Mode mode, RawFanout fanout) {
    return switch (mode) {
      case ECHO -> new RawUpgradeHandler(() -> ECHO_HANDLER);
      case FANOUT -> new RawUpgradeHandler(() -> new RawFanoutHandler(fanout));
      case FALLBACK_FANOUT -> new RawTransportRouter(fanout);
    };
  }

  /** The bound port. */
  public int port() {
    return ((InetSocketAddress) serverChannel.localAddress()).getPort();
  }

  @Override
  public void close() {
    serverChannel.close().awaitUninterruptibly();
    workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
  }
}
