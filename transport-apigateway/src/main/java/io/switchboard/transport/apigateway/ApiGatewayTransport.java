package io.switchboard.transport.apigateway;

import io.switchboard.auth.AuthenticationOutcome;
import io.switchboard.connection.AttachResult;
import io.switchboard.connection.ConnectionEndpoint;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.TransportResponse;
import io.switchboard.connection.TransportType;
import io.switchboard.server.EndpointRoutes;
import io.switchboard.server.SwitchboardApplication;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API Gateway WebSocket API's three routes mapped to Switchboard connections, whatever
 * carries them (the HTTP endpoints of {@link ApiGatewayServer}, or a handler of your own): {@link
 * #connect} authenticates and creates the connection, {@link #message} hands it a {@code $default}
 * message, {@link #disconnect} ends it. Each answers at once (API Gateway waits at most 29 s for
 * an integration): hub results, the handshake response and keep-alive pings go to the client as
 * {@code @connections} POSTs.
 *
 * <p>There is no negotiate (API Gateway serves no HTTP routes): the official clients connect with
 * {@code skipNegotiation} and WebSockets, and send their token as {@code access_token} in the
 * query string.
 *
 * <p>A connection lives on the node that took its {@code $connect}. API Gateway spreads its later
 * {@code $default} and {@code $disconnect} over all nodes: with {@link ApiGatewayOptions#backplane()}
 * set, the owner subscribes the connection's channel (until the connection ends) and the other
 * nodes publish what they get there, answering API Gateway at once; a {@code $default} that no node
 * takes closes the client's socket. Without one, a node answers 410 for a connection it does not
 * hold. Groups, users and connections on other nodes go over the application's backplane.
 */
public final class ApiGatewayTransport implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ApiGatewayTransport.class);

  private final SwitchboardApplication application;
  private final ApiGatewayOptions options;
  private final ConnectionsApi api;
  private final ExecutorService senders;
  private final Map<String, ApiGatewaySession> sessions = new ConcurrentHashMap<>();
  /** Null without a backplane: one node serves the API. */
  private final Forwarding forwarding;

  /** A transport for {@code application}'s hubs, pushing through the API {@code options} name. */
  public ApiGatewayTransport(SwitchboardApplication application, ApiGatewayOptions options) {
    this.application = application;
    this.options = options;
    this.api = new ConnectionsApi(options);
    this.senders =
        Executors.newFixedThreadPool(
            options.senderThreads(), DaemonThreads.named("switchboard-apigateway-send"));
    this.forwarding =
        options.backplane() == null
            ? null
            : new Forwarding(options.backplane(), options.channelPrefix(), api, senders);
  }

  /**
   * The {@code $connect} route: authenticates {@code request} (a GET of the hub's path, with the
   * client's query string and headers) and attaches a new connection to API Gateway's {@code
   * connectionId}. 200 accepts the socket; any other answer makes API Gateway refuse it.
   */
  public TransportResponse connect(String connectionId, HttpRequestInfo request) {
    EndpointRoutes.Match match = application.routes().match(request.path());
    if (match == null || match.kind() != EndpointRoutes.Kind.CONNECTION) {
      return TransportResponse.empty(404);
    }
    ConnectionEndpoint endpoint = match.endpoint();
    AuthenticationOutcome outcome;
    try {
      outcome = endpoint.authenticate(request).join();
    } catch (CompletionException e) {
      LOG.error("Authenticating a request to {} failed", request.path(), e.getCause());
      return TransportResponse.empty(500);
    }
    if (!outcome.allowed()) {
      return TransportResponse.empty(outcome.status());
    }
    ApiGatewaySession session =
        new ApiGatewaySession(
            connectionId, api, senders, options.maxMessageSize(), this::forget);
    AttachResult attached =
        endpoint.attach(TransportType.WEB_SOCKETS, request.withUser(outcome.user()), session);
    if (!attached.isAccepted()) {
      return attached.rejection();
    }
    session.bind(attached.connection());
    sessions.put(connectionId, session);
    if (forwarding != null) {
      subscribe(session);
    }
    attached.connection().transportStarted(session);
    return TransportResponse.empty(200);
  }

  /**
   * Waits (up to the request timeout) until other nodes' forwarded messages reach {@code session}:
   * its first {@code $default} may go to any node. A backplane that is down now restores the
   * subscription once it is back; meanwhile the forwarding nodes close the socket.
   */
  private void subscribe(ApiGatewaySession session) {
    String id = session.apiConnectionId();
    try {
      forwarding
          .subscribe(id, message -> deliver(session, message))
          .get(options.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException e) {
      LOG.warn("Connection {}: its forwarding channel is not subscribed yet", id, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (sessions.get(id) != session) {
      forwarding.unsubscribe(id); // it ended while subscribing, after its own unsubscribe
    }
  }

  /** A message another node forwarded, for a session that may have ended since. */
  private void deliver(ApiGatewaySession session, ForwardedMessage message) {
    if (sessions.get(session.apiConnectionId()) != session) {
      return;
    }
    if (message.route() == ForwardedMessage.Route.DEFAULT) {
      session.received(message.payload());
    } else {
      session.disconnected();
    }
  }

  /**
   * The {@code $default} route: one WebSocket message of the client (the first carries the
   * handshake; any may carry several records). For a connection this node does not hold: 200
   * once forwarded with a backplane, else 410.
   */
  public TransportResponse message(String connectionId, byte[] body) {
    ApiGatewaySession session = sessions.get(connectionId);
    if (session != null) {
      session.received(body);
      return TransportResponse.empty(200);
    }
    if (forwarding != null) {
      forwarding.forward(new ForwardedMessage(ForwardedMessage.Route.DEFAULT, connectionId, body));
      return TransportResponse.empty(200);
    }
    LOG.debug("A message for unknown connection {}", connectionId);
    return TransportResponse.text(410, "No Connection with that ID");
  }

  /** The {@code $disconnect} route: the client's socket is gone (whoever closed it). */
  public TransportResponse disconnect(String connectionId) {
    ApiGatewaySession session = sessions.get(connectionId);
    if (session != null) {
      session.disconnected();
    } else if (forwarding != null) {
      forwarding.forward(
          new ForwardedMessage(ForwardedMessage.Route.DISCONNECT, connectionId, new byte[0]));
    }
    return TransportResponse.empty(200);
  }

  /** How many API Gateway connections this node serves. */
  public int connectionCount() {
    return sessions.size();
  }

  /** Every end of a session comes here once. */
  private void forget(ApiGatewaySession session) {
    try {
      sessions.remove(session.apiConnectionId(), session);
    } finally {
      if (forwarding != null) {
        forwarding.unsubscribe(session.apiConnectionId());
      }
    }
  }

  /**
   * Waits up to 10 seconds for the queued {@code @connections} requests (stop the application
   * first: its shutdown closes every connection), then releases the client.
   */
  @Override
  public void close() {
    senders.shutdown();
    try {
      if (!senders.awaitTermination(10, TimeUnit.SECONDS)) {
        senders.shutdownNow();
      }
    } catch (InterruptedException e) {
      senders.shutdownNow();
      Thread.currentThread().interrupt();
    }
    api.close();
  }
}
