package io.switchboard.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;

/**
 * The bad-input table: what a hostile client sends to each surface of a hub (negotiate and the
 * transport requests, the handshake, JSON and MessagePack frames, stream items, completions,
 * cancels, pings and Close), with the reference server's answer to each (a status and body, a
 * handshake error, a Close message with its text, or silence where the reference ignores the
 * input). After every row another client must still get its Echo answered: no input may harm the
 * rest of the server. The interop server runs with detailed errors on.
 */
@ExtendWith(TestServerExtension.class)
class HostileInputIT {
  private static final String RS = "\u001e";
  private static final String CLOSED_WITH_ERROR = "Connection closed with an error. ";
  private static final String TOO_LARGE =
      "InvalidDataException: The maximum message size of 32768B was exceeded. The message size"
          + " can be configured in AddHubOptions.";
  private static final int MAX_MESSAGE = 32 * 1024;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Hubs.TIMEOUT).build();

  private String baseUrl;

  @BeforeEach
  void useServer(TestServer server) {
    baseUrl = server.url();
  }

  /** Every row ends with a bystander's round trip on a fresh connection. */
  @AfterEach
  void anotherClientStillEchoes() throws Exception {
    try (JsonSession bystander = JsonSession.open(baseUrl)) {
      bystander.send("{\"type\":1,\"invocationId\":\"b\",\"target\":\"Echo\",\"arguments\":[\"still here\"]}");
      JsonNode completion = bystander.nextMessage();
      assertEquals(3, completion.path("type").asInt(), completion.toString());
      assertEquals("still here", completion.path("result").asText(), completion.toString());
    }
  }

  // ---- negotiate and the transport requests ----

  static Stream<Arguments> httpRows() {
    return Stream.of(
        Arguments.of("GET", "/testhub/negotiate", 405, ""),
        Arguments.of("DELETE", "/testhub/negotiate", 405, ""),
        Arguments.of("PUT", "/testhub", 405, ""),
        Arguments.of("POST", "/testhub", 400, "Connection ID required"),
        Arguments.of("GET", "/testhub", 400, "Connection ID required"),
        Arguments.of("DELETE", "/testhub", 400, "Connection ID required"),
        Arguments.of("POST", "/testhub?id=unknown", 404, "No Connection with that ID"),
        Arguments.of("GET", "/testhub?id=unknown", 404, "No Connection with that ID"),
        Arguments.of("DELETE", "/testhub?id=unknown", 404, "No Connection with that ID"));
  }

  @ParameterizedTest(name = "{0} {1} -> {2}")
  @MethodSource("httpRows")
  void transportRequestsGetTheReferenceStatus(String method, String path, int status, String body)
      throws Exception {
    HttpResponse<String> response = request(method, path);
    assertEquals(status, response.statusCode());
    assertEquals(body, response.body());
  }

  @Test
  void theConnectionIdInPlaceOfTheTokenIsUnknown() throws Exception {
    JsonNode negotiated =
        JSON.readTree(request("POST", "/testhub/negotiate?negotiateVersion=1").body());
    String connectionId = negotiated.path("connectionId").asText();
    for (String method : new String[] {"GET", "POST", "DELETE"}) {
      HttpResponse<String> response = request(method, "/testhub?id=" + connectionId);
      assertEquals(404, response.statusCode(), method);
      assertEquals("No Connection with that ID", response.body(), method);
    }
  }

  @Test
  void anUnknownIdOnAServerSentEventsRequestIs404() throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/testhub?id=unknown"))
        .timeout(Hubs.TIMEOUT)
        .header("Accept", "text/event-stream")
        .GET()
        .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    assertEquals(404, response.statusCode());
    assertEquals("No Connection with that ID", response.body());
  }

  @Test
  void anOversizedLongPollingSendClosesItsConnectionOnly() throws Exception {
    String token = JSON.readTree(request("POST", "/testhub/negotiate?negotiateVersion=1").body())
        .path("connectionToken").asText();
    String url = "/testhub?id=" + token;
    assertEquals(200, request("GET", url).statusCode(), "the first poll, answered at once");
    assertEquals(200, post(url, "{\"protocol\":\"json\",\"version\":1}" + RS).statusCode());
    assertEquals("{}" + RS, request("GET", url).body());
    // The hub ends the connection while the POST is still being read: the reference answers it at
    // once, 200 (the body was taken) or 404 (the connection went away while it was written).
    int sent = post(url, "{\"type\":1,\"x\":\"" + "x".repeat(MAX_MESSAGE + 1)).statusCode();
    assertTrue(sent == 200 || sent == 404, "POST answered " + sent);
    StringBuilder polled = new StringBuilder();
    for (HttpResponse<String> poll = request("GET", url); poll.statusCode() == 200; poll = request("GET", url)) {
      polled.append(poll.body());
    }
    JsonNode close = JSON.readTree(stripSeparator(polled.toString()));
    assertEquals(7, close.path("type").asInt(), close.toString());
    assertEquals(CLOSED_WITH_ERROR + TOO_LARGE, close.path("error").asText());
  }

  // ---- the handshake ----

  static Stream<Arguments> handshakeRows() {
    String padding = "x".repeat(MAX_MESSAGE + 1);
    return Stream.of(
        Arguments.of("unknown protocol", "{\"protocol\":\"foo\",\"version\":1}" + RS,
            "The protocol 'foo' is not supported."),
        Arguments.of("version too high", "{\"protocol\":\"json\",\"version\":99}" + RS,
            "The server does not support version 99 of the 'json' protocol."),
        Arguments.of("not an object", "[]" + RS,
            "An unexpected error occurred during connection handshake. InvalidDataException:"
                + " Unexpected JSON Token Type 'Array'. Expected a JSON Object."),
        Arguments.of("32 KB + 1 without a separator", "{\"protocol\":\"json\",\"x\":\"" + padding,
            "Handshake was canceled."),
        Arguments.of("10 MB without a separator", "{\"protocol\":\"json\",\"x\":\"" + "y".repeat(10 << 20),
            "Handshake was canceled."));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("handshakeRows")
  void badHandshakesGetTheReferenceError(String row, String request, String error) throws Exception {
    try (RawHubSocket socket = RawHubSocket.open(baseUrl + "/testhub")) {
      socket.textUntilCut(request);
      JsonNode response = JSON.readTree(stripSeparator(socket.next().asText()));
      assertEquals(error, response.path("error").asText(), response.toString());
      assertEquals(1000, socket.awaitClose());
    }
  }

  @Test
  void malformedHandshakeJsonIsAnUnexpectedError() throws Exception {
    try (RawHubSocket socket = RawHubSocket.open(baseUrl + "/testhub")) {
      socket.text("{\"protocol\":" + RS);
      String error = JSON.readTree(stripSeparator(socket.next().asText())).path("error").asText();
      assertTrue(
          error.startsWith("An unexpected error occurred during connection handshake. InvalidDataException: "),
          error);
      socket.awaitClose();
    }
  }

  @Test
  void invalidUtf8InTheHandshakeIsAnUnexpectedError() throws Exception {
    try (RawHubSocket socket = RawHubSocket.open(baseUrl + "/testhub")) {
      socket.binary(concat(utf8("{\"protocol\":\""), new byte[] {(byte) 0xff, (byte) 0xfe},
          utf8("\",\"version\":1}" + RS)));
      String error = JSON.readTree(stripSeparator(socket.next().asText())).path("error").asText();
      assertTrue(error.startsWith("An unexpected error occurred during connection handshake."), error);
      socket.awaitClose();
    }
  }

  // ---- JSON frames ----

  static Stream<Arguments> closingJsonRows() {
    String big = "{\"type\":1,\"target\":\"Echo\",\"arguments\":[\"" + "x".repeat(MAX_MESSAGE) + "\"]}";
    return Stream.of(
        Arguments.of("a number", "42" + RS,
            "InvalidDataException: Unexpected JSON Token Type 'Number'. Expected a JSON Object."),
        Arguments.of("no type", "{}" + RS, "InvalidDataException: Missing required property 'type'."),
        Arguments.of("truncated", "{\"type\":3,\"invocationId\":\"42\",\"result\":true" + RS,
            "InvalidDataException: Error reading JSON."),
        Arguments.of("32 KB + 1 with a separator", big + RS, TOO_LARGE),
        Arguments.of("32 KB + 1 without a separator", big, TOO_LARGE),
        Arguments.of("10 MB with a separator",
            "{\"type\":1,\"target\":\"Echo\",\"arguments\":[\"" + "x".repeat(10 << 20) + "\"]}" + RS,
            TOO_LARGE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("closingJsonRows")
  void badJsonFramesCloseWithTheReferenceText(String row, String frame, String detail)
      throws Exception {
    try (JsonSession session = JsonSession.open(baseUrl)) {
      session.socket.textUntilCut(frame);
      session.assertClosedWith(CLOSED_WITH_ERROR + detail);
    }
  }

  @Test
  void invalidUtf8InAJsonFrameIsAReadError() throws Exception {
    try (JsonSession session = JsonSession.open(baseUrl)) {
      session.socket.binary(concat(utf8("{\"type\":1,\"target\":\"Echo\",\"arguments\":[\""),
          new byte[] {(byte) 0xc3, (byte) 0x28}, utf8("\"]}" + RS)));
      session.assertClosedWith(CLOSED_WITH_ERROR + "InvalidDataException: Error reading JSON.");
    }
  }

  @Test
  void tenThousandLevelsOfNestingAreRefusedWithoutInternalDetail() throws Exception {
    try (JsonSession session = JsonSession.open(baseUrl)) {
      String nested = "[".repeat(10_000) + "]".repeat(10_000);
      session.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Echo\",\"arguments\":[" + nested + "]}");
      JsonNode answer = session.nextMessage();
      String error = answer.path("error").asText();
      if (answer.path("type").asInt() == 3) {
        assertEquals("1", answer.path("invocationId").asText(), answer.toString());
        assertEquals("Failed to invoke 'Echo' due to an error on the server. InvalidDataException: Error"
            + " binding arguments. Make sure that the types of the provided values match the types of"
            + " the hub method being invoked.", error);
      } else {
        assertEquals(7, answer.path("type").asInt(), answer.toString());
        assertTrue(error.startsWith(CLOSED_WITH_ERROR + "InvalidDataException: "), error);
      }
      assertFalse(error.contains("Jackson") || error.contains("fasterxml") || error.contains("Constraints"), error);
    }
  }

  @Test
  void unknownIdsUnknownTypesAndPingFloodsAreIgnored() throws Exception {
    try (JsonSession session = JsonSession.open(baseUrl)) {
      session.send("{\"type\":2,\"invocationId\":\"nope\",\"item\":1}");
      session.send("{\"type\":3,\"invocationId\":\"nope\",\"result\":1}");
      session.send("{\"type\":5,\"invocationId\":\"nope\"}");
      session.send("{\"type\":99,\"invocationId\":\"nope\"}");
      session.socket.text(("{\"type\":6}" + RS).repeat(1_000));
      session.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Echo\",\"arguments\":[\"after\"]}");
      JsonNode completion = session.nextMessage();
      assertEquals(3, completion.path("type").asInt(), completion.toString());
      assertEquals("after", completion.path("result").asText());
    }
  }

  @Test
  void anUnknownMethodAndUnbindableArgumentsGetErrorCompletions() throws Exception {
    try (JsonSession session = JsonSession.open(baseUrl)) {
      session.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"NoSuchMethod\",\"arguments\":[]}");
      assertEquals("Failed to invoke 'NoSuchMethod' due to an error on the server. HubException: Method does"
          + " not exist.", session.nextMessage().path("error").asText());
      session.send("{\"type\":1,\"invocationId\":\"2\",\"target\":\"Echo\",\"arguments\":[\"a\",\"b\"]}");
      assertEquals("Failed to invoke 'Echo' due to an error on the server. InvalidDataException: Invocation"
          + " provides 2 argument(s) but target expects 1.", session.nextMessage().path("error").asText());
    }
  }

  @Test
  void aClientCloseEndsOnlyThatConnection() throws Exception {
    try (JsonSession session = JsonSession.open(baseUrl)) {
      session.send("{\"type\":7}");
      session.socket.awaitClose();
    }
  }

  // ---- MessagePack frames ----

  static Stream<Arguments> closingMessagePackRows() {
    return Stream.of(
        Arguments.of("message type as a string", frame("91A3666F6F"),
            "InvalidDataException: Reading 'messageType' as Int32 failed."),
        Arguments.of("invocation without an id", frame("920180"),
            "InvalidDataException: Reading 'invocationId' as String failed."),
        Arguments.of("completion result kind out of range", frame("940380A378797A2A"),
            "InvalidDataException: Invalid invocation result kind."),
        Arguments.of("a length over 2 GB", hex("FFFFFFFF08"),
            "InvalidDataException: Messages over 2GB in size are not supported."),
        Arguments.of("2 GB announced, 32 KB + 1 sent", concat(hex("FFFFFFFF07"), new byte[MAX_MESSAGE + 1]),
            TOO_LARGE));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("closingMessagePackRows")
  void badMessagePackFramesCloseWithTheReferenceText(String row, byte[] bytes, String detail)
      throws Exception {
    try (RawHubSocket socket = openMessagePack()) {
      socket.binary(bytes);
      String error = nextMessagePackClose(socket);
      assertEquals(CLOSED_WITH_ERROR + detail, error);
    }
  }

  @Test
  void aMessagePackLengthLargerThanTheDataWaitsForMore() throws Exception {
    try (RawHubSocket socket = openMessagePack()) {
      // 2 GB announced, 3 bytes sent: the reference waits; a bystander (after this test) is served.
      socket.binary(hex("FFFFFFFF07919191"));
      try (JsonSession other = JsonSession.open(baseUrl)) {
        other.send("{\"type\":1,\"invocationId\":\"1\",\"target\":\"Echo\",\"arguments\":[\"meanwhile\"]}");
        assertEquals("meanwhile", other.nextMessage().path("result").asText());
      }
      assertFalse(socket.isClosed());
    }
  }

  // ---- helpers ----

  private HttpResponse<String> request(String method, String path) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Hubs.TIMEOUT)
        .method(method, HttpRequest.BodyPublishers.noBody())
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Hubs.TIMEOUT)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private RawHubSocket openMessagePack() throws InterruptedException {
    RawHubSocket socket = RawHubSocket.open(baseUrl + "/testhub");
    socket.text("{\"protocol\":\"messagepack\",\"version\":1}" + RS);
    RawHubSocket.Frame response = socket.next();
    assertEquals("{}" + RS, response.asText());
    return socket;
  }

  /** Reads MessagePack messages until a Close ({@code [7, error, allowReconnect]}); its error. */
  private static String nextMessagePackClose(RawHubSocket socket) throws Exception {
    while (true) {
      try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(socket.next().bytes())) {
        while (unpacker.hasNext()) {
          int length = readVarInt(unpacker);
          byte[] payload = unpacker.readPayload(length);
          try (MessageUnpacker message = MessagePack.newDefaultUnpacker(payload)) {
            int elements = message.unpackArrayHeader();
            int type = message.unpackInt();
            if (type == 7) {
              assertTrue(elements >= 2);
              String error = message.tryUnpackNil() ? null : message.unpackString();
              assertTrue(elements < 3 || message.unpackBoolean(), "allowReconnect");
              return error;
            }
          }
        }
      }
    }
  }

  private static int readVarInt(MessageUnpacker unpacker) throws IOException {
    int value = 0;
    for (int shift = 0; ; shift += 7) {
      byte b = unpacker.readPayload(1)[0];
      value |= (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
  }

  /** A MessagePack payload with its VarInt length prefix (payloads here are under 128 bytes). */
  private static byte[] frame(String payloadHex) {
    byte[] payload = hex(payloadHex);
    return concat(new byte[] {(byte) payload.length}, payload);
  }

  private static byte[] hex(String hex) {
    return HexFormat.of().parseHex(hex);
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private static String stripSeparator(String record) {
    return record.endsWith(RS) ? record.substring(0, record.length() - 1) : record;
  }

  /** A JSON hub connection on {@code /testhub} (negotiate skipped) over a {@link RawHubSocket}. */
  private static final class JsonSession implements AutoCloseable {
    final RawHubSocket socket;
    private final java.util.ArrayDeque<JsonNode> received = new java.util.ArrayDeque<>();

    private JsonSession(RawHubSocket socket) {
      this.socket = socket;
    }

    static JsonSession open(String baseUrl) throws InterruptedException {
      RawHubSocket socket = RawHubSocket.open(baseUrl + "/testhub");
      socket.text("{\"protocol\":\"json\",\"version\":1}" + RS);
      assertEquals("{}" + RS, socket.next().asText());
      return new JsonSession(socket);
    }

    void send(String message) {
      socket.text(message + RS);
    }

    /** The next hub message that is not a Ping. */
    JsonNode nextMessage() throws Exception {
      while (true) {
        while (received.isEmpty()) {
          for (String record : socket.next().asText().split(RS)) {
            received.add(JSON.readTree(record));
          }
        }
        JsonNode message = received.poll();
        if (message.path("type").asInt() != 6) {
          return message;
        }
      }
    }

    /** The next message is a Close with {@code error} and {@code allowReconnect}; the socket closes. */
    void assertClosedWith(String error) throws Exception {
      JsonNode close = nextMessage();
      assertEquals(7, close.path("type").asInt(), close.toString());
      assertEquals(error, close.path("error").asText());
      assertTrue(close.path("allowReconnect").asBoolean(), close.toString());
      socket.awaitClose();
    }

    @Override
    public void close() {
      socket.close();
    }
  }
}
