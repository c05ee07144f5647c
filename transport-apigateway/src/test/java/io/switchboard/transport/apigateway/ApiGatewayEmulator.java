package io.switchboard.transport.apigateway;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An emulator of an API Gateway WebSocket API with an HTTP integration, for the tests: it owns the
 * clients' WebSockets on one stage ({@code /test}), calls the integration's {@code connect},
 * {@code default} and {@code disconnect} endpoints as API Gateway's routes do (connection id in
 * the {@code connectionId} header, the client's query string forwarded on {@code $connect}, one
 * {@code $default} per message, in order), and serves the {@code @connections} API ({@code POST},
 * {@code GET}, {@code DELETE /test/@connections/{id}}, 410 with {@code GoneException} for an
 * unknown id). It enforces API Gateway's limits: frames over 32 KB and messages over 128 KB close
 * the socket with 1009, a binary frame with 1003, and a socket idle (nothing sent either way) for
 * the idle timeout closes with 1001.
 *
 * <p>It may have several integration targets: each request goes to the next one, round-robin, as
 * through a load balancer without stickiness (API Gateway's VPC link to an NLB), so a connection's
 * routes land on any node.
 */
final class ApiGatewayEmulator implements AutoCloseable {
  static final String STAGE = "/test";
  static final int FRAME_LIMIT = 32 * 1024;
  static final int MESSAGE_LIMIT = 128 * 1024;
  private static final String CONNECTIONS = STAGE + "/@connections/";
  private static final Set<String> FORWARDED_HEADERS =
      Set.of("authorization", "cookie", "user-agent", "x-signalr-user-agent", "origin");

  private volatile Duration idleTimeout = Duration.ofMinutes(10);
  private volatile List<URI> integrations = List.of();
  private final AtomicInteger nextIntegration = new AtomicInteger();
  private final BlockingQueue<String> deleted = new LinkedBlockingQueue<>();
  private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final Map<String, EmulatedSocket> sockets = new ConcurrentHashMap<>();
  private final SecureRandom random = new SecureRandom();
  private final Channel server;

  /** Starts an emulator on a free port; {@link #integrate} names the backend before clients come. */
  ApiGatewayEmulator() throws InterruptedException {
    this.server =
        new ServerBootstrap()
            .group(group)
            .channel(NioServerSocketChannel.class)
            .childHandler(
                new ChannelInitializer<SocketChannel>() {
                  @Override
                  protected void initChannel(SocketChannel channel) {
                    channel
                        .pipeline()
                        .addLast(new HttpServerCodec())
                        .addLast(new HttpObjectAggregator(2 * MESSAGE_LIMIT))
                        .addLast(new Requests());
                  }
                })
            .bind("127.0.0.1", 0)
            .sync()
            .channel();
  }

  /** The hub's integration bases, e.g. {@code http://127.0.0.1:8080/chat}, taken in turn. */
  void integrate(URI... bases) {
    integrations = List.of(bases);
  }

  /** The integration base of the next request. */
  private URI integration() {
    List<URI> targets = integrations;
    return targets.get(Math.floorMod(nextIntegration.getAndIncrement(), targets.size()));
  }

  /**
   * The connection id of the next {@code DELETE @connections/{id}} (of a known connection or not),
   * or null when none comes in {@code timeout}.
   */
  String awaitDelete(Duration timeout) throws InterruptedException {
    return deleted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The idle timeout of the sockets opened from now on; API Gateway's 10 minutes at first. */
  void idleTimeout(Duration value) {
    idleTimeout = value;
  }

  /** The URL the clients connect to (the JavaScript client turns {@code http} into {@code ws}). */
  String clientUrl() {
    return "http://127.0.0.1:" + port() + STAGE;
  }

  /** The stage's management endpoint, for {@link ApiGatewayOptions}. */
  URI connectionsEndpoint() {
    return URI.create(clientUrl());
  }

  private int port() {
    return ((InetSocketAddress) server.localAddress()).getPort();
  }

  /** How many client sockets are open. */
  int socketCount() {
    return sockets.size();
  }

  /** Calls the integration's {@code route} endpoint for {@code connectionId}. */
  CompletableFuture<HttpResponse<Void>> callIntegration(String route, String connectionId, byte[] body) {
    return callIntegration(
        HttpRequest.newBuilder(URI.create(integration() + "/" + route)), connectionId, body);
  }

  private CompletableFuture<HttpResponse<Void>> callIntegration(
      HttpRequest.Builder request, String connectionId, byte[] body) {
    request.header("connectionId", connectionId).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    return http.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding());
  }

  void forget(EmulatedSocket socket) {
    sockets.remove(socket.id(), socket);
  }

  @Override
  public void close() {
    server.close().syncUninterruptibly();
    group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Upgrades of the stage's URL and the {@code @connections} API. */
  private final class Requests extends SimpleChannelInboundHandler<FullHttpRequest> {
    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
      // Decoded once, '+' kept: connection ids are base64 (the SDK percent-encodes '/' and '+').
      String path = URI.create(request.uri()).getPath();
      if (path.startsWith(CONNECTIONS)) {
        manage(ctx, request, path.substring(CONNECTIONS.length()));
      } else if (path.equals(STAGE) && request.headers().contains(HttpHeaderNames.UPGRADE)) {
        connect(ctx, request.retain());
      } else {
        respond(ctx, HttpResponseStatus.NOT_FOUND, "");
      }
    }

    /**
     * {@code $connect}: the integration gets the client's query string and its end-to-end headers
     * ({@code Authorization} from clients that can set it), and the socket opens only once the
     * integration accepted it.
     */
    private void connect(ChannelHandlerContext ctx, FullHttpRequest request) {
      byte[] idBytes = new byte[9];
      random.nextBytes(idBytes);
      String id = Base64.getEncoder().encodeToString(idBytes);
      String query = URI.create(request.uri()).getRawQuery();
      HttpRequest.Builder call =
          HttpRequest.newBuilder(
              URI.create(integration() + "/connect" + (query == null ? "" : "?" + query)));
      request.headers().forEach(header -> {
        if (FORWARDED_HEADERS.contains(header.getKey().toLowerCase(Locale.ROOT))) {
          call.header(header.getKey(), header.getValue());
        }
      });
      call.header("X-Forwarded-For", "127.0.0.1");
      callIntegration(call, id, new byte[0])
          .whenComplete(
              (response, error) ->
                  ctx.executor()
                      .execute(
                          () -> {
                            try {
                              if (error != null || response.statusCode() / 100 != 2) {
                                int status = error != null ? 502 : response.statusCode();
                                respond(ctx, HttpResponseStatus.valueOf(status), "");
                              } else {
                                open(ctx, request, id);
                              }
                            } finally {
                              request.release();
                            }
                          }));
    }

    private void open(ChannelHandlerContext ctx, FullHttpRequest request, String id) {
      WebSocketDecoderConfig config =
          WebSocketDecoderConfig.newBuilder()
              .maxFramePayloadLength(FRAME_LIMIT)
              .closeOnProtocolViolation(true)
              .allowExtensions(false)
              .build();
      String url = "ws://" + request.headers().get(HttpHeaderNames.HOST) + request.uri();
      WebSocketServerHandshaker handshaker =
          new WebSocketServerHandshakerFactory(url, null, config).newHandshaker(request);
      EmulatedSocket socket = new EmulatedSocket(ApiGatewayEmulator.this, id, ctx.channel());
      sockets.put(id, socket);
      ctx.pipeline()
          .addLast(
              new IdleStateHandler(0, 0, idleTimeout.toMillis(), TimeUnit.MILLISECONDS), socket);
      ctx.pipeline().remove(this);
      handshaker.handshake(ctx.channel(), request);
    }

    /** The {@code @connections} API. */
    private void manage(ChannelHandlerContext ctx, FullHttpRequest request, String id) {
      if (HttpMethod.DELETE.equals(request.method())) {
        deleted.add(id);
      }
      EmulatedSocket socket = sockets.get(id);
      if (socket == null) {
        gone(ctx);
        return;
      }
      HttpMethod method = request.method();
      if (HttpMethod.POST.equals(method)) {
        if (request.content().readableBytes() > MESSAGE_LIMIT) {
          respond(ctx, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, "{\"message\":\"Message too long\"}");
          return;
        }
        socket.send(request.content().toString(StandardCharsets.UTF_8));
        respond(ctx, HttpResponseStatus.OK, "");
      } else if (HttpMethod.DELETE.equals(method)) {
        socket.closeByServer();
        respond(ctx, HttpResponseStatus.NO_CONTENT, "");
      } else if (HttpMethod.GET.equals(method)) {
        respond(ctx, HttpResponseStatus.OK, socket.describe());
      } else {
        respond(ctx, HttpResponseStatus.METHOD_NOT_ALLOWED, "");
      }
    }

    private void gone(ChannelHandlerContext ctx) {
      FullHttpResponse response =
          response(HttpResponseStatus.GONE, "{\"message\":\"Connection is gone\"}");
      response.headers().set("x-amzn-ErrorType", "GoneException");
      ctx.writeAndFlush(response);
    }

    private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
      ctx.writeAndFlush(response(status, body));
    }

    private FullHttpResponse response(HttpResponseStatus status, String body) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1,
              status,
              Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
      response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
      HttpUtil.setContentLength(response, response.content().readableBytes());
      return response;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      ctx.close();
    }
  }

}
