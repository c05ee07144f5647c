package io.switchboard.connection;

import io.switchboard.auth.AuthenticationOutcome;

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

  /**
   * Decides whether a negotiate or transport request may go on. Transports answer a refused
   * request with the outcome's status and an empty body.
   */
  default AuthenticationOutcome authenticate(HttpRequestInfo request) {
    return AuthenticationOutcome.ANONYMOUS;
  }
}
