package io.switchboard.examples.chat;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.BearerTokenAuthenticator;
import io.switchboard.livetrace.LiveTrace;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The chat's live trace, open to one shared token: the chat has no users of its own to check, so
 * whoever holds {@code LIVE_TRACE_TOKEN} (or the random token made at start) may watch.
 */
final class LiveTraceToken {
  private static final int RANDOM_BYTES = 24;

  private LiveTraceToken() {}

  /** {@code LIVE_TRACE_TOKEN}, or a new random token when it is unset. */
  static String fromEnvironment() {
    String configured = System.getenv("LIVE_TRACE_TOKEN");
    if (configured != null && !configured.isBlank()) {
      return configured;
    }
    byte[] random = new byte[RANDOM_BYTES];
    new SecureRandom().nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }

  /** A live trace for the holders of {@code token}, seen as the user {@code operator}. */
  static LiveTrace liveTrace(String token) {
    byte[] expected = token.getBytes(StandardCharsets.UTF_8);
    AuthenticatedUser operator = new AuthenticatedUser("operator", Map.of(), null);
    return LiveTrace.builder(
            new BearerTokenAuthenticator(
                given ->
                    MessageDigest.isEqual(expected, given.getBytes(StandardCharsets.UTF_8))
                        ? Optional.of(operator)
                        : Optional.empty()))
        .build();
  }
}
