package io.switchboard.auth;

import io.switchboard.connection.HttpRequestInfo;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads a bearer token from the {@code Authorization: Bearer} header or, for browsers that cannot
 * set headers on WebSockets and EventSource, from the {@code access_token} query parameter, and
 * hands it to a validator.
 */
public final class BearerTokenAuthenticator implements Authenticator {
  private static final String PREFIX = "Bearer ";
  private final Function<String, Optional<AuthenticatedUser>> validator;

  /**
   * @param validator checks a token and returns its user, or empty when it is invalid or expired
   */
  public BearerTokenAuthenticator(Function<String, Optional<AuthenticatedUser>> validator) {
    this.validator = validator;
  }

  @Override
  public Optional<AuthenticatedUser> authenticate(HttpRequestInfo request) {
    String token = token(request);
    return token == null || token.isEmpty() ? Optional.empty() : validator.apply(token);
  }

  /**
   * The {@code WWW-Authenticate} value of a 401 answer to {@code request}, as ASP.NET Core's
   * JwtBearer challenges: {@code Bearer} when the request carried no token, {@code Bearer
   * error="invalid_token"} when it carried one that was not accepted (the validator tells no
   * reason, so there is no {@code error_description}).
   */
  public static String challenge(HttpRequestInfo request) {
    String token = token(request);
    return token == null || token.isEmpty() ? "Bearer" : "Bearer error=\"invalid_token\"";
  }

  /** The request's bearer token: the header first, then the query parameter; or null. */
  static String token(HttpRequestInfo request) {
    String header = request.header("Authorization");
    if (header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
      return header.substring(PREFIX.length()).trim();
    }
    return request.queryParameter("access_token");
  }
}
