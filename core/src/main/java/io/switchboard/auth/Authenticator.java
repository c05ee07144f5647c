package io.switchboard.auth;

import io.switchboard.connection.HttpRequestInfo;
import java.util.Optional;

/**
 * Establishes who sent a negotiate or transport request. Core ships
 * {@link BearerTokenAuthenticator}; applications plug in their token validation (JWT, opaque
 * tokens, cookies) without core depending on any security library.
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
