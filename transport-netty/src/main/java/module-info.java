/**
 * Switchboard over Netty: {@code SwitchboardServer}, and {@code SwitchboardHttpHandler} for an
 * application's own Netty pipeline.
 */
module io.switchboard.transport.netty {
  requires transitive io.switchboard.core;
  requires transitive io.netty.transport;
  requires io.netty.buffer;
  requires io.netty.codec;
  requires io.netty.codec.compression;
  requires io.netty.codec.http;
  requires io.netty.common;
  requires io.netty.handler;
  requires io.netty.transport.classes.epoll;
  requires org.slf4j;
  // sun.misc.Signal for ShutdownSignals; it falls back to the JVM's shutdown where it is absent.
  requires jdk.unsupported;

  exports io.switchboard.transport.netty;
}
