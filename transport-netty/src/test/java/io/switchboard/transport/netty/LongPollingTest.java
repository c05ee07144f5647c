package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.connection.Connection;
import io.switchboard.connection.EndpointOptions;
import io.switchboard.connection.TransportType;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Long polling (protocol §1.9) with POST sends and DELETE, over HTTP. */
@Timeout(30)
class LongPollingTest {
  private final EchoHandler echo = new EchoHandler();
  private final SeenRequests seen = new SeenRequests();
  private SwitchboardServer server;
  private Http http;
  private String token;

  @BeforeEach
  void start() {
    server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/echo", echo)
            .endpoint(
                "/quick",
                echo,
                EndpointOptions.builder().longPollTimeout(Duration.ofMillis(100)).build())
            .pipeline(pipeline -> pipeline.addBefore(SwitchboardChannelInitializer.SWITCHBOARD, "seen", seen))
            .start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> poll(String path) throws Exception {
    return pollAsync(path).get(Await.SECONDS, TimeUnit.SECONDS);
  }

  private CompletableFuture<HttpResponse<String>> pollAsync(String path) {
    return http.sendAsync("GET", pollUri(path), "");
  }

  /** A poll URI, unique thanks to the cache buster. */
  private String pollUri(String path) {
    return path + "?id=" + token + "&_=" + System.nanoTime();
  }

  /** A poll that the server holds: sent, and processed before this returns. */
  private CompletableFuture<HttpResponse<String>> waitingPoll() throws Exception {
    String uri = pollUri("/echo");
    CompletableFuture<HttpResponse<String>> poll = http.sendAsync("GET", uri, "");
    seen.await("GET " + uri);
    return poll;
  }

  private Connection connect(String path) throws Exception {
    token = http.token(path);
    HttpResponse<String> first = poll(path);
    assertEquals(200, first.statusCode());
    assertEquals("application/octet-stream", first.headers().firstValue("content-type").orElseThrow());
    assertEquals("0", first.headers().firstValue("content-length").orElseThrow());
    assertNoCache(first);
    return echo.awaitConnection();
  }

  private static void assertNoCache(HttpResponse<String> poll) {
    assertEquals("no-cache, no-store", poll.headers().firstValue("cache-control").orElseThrow());
    assertEquals("no-cache", poll.headers().firstValue("pragma").orElseThrow());
    assertEquals("Thu, 01 Jan 1970 00:00:00 GMT", poll.headers().firstValue("expires").orElseThrow());
  }

  private static void assertEmpty(HttpResponse<String> response, int status) {
    assertEquals(status, response.statusCode());
    assertEquals("", response.body());
  }

  private void post(String body) throws Exception {
    HttpResponse<String> post = http.send("POST", "/echo?id=" + token, body);
    assertEquals(200, post.statusCode());
    assertEquals("text/plain", post.headers().firstValue("content-type").orElseThrow());
    assertEquals("", post.body());
  }

  @Test
  void theFirstPollStartsTheApplication() throws Exception {
    assertEquals(TransportType.LONG_POLLING, connect("/echo").transportType());
  }

  @Test
  void aPollReturnsEveryBufferedWrite() throws Exception {
    connect("/echo");
    post("one ");
    post("two");
    HttpResponse<String> data = poll("/echo");
    assertEquals(200, data.statusCode());
    assertEquals("application/octet-stream", data.headers().firstValue("content-type").orElseThrow());
    assertEquals("one two", data.body());
    assertNoCache(data);
  }

  @Test
  void aWaitingPollGetsTheNextWrite() throws Exception {
    connect("/echo");
    CompletableFuture<HttpResponse<String>> waiting = waitingPoll();
    post("hello");
    assertEquals("hello", waiting.get(Await.SECONDS, TimeUnit.SECONDS).body());
  }

  @Test
  void aPollWithoutDataTimesOutWithAnEmpty200() throws Exception {
    connect("/quick");
    HttpResponse<String> timedOut = poll("/quick");
    assertEmpty(timedOut, 200);
    assertEquals("text/plain", timedOut.headers().firstValue("content-type").orElseThrow());
    assertEquals("0", timedOut.headers().firstValue("content-length").orElseThrow());
  }

  @Test
  void aNewerPollSupersedesTheOlder() throws Exception {
    connect("/echo");
    // Sent on two sockets: whichever reaches the server second is the newer one.
    List<CompletableFuture<HttpResponse<String>>> polls = List.of(pollAsync("/echo"), pollAsync("/echo"));
    HttpResponse<String> superseded =
        (HttpResponse<String>)
            CompletableFuture.anyOf(polls.toArray(CompletableFuture[]::new))
                .get(Await.SECONDS, TimeUnit.SECONDS);
    assertEmpty(superseded, 204);
    post("news");
    CompletableFuture<HttpResponse<String>> newer =
        polls.get(0).join() == superseded ? polls.get(1) : polls.get(0);
    assertEquals("news", newer.get(Await.SECONDS, TimeUnit.SECONDS).body());
  }

  @Test
  void deleteAnswers202AndEndsTheWaitingPoll() throws Exception {
    connect("/echo");
    CompletableFuture<HttpResponse<String>> waiting = waitingPoll();
    assertEmpty(http.send("DELETE", "/echo?id=" + token), 202);
    assertEmpty(waiting.get(Await.SECONDS, TimeUnit.SECONDS), 204);
    assertEquals(Optional.empty(), echo.awaitClosed());
    assertEmpty(poll("/echo"), 204); // a poll that raced the DELETE learns the connection is over
  }

  @Test
  void theWaitingPollGetsTheFinalBytesAndTheNextOne204() throws Exception {
    connect("/echo");
    CompletableFuture<HttpResponse<String>> waiting = waitingPoll();
    post("close");
    assertEquals("bye", waiting.get(Await.SECONDS, TimeUnit.SECONDS).body());
    assertEmpty(poll("/echo"), 204);
    assertEquals(Optional.empty(), echo.awaitClosed());
  }

  @Test
  void theConnectionKeepsTheFirstPollsRequest() throws Exception {
    token = http.token("/echo");
    http.send("GET", "/echo?id=" + token + "&room=blue", "", "X-Poll", "first");
    Connection connection = echo.awaitConnection();
    CompletableFuture<HttpResponse<String>> later =
        http.sendAsync("GET", "/echo?id=" + token + "&room=red", "", "X-Poll", "second");
    seen.await("GET /echo?id=" + token + "&room=red");
    assertEquals("blue", connection.request().queryParameter("room"));
    assertEquals("first", connection.request().header("x-poll"));
    post("done");
    assertEquals("done", later.get(Await.SECONDS, TimeUnit.SECONDS).body());
  }

  @Test
  void deleteOnAnotherTransportIsRefused() throws Exception {
    token = http.token("/echo");
    assertTrue(http.send("DELETE", "/echo?id=" + token).body().startsWith("Cannot terminate"));
  }
}
