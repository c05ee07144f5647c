package io.switchboard.connection;

import io.switchboard.auth.AuthenticationOutcome;
import java.util.concurrent.Executor;

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
   * Decides whether a negotiate or transport request may go on, and as which user. Called once per
   * request, on {@link #authenticationExecutor()}; transports answer a refused request with the
   * outcome's status and an empty body.
   */
  default AuthenticationOutcome authenticate(HttpRequestInfo request) {
    return AuthenticationOutcome.ANONYMOUS;
  }

  /**
   * Where {@link #authenticate} runs: an executor whose threads may block (a token check may do
   * I/O), or null when it never blocks and may run on the transport thread that read the request
   * (the default, for the default {@link #authenticate}). A handler that overrides {@code
   * authenticate} with anything slower than a lookup in memory returns an executor here.
   */
  default Executor authenticationExecutor() {
    return null;
  }
}
