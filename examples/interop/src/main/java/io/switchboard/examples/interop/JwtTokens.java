package io.switchboard.examples.interop;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.DecodedJWT;
import io.switchboard.auth.AuthenticatedUser;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * HS256 tokens for {@code /generateJwtToken} and {@code /authorizedhub}: signed with a key made at
 * start-up, carrying the user in the {@code nameid} claim, valid for five seconds.
 */
final class JwtTokens {
  private static final String NAME_IDENTIFIER = "nameid";
  private static final Duration LIFETIME = Duration.ofSeconds(5);

  private final Algorithm algorithm;
  private final JWTVerifier verifier;

  JwtTokens() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    algorithm = Algorithm.HMAC256(key);
    verifier = JWT.require(algorithm).build();
  }

  /** A token for this user. */
  String issue(String user) {
    return JWT.create()
        .withIssuer("SignalRTestServer")
        .withAudience("SignalRTests")
        .withClaim(NAME_IDENTIFIER, user)
        .withExpiresAt(Instant.now().plus(LIFETIME))
        .sign(algorithm);
  }

  /** The user of a valid, unexpired token; empty otherwise. */
  Optional<AuthenticatedUser> validate(String token) {
    try {
      DecodedJWT jwt = verifier.verify(token);
      String user = jwt.getClaim(NAME_IDENTIFIER).asString();
      if (user == null) {
        return Optional.empty();
      }
      return Optional.of(
          new AuthenticatedUser(user, Map.of(NAME_IDENTIFIER, user), jwt.getExpiresAtAsInstant()));
    } catch (JWTVerificationException invalid) {
      return Optional.empty();
    }
  }
}
