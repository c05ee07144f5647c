package io.switchboard.connection;

/**
 * Lifecycle of a connection at the transport layer (protocol §1.5): {@code INACTIVE} until a
 * transport request is served, {@code ACTIVE} while one is, and {@code DISPOSED} for good.
 */
public enum ConnectionState {
  /** Negotiated, or between transport requests; expires after the disconnect timeout. */
  INACTIVE,
  /** A transport request is being served. */
  ACTIVE,
  /** Gone: later requests for it get 404. */
  DISPOSED
}
