package io.switchboard.transport.netty;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.function.Supplier;

/**
 * The Netty I/O transport under a server (or a client): Linux's native epoll, or Java NIO, which
 * runs everywhere. On the benchmark machine epoll cost the server about half the CPU per connect
 * and 5–10 % less per broadcast delivery (BENCHMARKS.md); the transport module ships its native
 * library for Linux on x86-64 and AArch64.
 */
public enum IoTransport {
  /** Linux's epoll, through Netty's native library. */
  EPOLL(EpollIoHandler::newFactory, EpollServerSocketChannel.class, EpollSocketChannel.class),
  /** Java NIO selectors. */
  NIO(NioIoHandler::newFactory, NioServerSocketChannel.class, NioSocketChannel.class);

  private final Supplier<IoHandlerFactory> handlerFactory;
  private final Class<? extends ServerSocketChannel> serverChannelClass;
  private final Class<? extends SocketChannel> socketChannelClass;

  IoTransport(
      Supplier<IoHandlerFactory> handlerFactory,
      Class<? extends ServerSocketChannel> serverChannelClass,
      Class<? extends SocketChannel> socketChannelClass) {
    this.handlerFactory = handlerFactory;
    this.serverChannelClass = serverChannelClass;
    this.socketChannelClass = socketChannelClass;
  }

  /** Epoll where Netty can load its native library (Linux on x86-64 or AArch64), else NIO. */
  public static IoTransport best() {
    return Epoll.isAvailable() ? EPOLL : NIO;
  }

  /**
   * Event loops of this transport.
   *
   * @param threads how many; 0 for Netty's default (twice the processors)
   */
  public EventLoopGroup newEventLoopGroup(int threads) {
    return new MultiThreadIoEventLoopGroup(threads, handlerFactory.get());
  }

  /** The channel class a server bootstrap binds with. */
  public Class<? extends ServerSocketChannel> serverChannelClass() {
    return serverChannelClass;
  }

  /** The channel class a client bootstrap connects with. */
  public Class<? extends SocketChannel> socketChannelClass() {
    return socketChannelClass;
  }
}
