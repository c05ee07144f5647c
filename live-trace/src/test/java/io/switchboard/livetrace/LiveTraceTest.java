package io.switchboard.livetrace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import io.reactivex.rxjava3.core.Single;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.BearerTokenAuthenticator;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.hub.Hub;
import io.switchboard.transport.netty.SwitchboardServer;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The page and its feed on a real server, with the official Java client making the traffic. */
class LiveTraceTest {
  private static final long PATIENCE_SECONDS = 30;

  /** The hub the client calls. */
  public static class TracedHub extends Hub {
    public String echo(String message) {
      return message;
    }
  }

  private final HttpClient http = HttpClient.newHttpClient();
  private final LiveTrace trace =
      LiveTrace.builder(new BearerTokenAuthenticator(LiveTraceTest::user))
          .authorize(user -> user.nameIdentifier().equals("operator"))
          .keepAliveInterval(Duration.ofMillis(200))
          .build();
  /** Whether the trace was watched when the feed's response head was written. */
  private final CompletableFuture<Boolean> watchedAtHead = new CompletableFuture<>();
  private final SwitchboardServer server = start();
  private CompletableFuture<HttpResponse<Stream<String>>> feed;

  private static Optional<AuthenticatedUser> user(String token) {
    return switch (token) {
      case "operator-token" -> Optional.of(new AuthenticatedUser("operator", Map.of(), null));
      case "alice-token" -> Optional.of(new AuthenticatedUser("alice", Map.of(), null));
      default -> Optional.empty();
    };
  }

