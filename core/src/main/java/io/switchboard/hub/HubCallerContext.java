package io.switchboard.hub;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.TransportType;
import java.util.Map;

/** What a hub method knows about the connection that called it. */
public interface HubCallerContext {

  /** The public connection id. */
  String connectionId();

  /** The user id of the connection, or null when not authenticated. */
  String userIdentifier();

  /** The authenticated user, or null. */
  AuthenticatedUser user();

  /** Per-connection items, shared by every invocation of the connection. */
  Map<Object, Object> items();

  /** The HTTP request that carried the transport: headers, query, cookies. */
  HttpRequestInfo request();

  /** The transport in use. */
  TransportType transportType();

  /** Ends the connection from the server side (the client receives a Close without error). */
  void abort();

  /**
   * Cuts the current transport abruptly (no Close message, no close handshake) but keeps the
   * connection: a client using stateful reconnect re-attaches and loses nothing; any other client
   * sees its connection drop. Meant for failover drills and tests.
   */
  void dropTransport();
}
