package io.switchboard.auth;

import java.time.Instant;
import java.util.Map;

/**
 * Who a connection belongs to, as an {@link Authenticator} established it.
 *
 * @param nameIdentifier the user's stable identifier (the default user id)
 * @param claims every claim of the credential, e.g. roles
 * @param expiresAt when the credential expires, or null
 */
public record AuthenticatedUser(String nameIdentifier, Map<String, Object> claims, Instant expiresAt) {

  public AuthenticatedUser {
    claims = Map.copyOf(claims);
  }
}
