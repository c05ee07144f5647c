package io.switchboard.connection;

/**
 * What the connection layer decided about a transport request: the connection it belongs to, or
 * the HTTP answer that rejects it. Exactly one of the two is non-null.
 */
public final class AttachResult {
  private final ManagedConnection connection;
  private final TransportResponse rejection;

  private AttachResult(ManagedConnection connection, TransportResponse rejection) {
    this.connection = connection;
    this.rejection = rejection;
  }

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

  /** The connection the adapter reports its transport's events to, or null when rejected. */
  public TransportConnection connection() {
    return connection;
  }

  /** The answer to write, or null when accepted. */
  public TransportResponse rejection() {
    return rejection;
  }

  /** The connection itself, for the connection layer. */
  ManagedConnection managed() {
    return connection;
  }
}
