package io.switchboard.connection;

/** The three SignalR transports, with the names used on the wire and by hub code. */
public enum TransportType {
  /** Full-duplex WebSocket. */
  WEB_SOCKETS("WebSockets"),
  /** Server-Sent Events for server to client, HTTP POST for client to server. */
  SERVER_SENT_EVENTS("ServerSentEvents"),
  /** Long polling for server to client, HTTP POST for client to server. */
  LONG_POLLING("LongPolling");

  private final String wireName;

  TransportType(String wireName) {
    this.wireName = wireName;
  }

  /** The name in negotiate responses and error texts, e.g. {@code WebSockets}. */
  public String wireName() {
    return wireName;
  }
}
