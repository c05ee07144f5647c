package io.switchboard.backplane;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Server names and client-result invocation ids in the shapes .NET uses (backplanes.md §1.9). */
final class BackplaneIds {
  private static final SecureRandom RANDOM = new SecureRandom();

  private BackplaneIds() {}

  /** {@code {host}_{32 hex digits}}: new for every lifetime manager, never reused. */
  static String newServerName() {
    return hostName() + "_" + UUID.randomUUID().toString().replace("-", "");
  }

  /** 16 random bytes in standard base64 without padding: unique across servers. */
  static String newInvocationId() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return Base64.getEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String hostName() {
    String fromEnvironment = System.getenv("HOSTNAME");
    if (fromEnvironment != null && !fromEnvironment.isBlank()) {
      return fromEnvironment;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
