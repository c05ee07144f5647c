package io.switchboard.protocol;

import java.nio.ByteBuffer;

/** STUB. */
public final class HandshakeProtocol {
  private HandshakeProtocol() {}

  public static HandshakeRequest parseRequest(ByteBuffer input) {
    throw new UnsupportedOperationException();
  }

  public static byte[] successResponse() {
    return new byte[] {0x7B, 0x7D, 0x1E};
  }

  public static byte[] errorResponse(String message) {
    throw new UnsupportedOperationException();
  }
}
