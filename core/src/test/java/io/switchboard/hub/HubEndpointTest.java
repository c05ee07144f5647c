package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.protocol.TransferFormat;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HubEndpointTest {
  private static final String RS = "\u001e";
  private static final AtomicInteger ids = new AtomicInteger();

  private HubEndpoint<SampleHub> endpoint = endpoint(HubOptions.defaults());

  private static HubEndpoint<SampleHub> endpoint(HubOptions options) {
    return HubEndpoint.create(SampleHub.class, options);
  }

  @AfterEach
  void shutdown() {
    endpoint.shutdown();
    SampleHub.GATES.clear();
  }

  private RecordingConnection connectJson() throws InterruptedException {
    return new RecordingConnection("c" + ids.incrementAndGet()).handshake(endpoint, "json", 1);
  }

  private static String invoke(RecordingConnection connection, String id, String target, String args)
      throws InterruptedException {
    connection.receive(
        "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":"
            + args + "}" + RS);
    return connection.nextText();
  }

  @Test
  void invocationReturnsTheResult() throws Exception {
    RecordingConnection connection = connectJson();
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"result\":\"hi\"}" + RS,
        invoke(connection, "1", "Echo", "[\"hi\"]"));
    assertEquals(
        "{\"type\":3,\"invocationId\":\"2\",\"result\":42}" + RS,
        invoke(connection, "2", "add", "[40,2]"));
  }

  @Test
  void argumentsBeforeTargetAsTheJavaScriptClientSendsThem() throws Exception {
    RecordingConnection connection = connectJson();
    connection.receive("{\"arguments\":[40,2],\"invocationId\":\"0\",\"target\":\"Add\",\"type\":1}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"0\",\"result\":42}" + RS, connection.nextText());
  }

  @Test
  void voidMethodAnswersNullResult() throws Exception {
    RecordingConnection connection = connectJson();
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"result\":null}" + RS,
        invoke(connection, "1", "doNothing", "[]"));
  }

  @Test
  void completionStageResultIsSentWhenItCompletes() throws Exception {
    RecordingConnection connection = connectJson();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"await\",\"arguments\":[\"g\"]}" + RS);
    while (!SampleHub.GATES.containsKey("g")) {
      Thread.onSpinWait();
    }
    assertTrue(connection.drainWrites().isEmpty());
    SampleHub.GATES.get("g").complete("done");
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"done\"}" + RS, connection.nextText());
  }

  @Test
  void renamedMethodAndCaseInsensitiveNames() throws Exception {
    RecordingConnection connection = connectJson();
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"result\":\"renamed\"}" + RS,
        invoke(connection, "1", "renamed", "[]"));
    assertEquals(
        "{\"type\":3,\"invocationId\":\"2\",\"result\":\"x\"}" + RS,
        invoke(connection, "2", "ECHO", "[\"x\"]"));
  }

  @Test
  void unknownMethodIsReportedWithTheReferenceText() throws Exception {
    RecordingConnection connection = connectJson();
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"error\":\"Failed to invoke 'Missing' due to an error on"
            + " the server. HubException: Method does not exist.\"}" + RS,
        invoke(connection, "1", "Missing", "[]"));
  }

  @Test
  void bindingFailureTextDependsOnDetailedErrors() throws Exception {
    RecordingConnection connection = connectJson();
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"error\":\"Failed to invoke 'add' due to an error on"
            + " the server.\"}" + RS,
        invoke(connection, "1", "add", "[]"));
    endpoint.shutdown();
    endpoint = endpoint(HubOptions.builder().enableDetailedErrors(true).build());
    RecordingConnection detailed = connectJson();
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"error\":\"Failed to invoke 'add' due to an error on"
            + " the server. InvalidDataException: Invocation provides 0 argument(s) but target"
            + " expects 2.\"}" + RS,
        invoke(detailed, "1", "add", "[]"));
  }

  @Test
  void exceptionTextsFollowTheReference() throws Exception {
    RecordingConnection connection = connectJson();
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking 'fail'"
            + " on the server.\"}" + RS,
        invoke(connection, "1", "fail", "[\"boom\"]"));
    assertEquals(
        "{\"type\":3,\"invocationId\":\"2\",\"error\":\"An unexpected error occurred invoking"
            + " 'failOnPurpose' on the server. HubException: Boom\"}" + RS,
        invoke(connection, "2", "failOnPurpose", "[\"Boom\"]"));
    endpoint.shutdown();
    endpoint = endpoint(HubOptions.builder().enableDetailedErrors(true).build());
    RecordingConnection detailed = connectJson();
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"error\":\"An unexpected error occurred invoking 'fail'"
            + " on the server. IllegalStateException: boom\"}" + RS,
        invoke(detailed, "1", "fail", "[\"boom\"]"));
  }

  @Test
  void nonBlockingInvocationsAreNeverAnswered() throws Exception {
    RecordingConnection connection = connectJson();
    connection.receive("{\"type\":1,\"target\":\"fail\",\"arguments\":[\"x\"]}" + RS);
    connection.receive("{\"type\":1,\"target\":\"Missing\",\"arguments\":[]}" + RS);
    connection.receive("{\"type\":1,\"target\":\"echo\",\"arguments\":[\"x\"]}" + RS);
    // An answered invocation queued after them: whatever arrives first must be its answer.
    assertEquals(
        "{\"type\":3,\"invocationId\":\"9\",\"result\":\"last\"}" + RS,
        invoke(connection, "9", "echo", "[\"last\"]"));
  }

  @Test
  void hubMethodsDoNotRunOnTheTransportThread() throws Exception {
    RecordingConnection connection = connectJson();
    String answer = invoke(connection, "1", "threadName", "[]");
    assertNotEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"result\":\"" + Thread.currentThread().getName() + "\"}" + RS,
        answer);
  }

  @Test
  void oneInvocationAtATimeByDefault() throws Exception {
    RecordingConnection connection = connectJson();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"await\",\"arguments\":[\"first\"]}" + RS);
    connection.receive("{\"type\":1,\"invocationId\":\"2\",\"target\":\"echo\",\"arguments\":[\"second\"]}" + RS);
    while (!SampleHub.GATES.containsKey("first")) {
      Thread.onSpinWait();
    }
    SampleHub.GATES.get("first").complete("first");
    // The second invocation waited for the first one's slot, so its answer comes second.
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"first\"}" + RS, connection.nextText());
    assertEquals("{\"type\":3,\"invocationId\":\"2\",\"result\":\"second\"}" + RS, connection.nextText());
  }

  @Test
  void parallelInvocationsWhenAllowed() throws Exception {
    endpoint.shutdown();
    endpoint = endpoint(HubOptions.builder().maximumParallelInvocationsPerClient(2).build());
    RecordingConnection connection = connectJson();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"await\",\"arguments\":[\"slow\"]}" + RS);
    // The second invocation completes while the first one still holds its slot.
    assertEquals(
        "{\"type\":3,\"invocationId\":\"2\",\"result\":\"fast\"}" + RS,
        invoke(connection, "2", "echo", "[\"fast\"]"));
    while (!SampleHub.GATES.containsKey("slow")) {
      Thread.onSpinWait();
    }
    SampleHub.GATES.get("slow").complete("slow");
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"slow\"}" + RS, connection.nextText());
  }

  @Test
  void messagesSplitAcrossChunksAndSeveralInOneChunk() throws Exception {
    RecordingConnection connection = connectJson();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"tar");
    connection.receive("get\":\"echo\",\"arguments\":[\"a\"]}" + RS
        + "{\"type\":1,\"invocationId\":\"2\",\"target\":\"echo\",\"arguments\":[\"b\"]}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"a\"}" + RS, connection.nextText());
    assertEquals("{\"type\":3,\"invocationId\":\"2\",\"result\":\"b\"}" + RS, connection.nextText());
  }

  @Test
  void bytesAfterTheHandshakeInTheSameChunkAreKept() throws Exception {
    RecordingConnection connection = new RecordingConnection("c").connectTo(endpoint);
    connection.receive("{\"protocol\":\"json\",\"version\":1}" + RS
        + "{\"type\":6}" + RS
        + "{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"a\"]}" + RS);
    assertEquals("{}" + RS, connection.nextText());
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"a\"}" + RS, connection.nextText());
  }

  @Test
  void handshakeErrorsUseTheReferenceTexts() throws Exception {
    RecordingConnection unknown = new RecordingConnection("a").connectTo(endpoint);
    unknown.receive("{\"protocol\":\"foo\",\"version\":1}" + RS);
    assertEquals("{\"error\":\"The protocol 'foo' is not supported.\"}" + RS, unknown.nextText());
    assertTrue(unknown.awaitClosed());

    RecordingConnection tooNew = new RecordingConnection("b").connectTo(endpoint);
    tooNew.receive("{\"protocol\":\"json\",\"version\":3}" + RS);
    assertEquals(
        "{\"error\":\"The server does not support version 3 of the 'json' protocol.\"}" + RS,
        tooNew.nextText());

    RecordingConnection malformed = new RecordingConnection("c").connectTo(endpoint);
    malformed.receive("{\"protocol\":\"json\"}" + RS);
    assertEquals(
        "{\"error\":\"An unexpected error occurred during connection handshake.\"}" + RS,
        malformed.nextText());

    RecordingConnection sse =
        new RecordingConnection("d", io.switchboard.connection.TransportType.SERVER_SENT_EVENTS)
            .connectTo(endpoint);
    sse.receive("{\"protocol\":\"messagepack\",\"version\":1}" + RS);
    assertEquals(
        "{\"error\":\"Cannot use the 'messagepack' protocol on the current transport. The transport"
            + " does not support 'Binary' transfer format.\"}" + RS,
        sse.nextText());
  }

  @Test
  void binaryProtocolsAreRefusedOnATextOnlyWebSocket() throws Exception {
    RecordingConnection textOnly = new RecordingConnection("e").textOnly().connectTo(endpoint);
    textOnly.receive("{\"protocol\":\"messagepack\",\"version\":1}" + RS);
    assertEquals(
        "{\"error\":\"Cannot use the 'messagepack' protocol on the current transport. The transport"
            + " does not support 'Binary' transfer format.\"}" + RS,
        textOnly.nextText());
    assertTrue(textOnly.awaitClosed());

    RecordingConnection json = new RecordingConnection("f").textOnly().connectTo(endpoint);
    json.receive("{\"protocol\":\"json\",\"version\":1}" + RS);
    assertEquals("{}" + RS, json.nextText());
  }

  @Test
  void handshakeTimeoutCancelsTheHandshake() throws Exception {
    RecordingConnection connection = new RecordingConnection("slow").connectTo(endpoint);
    ((HubConnectionContext) connection.listener()).onHeartbeat(System.nanoTime() + 16_000_000_000L);
    assertEquals("{\"error\":\"Handshake was canceled.\"}" + RS, connection.nextText());
    assertTrue(connection.awaitClosed());
  }

  @Test
  void messagePackHandshakeSwitchesToBinaryFrames() throws Exception {
    RecordingConnection connection = new RecordingConnection("m").connectTo(endpoint);
    connection.receive("{\"protocol\":\"messagepack\",\"version\":1}" + RS);
    assertEquals("{}" + RS, connection.nextText());
    assertEquals(TransferFormat.BINARY, connection.format());
    // [1,{},"1","echo",["hi"]] framed: the JS client's 5-element form.
    connection.receive(new byte[] {0x0E, (byte) 0x95, 0x01, (byte) 0x80, (byte) 0xA1, 0x31,
        (byte) 0xA4, 'e', 'c', 'h', 'o', (byte) 0x91, (byte) 0xA2, 'h', 'i'});
    assertArrayEquals(
        new byte[] {0x09, (byte) 0x95, 0x03, (byte) 0x80, (byte) 0xA1, 0x31, 0x03, (byte) 0xA2, 'h', 'i'},
        connection.nextWrite());
  }

  private static void assertArrayEquals(byte[] expected, byte[] actual) {
    org.junit.jupiter.api.Assertions.assertArrayEquals(expected, actual);
  }

  @Test
  void keepAlivePingsAndClientTimeout() throws Exception {
    RecordingConnection connection = connectJson();
    HubConnectionContext context = (HubConnectionContext) connection.listener();
    long now = System.nanoTime();
    context.onHeartbeat(now + 16_000_000_000L);
    assertEquals("{\"type\":6}" + RS, connection.nextText());
    // The client timeout starts with the client's first ping.
    context.onHeartbeat(now + 40_000_000_000L);
    assertEquals("{\"type\":6}" + RS, connection.nextText());
    assertTrue(!connection.isClosed());
    connection.receive("{\"type\":6}" + RS);
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"result\":\"a\"}" + RS,
        invoke(connection, "1", "echo", "[\"a\"]"));
    context.onHeartbeat(now + 71_000_000_000L);
    assertEquals("{\"type\":6}" + RS, connection.nextText());
    assertEquals(
        "{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}" + RS,
        connection.nextText());
    assertTrue(connection.awaitClosed());
  }

  @Test
  void oversizedMessageClosesTheConnection() throws Exception {
    RecordingConnection connection = connectJson();
    connection.receive("{\"type\":1,\"target\":\"echo\",\"arguments\":[\"" + "x".repeat(40_000) + "\"]}" + RS);
    assertEquals(
        "{\"type\":7,\"error\":\"Connection closed with an error.\",\"allowReconnect\":true}" + RS,
        connection.nextText());
    assertTrue(connection.awaitClosed());
  }

  @Test
  void malformedMessageClosesWithDetailsWhenDetailedErrorsAreOn() throws Exception {
    endpoint.shutdown();
    endpoint = endpoint(HubOptions.builder().enableDetailedErrors(true).build());
    RecordingConnection connection = connectJson();
    connection.receive("{\"type\":1}" + RS);
    assertEquals(
        "{\"type\":7,\"error\":\"Connection closed with an error. InvalidDataException: Missing"
            + " required property 'target'.\",\"allowReconnect\":true}" + RS,
        connection.nextText());
    assertTrue(connection.awaitClosed());
  }

  @Test
  void clientCloseIsAnsweredWithClose() throws Exception {
    RecordingConnection connection = connectJson();
    connection.receive("{\"type\":7}" + RS);
    assertEquals("{\"type\":7}" + RS, connection.nextText());
    assertTrue(connection.awaitClosed());
  }

  @Test
  void abortFromHubSendsPlainClose() throws Exception {
    RecordingConnection connection = connectJson();
    connection.receive("{\"type\":1,\"target\":\"abortMe\",\"arguments\":[]}" + RS);
    assertEquals("{\"type\":7}" + RS, connection.nextText());
    assertTrue(connection.awaitClosed());
  }

  @Test
  void callerContextSeesTheTransportRequest() throws Exception {
    RecordingConnection connection = connectJson();
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\",\"result\":\"test-agent\"}" + RS,
        invoke(connection, "1", "header", "[\"user-agent\"]"));
  }

  @Test
  void shutdownLetsTheHubSayGoodbyeThenClosesEveryConnection() throws Exception {
    endpoint.shutdown();
    endpoint =
        endpoint(
            HubOptions.builder()
                .beforeShutdown(hub -> hub.clients().all().send("ServerStopping", "bye").join()).build());
    RecordingConnection first = connectJson();
    RecordingConnection second = connectJson();
    endpoint.shutdown();
    for (RecordingConnection connection : java.util.List.of(first, second)) {
      assertEquals(
          "{\"type\":1,\"target\":\"ServerStopping\",\"arguments\":[\"bye\"]}" + RS,
          connection.nextText());
      assertEquals("{\"type\":7,\"allowReconnect\":true}" + RS, connection.nextText());
      assertTrue(connection.awaitClosed());
    }
  }

  @ParameterizedTest
  @EnumSource(io.switchboard.connection.TransportType.class)
  void expiredAuthenticationClosesTheConnectionWhenAsked(
      io.switchboard.connection.TransportType transport) throws Exception {
    endpoint.shutdown();
    io.switchboard.auth.AuthenticatedUser expired =
        new io.switchboard.auth.AuthenticatedUser(
            "u", java.util.Map.of(), java.time.Instant.now().minusSeconds(1));
    endpoint =
        endpoint(
            HubOptions.builder()
                .authenticator(request -> java.util.Optional.of(expired))
                .closeOnAuthenticationExpiration(true).build());
    // The connection's user is the transport's: authenticated once per request, not by the hub.
    RecordingConnection connection =
        new RecordingConnection("c" + ids.incrementAndGet(), transport)
            .withUser(expired)
            .handshake(endpoint, "json", 1);
    ((HubConnectionContext) connection.listener()).onHeartbeat(System.nanoTime());
    assertEquals("{\"type\":7,\"allowReconnect\":true}" + RS, connection.nextText());
    assertTrue(connection.awaitClosed());
  }
}
