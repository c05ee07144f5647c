package io.switchboard.auth;

import io.switchboard.connection.HttpRequestInfo;
import java.util.Optional;

/**
 * Establishes who sent a negotiate or transport request. Core ships
 * {@link BearerTokenAuthenticator}; applications plug in their token validation (JWT, opaque
 * tokens, cookies) without core depending on any security library.
 *
 * <h2>Threads</h2>
 *
 * It is called once per HTTP request of a hub endpoint (negotiate, each WebSocket, Server-Sent
 * Events request, long poll, POST send and DELETE), on the hub's executor ({@code
 * HubOptions.executor}, by default the hub-method threads), never on a transport's I/O thread:
 * it may block, e.g. to ask an identity provider about an opaque token, and calls for different
 * requests may run at the same time, so it must be thread-safe. The request waits for the answer
 * (its connection reads nothing more meanwhile); the user it returns is carried to the
 * connection, which checks that every later request is the same user and never authenticates
 * again on its own.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * Authenticates a request.
   *
   * @return the user, or empty when the request carries no valid credential
   */
  Optional<AuthenticatedUser> authenticate(HttpRequestInfo request);
}