  private SwitchboardServer start() {
    SwitchboardServer.Builder builder =
        SwitchboardServer.builder()
            .port(0)
            .hub(
                "/traced",
                TracedHub.class,
                hub -> hub.authenticator(new BearerTokenAuthenticator(LiveTraceTest::user)));
    // Before the trace's handler in the pipeline, so that it sees what the handler writes.
    builder.pipeline(pipeline -> pipeline.addLast(new ChannelOutboundHandlerAdapter() {
      @Override
      public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (msg instanceof io.netty.handler.codec.http.HttpResponse head
            && "text/event-stream".equals(head.headers().get(HttpHeaderNames.CONTENT_TYPE))) {
          watchedAtHead.complete(trace.ring().watched());
        }
        super.write(ctx, msg, promise);
      }
    }));
    trace.register(builder);
    return builder.start();
  }

  @AfterEach
  void stop() {
    if (feed != null) {
      feed.cancel(true);
    }
    server.close();
  }

  private URI uri(String pathAndQuery) {
    return URI.create("http://127.0.0.1:" + server.port() + pathAndQuery);
  }

  private HttpResponse<String> get(String pathAndQuery, String... headers) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(pathAndQuery));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void thePageAndItsFeedNeedACredential() throws Exception {
    assertChallenged("Bearer", get("/live-trace"));
    assertChallenged("Bearer", get("/live-trace/events"));
    // As JwtBearer answers a token it did not accept, e.g. an expired one.
    assertChallenged("Bearer error=\"invalid_token\"", get("/live-trace/events?access_token=forged"));
    HttpResponse<String> refused = get("/live-trace?access_token=alice-token");
    assertEquals(403, refused.statusCode());
    assertEquals(Optional.empty(), refused.headers().firstValue("WWW-Authenticate"));
    assertEquals(403, get("/live-trace/events", "Authorization", "Bearer alice-token").statusCode());
  }

  private static void assertChallenged(String challenge, HttpResponse<String> response) {
    assertEquals(401, response.statusCode());
    assertEquals(List.of(challenge), response.headers().allValues("WWW-Authenticate"));
  }

  @Test
  void otherMethodsThanGetAreNotAllowed() throws Exception {
    for (String path : new String[] {"/live-trace", "/live-trace/events?access_token=operator-token"}) {
      HttpRequest post = HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString("x")).build();
      HttpResponse<String> refused = http.send(post, HttpResponse.BodyHandlers.ofString());
      assertEquals(405, refused.statusCode(), path);
      assertEquals(List.of("GET"), refused.headers().allValues("Allow"), path);
    }
  }

  @Test
  void aStoppedServerStopsTheTracesAuthenticationThreads() throws Exception {
    server.close();
    HttpRequestInfo request = new HttpRequestInfo("GET", "/live-trace", Map.of(), Map.of(), Map.of(), null);
    assertEquals(503, trace.access().check(request).get(PATIENCE_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void thePageIsServedToAnAllowedUser() throws Exception {
    HttpResponse<String> page = get("/live-trace?access_token=operator-token");
    assertEquals(200, page.statusCode());
    assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow());
    assertTrue(page.body().contains("<title>Switchboard live trace</title>"));
  }

  @Test
  void nothingIsCollectedWhileNoPageIsOpen() {
    HubConnection alice = connect();
    assertEquals("hi", alice.invoke(String.class, "Echo", "hi").blockingGet());
    alice.stop().blockingAwait(PATIENCE_SECONDS, TimeUnit.SECONDS);
    assertEquals(0, trace.ring().end());
  }

  @Test
  void anOpenFeedSeesConnectionsInvocationsAndMessages() throws Exception {
    BlockingQueue<String> events = openFeed();
    HubConnection alice = connect();
    String id = alice.getConnectionId();
    Single<String> echoed = alice.invoke(String.class, "Echo", "hello");
    assertEquals("hello", echoed.blockingGet());
    alice.stop().blockingAwait(PATIENCE_SECONDS, TimeUnit.SECONDS);

    String connected = next(events, "\"type\":\"connected\"");
    assertTrue(connected.contains("\"hub\":\"TracedHub\""), connected);
    assertTrue(connected.contains("\"connectionId\":\"" + id + "\""), connected);
    assertTrue(connected.contains("\"user\":\"alice\""), connected);
    assertTrue(connected.contains("\"transport\":\"WebSockets\""), connected);
    String received = next(events, "\"type\":\"received\"");
    assertTrue(received.contains("\"endpoint\":\"/traced\",\"connectionId\":\"" + id + "\",\"protocol\":\"json\""), received);
    String invocation = next(events, "\"type\":\"invocation\"");
    assertTrue(invocation.contains("\"method\":\"Echo\",\"outcome\":\"success\""), invocation);
    assertTrue(invocation.contains("\"user\":\"alice\""), invocation);
    assertNotNull(next(events, "\"type\":\"sent\""));
    String disconnected = next(events, "\"type\":\"disconnected\"");
    assertTrue(disconnected.contains("\"outcome\":\"normal_closure\""), disconnected);
  }

  @Test
  void aQuietFeedGetsKeepAliveComments() throws Exception {
    BlockingQueue<String> lines = openFeed();
    assertEquals(":", lines.poll(PATIENCE_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void aBrowserReconnectingWithTheIdOfAnEarlierServerGetsTheNewEvents() throws Exception {
    BlockingQueue<String> events = openFeed("Last-Event-ID", "41");
    HubConnection alice = connect();
    String connected = next(events, "\"type\":\"connected\"");
    assertTrue(connected.contains("\"connectionId\":\"" + alice.getConnectionId() + "\""), connected);
    alice.stop().blockingAwait(PATIENCE_SECONDS, TimeUnit.SECONDS);
  }

  /** The feed's data lines and keep-alive comments, as they come. */
  private BlockingQueue<String> openFeed(String... headers) throws Exception {
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    HttpRequest.Builder request = HttpRequest.newBuilder(uri("/live-trace/events?access_token=operator-token"));
    if (headers.length > 0) {
      request.headers(headers);
    }
    feed = http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofLines());
    HttpResponse<Stream<String>> response = feed.get(PATIENCE_SECONDS, TimeUnit.SECONDS);
    assertEquals(200, response.statusCode());
    assertEquals("text/event-stream", response.headers().firstValue("Content-Type").orElseThrow());
    // A client that saw the head misses no event after it.
    assertTrue(watchedAtHead.getNow(false), "the feed's viewer was registered after its head was sent");
    Thread reader = new Thread(() -> read(response.body(), lines));
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static void read(Stream<String> body, BlockingQueue<String> lines) {
    try {
      body.filter(line -> line.startsWith("data: ") || line.equals(":")).forEach(lines::add);
    } catch (UncheckedIOException closed) {
      // The server closed the stream at the end of the test.
    }
  }

  /** The next line containing {@code text}, skipping others; fails after a long wait. */
  private static String next(BlockingQueue<String> lines, String text) throws InterruptedException {
    while (true) {
      String line = lines.poll(PATIENCE_SECONDS, TimeUnit.SECONDS);
      assertNotNull(line, "no event with " + text);
      if (line.contains(text)) {
        return line;
      }
    }
  }

  private HubConnection connect() {
    HubConnection connection =
        HubConnectionBuilder.create(uri("/traced").toString())
            .withTransport(TransportEnum.WEBSOCKETS)
            .withAccessTokenProvider(Single.just("alice-token"))
            .build();
    connection.start().blockingAwait(PATIENCE_SECONDS, TimeUnit.SECONDS);
    return connection;
  }
}
