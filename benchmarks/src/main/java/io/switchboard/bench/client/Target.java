package io.switchboard.bench.client;

/**
 * Where and how the load generator connects.
 *
 * @param port server port on 127.0.0.1
 * @param path hub path ({@code /bench}), or the raw server's path
 * @param format hub protocol of the connections (also picks Text or Binary frames)
 * @param raw true for a raw-Netty ceiling: a bare WebSocket upgrade, no negotiate, no handshake
 */
public record Target(int port, String path, WireFormat format, boolean raw) {
  /** The loopback address every scenario uses. */
  public static final String HOST = "127.0.0.1";
}
