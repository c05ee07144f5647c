package io.switchboard.auth;

/**
 * What an endpoint decided about a negotiate or transport request: go on (with a user or
 * anonymously), or answer with an HTTP status and an empty body.
 *
 * @param status 200 to go on, 401 when authentication is missing, 403 when a policy refused
 * @param user the authenticated user, or null
 */
public record AuthenticationOutcome(int status, AuthenticatedUser user) {

  /** Go on without a user. */
  public static final AuthenticationOutcome ANONYMOUS = new AuthenticationOutcome(200, null);

  /** Whether the request may go on. */
  public boolean allowed() {
    return status == 200;
  }
}
