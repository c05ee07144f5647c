package io.switchboard.transport.netty;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.EmptyHttpHeaders;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.util.ReferenceCountUtil;
import io.switchboard.auth.AuthenticationOutcome;
import io.switchboard.auth.BearerTokenAuthenticator;
import io.switchboard.auth.BrowserOrigins;
import io.switchboard.connection.ConnectionEndpoint;
import io.switchboard.connection.ConnectionHandler;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.TransportResponse;
import io.switchboard.server.EndpointRoutes;
import io.switchboard.server.SwitchboardApplication;
import java.net.InetAddress;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Switchboard endpoints (hubs and raw {@link ConnectionHandler}s) inside any Netty HTTP
 * pipeline, and passes every other message on with {@code fireChannelRead}, so that an
 * application's own handlers after it serve the remaining routes.
 *
 * <p>For each endpoint mounted on a path {@code P} (matched case-insensitively) it serves {@code
 * POST P/negotiate} and the transport requests on {@code P}: WebSockets, Server-Sent Events, long
 * polls, POST sends and DELETE. Every one of them is first authenticated, once, by the endpoint's
 * handler (on its authentication executor, never on the event loop when that may block); a refused
 * request gets the refusal's status with an empty body, and one of a user other than the
 * connection's owner gets 403. It needs an {@link
 * io.netty.handler.codec.http.HttpServerCodec} and an {@link
 * io.netty.handler.codec.http.HttpObjectAggregator} before it; {@link
 * SwitchboardChannelInitializer} builds such a pipeline, with the request limits, timeouts and
 * connection caps of {@link NettyTransportOptions} (in a pipeline of the application's own, this
 * handler applies the header count, the body bounds and the upgraded-connection cap). Requests
 * that failed to parse are answered here (414, 431, 400), before any application handler after
 * it. One instance may serve many channels.
 *
 * <pre>{@code
 * SwitchboardApplication application = SwitchboardApplication.builder()
 *     .hub("/chat", ChatHub.class)
 *     .build();
 * SwitchboardHttpHandler switchboard = SwitchboardHttpHandler.builder(application).build();
 * pipeline.addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20), switchboard,
 *     new MyRoutes());
 * // on stop: application.stop(timeout)
 * }</pre>
 *
 * <h2>Threads</h2>
 *
 * The event loop does I/O only. Received bytes go to {@code ConnectionListener.onData} on the event
 * loop (documented as non-blocking); a POST held by back-pressure waits without blocking. Writes from any thread are queued and moved onto the event
 * loop in batches with at most one pending flush task per channel, so many writes cost one flush.
 *
 * <h2>Outbound memory</h2>
 *
 * Writes never block the caller: a broadcast must not wait for its slowest recipient. Instead each
 * channel gets write-buffer watermarks ({@link NettyTransportOptions}, 32 / 64 KiB by default,
 * the reference server's pause threshold), and a slow client is cut off, as the reference server
 * does when a send exceeds its {@code TransportSendTimeout}:
 *
 * <ul>
 *   <li>a channel that stays above its high watermark for {@code sendTimeout} (10 s) is aborted;
 *   <li>a write that would take the connection's queued bytes (not yet written to the socket)
 *       past {@code maxPendingWriteBytes} (8 MiB) is dropped and the connection aborted at once.
 * </ul>
 *
 * Either way the connection's {@code onClosed} receives an {@link java.io.IOException} saying why,
 * and a warning is logged once. Other connections are unaffected.
 */
@Sharable
public final class SwitchboardHttpHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardHttpHandler.class);
  private static final Set<HttpMethod> CONNECTION_METHODS =
      Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.DELETE);

  private final EndpointRoutes routes;
  private final NettyTransportOptions options;
  private final WebSocketTransport webSockets;
  private final ServerSentEventsTransport serverSentEvents;
  private final LongPollingTransport longPolling;
  private final BrowserOriginChecks originChecks;
  private final ForwardedHeaders forwarded;
  private final ConnectionLimits connectionLimits;

  private SwitchboardHttpHandler(
      EndpointRoutes routes,
      NettyTransportOptions options,
      BrowserOrigins origins,
      ForwardedHeaders forwarded) {
    this.routes = routes;
    this.options = options;
    this.originChecks = new BrowserOriginChecks(origins);
    this.forwarded = forwarded;
    this.connectionLimits = new ConnectionLimits(options);
    EventLoopDrains.PerLoop drains = new EventLoopDrains.PerLoop();
    this.webSockets = new WebSocketTransport(options, connectionLimits, drains);
    this.serverSentEvents = new ServerSentEventsTransport(options, drains);
    this.longPolling = new LongPollingTransport(options);
  }

  /**
   * Starts a builder of a handler serving {@code application}'s endpoints; the application's owner
   * stops it ({@link SwitchboardApplication#stop}) once the channels accept no more requests.
   */
  public static Builder builder(SwitchboardApplication application) {
    return new Builder(application);
  }

  /** The transport limits. */
  public NettyTransportOptions transportOptions() {
    return options;
  }

  /**
   * Answers every request the HTTP decoder failed on (414, 431 or 400, then closes) or that has
   * too many headers (431), whatever its path, so that no application handler after this one sees
   * a half-parsed request; serves the endpoints' requests and passes the rest on. Whatever it does
   * not pass on is released here.
   */
  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof HttpRequest request)) {
      ctx.fireChannelRead(msg);
      return;
    }
    boolean passedOn = false;
    try {
      passedOn = route(ctx, request);
    } finally {
      if (!passedOn) {
        ReferenceCountUtil.release(msg);
      }
    }
  }

  /** Serves or refuses {@code request}; true if it went on to the next handler, which owns it. */
  private boolean route(ChannelHandlerContext ctx, HttpRequest request) {
    if (request.decoderResult().isFailure()) {
      Throwable cause = request.decoderResult().cause();
      LOG.debug("Channel {}: malformed HTTP request: {}", ctx.channel(), cause.toString());
      BadRequests.answer(ctx, BadRequests.statusOf(cause));
      return false;
    }
    if (request.headers().size() > options.maxRequestHeaderCount()) {
      LOG.debug("Channel {}: {} request headers", ctx.channel(), request.headers().size());
      BadRequests.answer(ctx, BadRequests.HEADERS_TOO_LARGE);
      return false;
    }
    EndpointRoutes.Match match;
    HttpRequestInfo info;
    try {
      QueryStringDecoder uri = new QueryStringDecoder(request.uri());
      match = routes.match(uri.path());
      info = match == null ? null : HttpRequests.info(request, uri, ctx.channel(), forwarded);
    } catch (IllegalArgumentException e) {
      // The message names the bad escape only; the URI may hold a token and is not logged.
      LOG.debug("Channel {}: undecodable request target: {}", ctx.channel(), e.getMessage());
      BadRequests.answer(ctx, BadRequests.BAD_REQUEST);
      return false;
    }
    if (match == null) {
      ctx.fireChannelRead(request);
      return true;
    }
    if (!(request instanceof FullHttpRequest full)) {
      LOG.error("Switchboard needs an HttpObjectAggregator before its handler");
      HttpExchange.of(ctx, request).respond(TransportResponse.empty(500));
    } else if (full.content().readableBytes() > maxBodySize(request.method(), match)) {
      BadRequests.answer(ctx, BadRequests.PAYLOAD_TOO_LARGE);
    } else {
      serve(ctx, full, info, match);
    }
    return false;
  }

  /**
   * The largest body {@code request} may carry: an endpoint's POST carries hub messages, up to
   * {@code maxRequestSize}; its other requests only {@code maxNonMessageBodySize}; application
   * routes (and paths that cannot be decoded, answered 400 later) {@code maxRequestSize}.
   */
  int maxBodySize(HttpRequest request) {
    EndpointRoutes.Match match;
    try {
      match = routes.match(new QueryStringDecoder(request.uri()).path());
    } catch (IllegalArgumentException e) {
      match = null;
    }
    return match == null ? options.maxRequestSize() : maxBodySize(request.method(), match);
  }

  private int maxBodySize(HttpMethod method, EndpointRoutes.Match match) {
    boolean carriesMessages =
        match.kind() == EndpointRoutes.Kind.CONNECTION && HttpMethod.POST.equals(method);
    return carriesMessages ? options.maxRequestSize() : options.maxNonMessageBodySize();
  }

  /** The caps on concurrent connections of this handler's channels. */
  ConnectionLimits connectionLimits() {
    return connectionLimits;
  }

  /** The pending poll of a closed channel is abandoned (its connection turns inactive). */
  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    longPolling.channelClosed(ctx.channel());
    ctx.fireChannelInactive();
  }

  /**
   * Answers a CORS preflight (when CORS is on) and marks the answer of an allowed origin for its
   * CORS headers; checks the method (405 first, as routing does) and a WebSocket upgrade's origin
   * (403 for one outside the allow-list); then authenticates the request once (nothing is created
   * for a refused request), then dispatches by method and, for GET, by transport (§1.1). An
   * authentication that runs on the endpoint's authentication executor (user code that may block)
   * is waited for off the event loop ({@link HeldRequests}).
   */
  private void serve(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpRequestInfo info,
      EndpointRoutes.Match match) {
    if (originChecks.answeredPreflight(ctx, request)) {
      return;
    }
    originChecks.decorateAnswer(ctx, request);
    HttpMethod method = request.method();
    boolean negotiate = match.kind() == EndpointRoutes.Kind.NEGOTIATE;
    if (negotiate ? !HttpMethod.POST.equals(method) : !CONNECTION_METHODS.contains(method)) {
      HttpExchange.of(ctx, request).respond(TransportResponse.empty(405));
      return;
    }
    if (HttpMethod.GET.equals(method)
        && HttpRequests.isWebSocketUpgrade(request)
        && !originChecks.webSocketAllowed(request)) {
      HttpExchange.of(ctx, request).respond(TransportResponse.empty(403));
      return;
    }
    CompletableFuture<AuthenticationOutcome> outcome = match.endpoint().authenticate(info);
    if (outcome.isDone()) {
      dispatch(ctx, request, info, match, outcome);
      return;
    }
    HeldRequests.serveAfter(ctx, request, outcome, () -> dispatch(ctx, request, info, match, outcome));
  }

  /** A 401's {@code WWW-Authenticate} header, as the reference's JwtBearer sends it; else none. */
  private static HttpHeaders challenge(AuthenticationOutcome outcome, HttpRequestInfo request) {
    return outcome.status() == 401
        ? new DefaultHttpHeaders().set(HttpHeaderNames.WWW_AUTHENTICATE, BearerTokenAuthenticator.challenge(request))
        : EmptyHttpHeaders.INSTANCE;
  }

  /** Answers a refused or failed authentication, or serves the request as its user. */
  private void dispatch(
      ChannelHandlerContext ctx,
      FullHttpRequest request,
      HttpRequestInfo unauthenticated,
      EndpointRoutes.Match match,
      CompletableFuture<AuthenticationOutcome> authentication) {
    HttpExchange exchange = HttpExchange.of(ctx, request);
    AuthenticationOutcome outcome;
    try {
      outcome = authentication.join();
    } catch (CompletionException | CancellationException e) {
      LOG.error("Authenticating a request to {} failed", unauthenticated.path(), e.getCause());
      exchange.respond(TransportResponse.empty(500));
      return;
    }
    if (!outcome.allowed()) {
      exchange.respond(TransportResponse.empty(outcome.status()), challenge(outcome, unauthenticated));
      return;
    }
    HttpRequestInfo info = unauthenticated.withUser(outcome.user());
    ConnectionEndpoint endpoint = match.endpoint();
    HttpMethod method = request.method();
    if (match.kind() == EndpointRoutes.Kind.NEGOTIATE) {
      exchange.respond(endpoint.negotiate(info));
    } else if (HttpMethod.POST.equals(method)) {
      endpoint
          .send(info, request.content().nioBuffer(), ctx.channel().eventLoop())
          .thenAccept(exchange::respond);
    } else if (HttpMethod.DELETE.equals(method)) {
      exchange.respond(endpoint.delete(info));
    } else if (HttpRequests.acceptsEventStream(request)) {
      serverSentEvents.stream(ctx, request, endpoint, info);
    } else if (HttpRequests.isWebSocketUpgrade(request)) {
      webSockets.upgrade(ctx, request, endpoint, info);
    } else {
      longPolling.poll(ctx, request, endpoint, info);
    }
  }

  /** Configures the handler; {@link #build()} makes the (shareable) handler. */
  public static final class Builder {
    private final SwitchboardApplication application;
    private NettyTransportOptions options = NettyTransportOptions.defaults();
    private BrowserOrigins origins = BrowserOrigins.unchecked();
    private ForwardedHeaders forwarded = ForwardedHeaders.IGNORED;

    private Builder(SwitchboardApplication application) {
      this.application = Objects.requireNonNull(application, "application");
    }

    /** Sets the transport limits. */
    public Builder transportOptions(NettyTransportOptions value) {
      options = Objects.requireNonNull(value);
      return this;
    }

    /** Sets the CORS origins and the WebSocket origin allow-list (default: both off). */
    public Builder browserOrigins(BrowserOrigins value) {
      origins = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Believes {@code X-Forwarded-For}, {@code X-Forwarded-Proto} and {@code X-Forwarded-Host} on
     * requests whose immediate peer {@code trustedProxies} accepts (e.g. {@code
     * InetAddress::isLoopbackAddress} for a proxy on the same host): the connection's {@link
     * HttpRequestInfo#remoteAddress()}, {@link HttpRequestInfo#scheme()} and {@code Host} header are
     * then the client's. Off by default: the headers are ignored, as a client may send any.
     */
    public Builder trustForwardedHeaders(Predicate<InetAddress> trustedProxies) {
      forwarded = ForwardedHeaders.trusting(trustedProxies);
      return this;
    }

    /** The transport limits set so far. */
    NettyTransportOptions transportOptions() {
      return options;
    }

    /** Creates the handler. */
    public SwitchboardHttpHandler build() {
      return new SwitchboardHttpHandler(application.routes(), options, origins, forwarded);
    }
  }
}
