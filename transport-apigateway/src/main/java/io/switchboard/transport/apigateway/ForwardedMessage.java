package io.switchboard.transport.apigateway;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A {@code $default} or {@code $disconnect} that reached a node not holding its connection, as
 * that node publishes it on the connection's backplane channel for the node that does. The
 * envelope, in bytes:
 *
 * <pre>
 *   0      version, 1
 *   1      route: 1 = $default, 2 = $disconnect
 *   2..3   N, the length of the connection id's UTF-8 bytes (big-endian, unsigned)
 *   4..    the connection id (N bytes), then the $default's body as API Gateway passed it
 *          (nothing for a $disconnect)
 * </pre>
 */
record ForwardedMessage(Route route, String connectionId, byte[] payload) {
  private static final byte VERSION = 1;
  private static final int HEADER = 4;

  /** The API Gateway route a forwarded message came in on. */
  enum Route {
    DEFAULT((byte) 1),
    DISCONNECT((byte) 2);

    private final byte code;

    Route(byte code) {
      this.code = code;
    }

    static Route of(byte code) {
      for (Route route : values()) {
        if (route.code == code) {
          return route;
        }
      }
      throw new IllegalArgumentException("Unknown route " + code + " in a forwarded message");
    }
  }

  /** The envelope's bytes. */
  byte[] encode() {
    byte[] id = connectionId.getBytes(StandardCharsets.UTF_8);
    if (id.length > 0xFFFF) {
      throw new IllegalArgumentException("A connection id of " + id.length + " bytes is too long");
    }
    return ByteBuffer.allocate(HEADER + id.length + payload.length)
        .put(VERSION)
        .put(route.code)
        .putShort((short) id.length)
        .put(id)
        .put(payload)
        .array();
  }

  /**
   * Reads an envelope.
   *
   * @throws IllegalArgumentException when {@code bytes} is not one
   */
  static ForwardedMessage decode(byte[] bytes) {
    if (bytes.length < HEADER || bytes[0] != VERSION) {
      throw new IllegalArgumentException("Not a forwarded API Gateway message");
    }
    int idLength = ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    if (bytes.length < HEADER + idLength) {
      throw new IllegalArgumentException("A forwarded message cut short");
    }
    String id = new String(bytes, HEADER, idLength, StandardCharsets.UTF_8);
    return new ForwardedMessage(
        Route.of(bytes[1]), id, Arrays.copyOfRange(bytes, HEADER + idLength, bytes.length));
  }
}
