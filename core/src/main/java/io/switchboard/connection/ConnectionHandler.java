package io.switchboard.connection;

/**
 * The application that runs on connections of one endpoint: the hub layer for a hub, or a raw
 * handler such as an echo.
 */
public interface ConnectionHandler {

  /**
   * A connection's first transport is attached. Called once per connection, on a transport thread
   * (a Netty event loop): like {@link ConnectionListener#onData}, it must not block; start slow
   * work elsewhere. Throwing aborts the connection.
   *
   * @return the listener that receives the connection's data and its end
   */
  ConnectionListener onConnected(Connection connection);
}
