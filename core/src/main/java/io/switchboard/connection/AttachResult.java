package io.switchboard.connection;

/**
 * What the connection layer decided about a transport request: the connection it belongs to, or
 * the HTTP answer that rejects it. Exactly one of the two is non-null.
 *
 * @param connection the connection, or null when rejected
 * @param rejection the answer to write, or null when accepted
 */
public record AttachResult(ManagedConnection connection, TransportResponse rejection) {

  static AttachResult accepted(ManagedConnection connection) {
    return new AttachResult(connection, null);
  }

  static AttachResult rejected(TransportResponse rejection) {
    return new AttachResult(null, rejection);
  }

  /** Whether the request was accepted. */
  public boolean isAccepted() {
    return connection != null;
  }
}
