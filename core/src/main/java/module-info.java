/**
 * Switchboard's core: hubs and their clients, the hub protocols, connections and the transport
 * SPI, lifetime managers, the scale-out SPI, the events SPI and transport-neutral composition.
 * Implementation packages ({@code ...internal}) are exported only to the Switchboard modules that
 * need them.
 */
module io.switchboard.core {
  requires transitive com.fasterxml.jackson.core;
  requires transitive com.fasterxml.jackson.databind;
  requires com.fasterxml.jackson.datatype.jsr310;
  requires transitive jackson.dataformat.msgpack;
  requires msgpack.core;
  requires org.slf4j;

  exports io.switchboard.auth;
  exports io.switchboard.backplane;
  exports io.switchboard.connection;
  exports io.switchboard.events;
  exports io.switchboard.hub;
  exports io.switchboard.lifetime;
  exports io.switchboard.protocol;
  exports io.switchboard.protocol.json;
  exports io.switchboard.protocol.msgpack;
  exports io.switchboard.server;

  exports io.switchboard.backplane.internal to
      io.switchboard.backplane.redis,
      io.switchboard.backplane.sql;
  exports io.switchboard.connection.internal to
      io.switchboard.transport.netty,
      io.switchboard.livetrace;
}
