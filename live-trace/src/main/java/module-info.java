/** Switchboard's live trace page: connection, invocation and message events as they happen. */
module io.switchboard.livetrace {
  requires transitive io.switchboard.transport.netty;
  requires com.fasterxml.jackson.annotation;
  requires io.netty.buffer;
  requires io.netty.codec.http;
  requires io.netty.common;
  requires org.slf4j;

  exports io.switchboard.livetrace;
  // Jackson writes the trace events (a package-private record) by reflection.
  opens io.switchboard.livetrace to
      com.fasterxml.jackson.databind;
}
