package io.switchboard.protocol.testing;

import java.util.HexFormat;

/** Hex dumps as written in the protocol reference: upper case, bytes separated by spaces. */
public final class Hex {

  private static final HexFormat FORMAT = HexFormat.ofDelimiter(" ").withUpperCase();

  private Hex() {}

  /** Parses {@code "96 01 80"}. */
  public static byte[] bytes(String hex) {
    String trimmed = hex.trim();
    return trimmed.isEmpty() ? new byte[0] : FORMAT.parseHex(trimmed);
  }

  /** Formats bytes as {@code "96 01 80"}. */
  public static String format(byte[] bytes) {
    return FORMAT.formatHex(bytes);
  }
}
