package io.switchboard.connection;

/**
 * The application that runs on connections of one endpoint: the hub layer for a hub, or a raw
 * handler such as an echo.
 */
public interface ConnectionHandler {

  /**
   * A connection's first transport is attached. Called once per connection.
   *
   * @return the listener that receives the connection's data and its end
   */
  ConnectionListener onConnected(Connection connection);
}
