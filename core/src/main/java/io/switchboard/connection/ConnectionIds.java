package io.switchboard.connection;

import java.security.SecureRandom;
import java.util.Base64;

/** Connection ids and tokens: 16 cryptographically random bytes, base64url without padding. */
final class ConnectionIds {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

  private ConnectionIds() {}

  /** A fresh 22-character value. */
  static String next() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return ENCODER.encodeToString(bytes);
  }
}
