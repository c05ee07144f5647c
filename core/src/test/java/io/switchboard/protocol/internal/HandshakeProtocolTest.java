package io.switchboard.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.testing.Hex;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Table C: handshake bytes and the parsing vectors of the reference handshake tests. */
class HandshakeProtocolTest {

  @ParameterizedTest(name = "{1} v{2}")
  @CsvSource({
    "7B 22 70 72 6F 74 6F 63 6F 6C 22 3A 22 6A 73 6F 6E 22 2C 22 76 65 72 73 69 6F 6E 22 3A 31 7D"
        + " 1E, json, 1",
    "7B 22 70 72 6F 74 6F 63 6F 6C 22 3A 22 6D 65 73 73 61 67 65 70 61 63 6B 22 2C 22 76 65 72 73"
        + " 69 6F 6E 22 3A 31 7D 1E, messagepack, 1",
    "7B 22 70 72 6F 74 6F 63 6F 6C 22 3A 22 6A 73 6F 6E 22 2C 22 76 65 72 73 69 6F 6E 22 3A 32 7D"
        + " 1E, json, 2"
  })
  void parsesClientRequests(String hex, String protocol, int version) {
    ByteBuffer input = ByteBuffer.wrap(Hex.bytes(hex));

    assertEquals(new HandshakeRequest(protocol, version), HandshakeProtocol.parseRequest(input));
    assertEquals(input.limit(), input.position());
  }

  @Test
  void successResponseIsEmptyObject() {
    assertEquals("7B 7D 1E", Hex.format(HandshakeProtocol.successResponse()));
  }

  @Test
  void errorResponseCarriesTheMessage() {
    byte[] response = HandshakeProtocol.errorResponse("The protocol 'foo' is not supported.");

    assertEquals(
        "7B 22 65 72 72 6F 72 22 3A 22 54 68 65 20 70 72 6F 74 6F 63 6F 6C 20 27 66 6F 6F 27 20 69"
            + " 73 20 6E 6F 74 20 73 75 70 70 6F 72 74 65 64 2E 22 7D 1E",
        Hex.format(response));
  }

  @Test
  void errorResponseEscapesTheMessage() {
    byte[] response = HandshakeProtocol.errorResponse("a \"quoted\"\nline");

    assertEquals(
        "{\"error\":\"a \\\"quoted\\\"\\nline\"}\u001e",
        new String(response, StandardCharsets.UTF_8));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"protocol\":\"dummy\",\"version\":1}                                        | dummy          | 1",
        "{\"protocol\":\"\",\"version\":10}                                            | ''             | 10",
        "{\"protocol\":\"\",\"version\":10,\"unknown\":null}                           | ''             | 10",
        "{\"protocol\":\"firstProtocol\",\"protocol\":\"secondProtocol\",\"version\":1,\"version\":75}"
            + " | secondProtocol | 75",
        "{\"protocol\":\"dummy\",\"version\":1,\"ignoredField\":99}                    | dummy          | 1",
        "{\"protocol\":\"dummy\",\"version\":1}{\"protocol\":\"wrong\",\"version\":99} | dummy          | 1",
        "{\"protocol\":\"\\u0064ummy\",\"version\":1}                                  | dummy          | 1",
        "{\"\\u0070rotoco\\u006c\":\"\\u0064ummy\",\"version\":1}                      | dummy          | 1"
      })
  void parsesRequestVectors(String request, String protocol, int version) {
    assertEquals(new HandshakeRequest(protocol, version), parse(request));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "42                               | Unexpected JSON Token Type 'Number'. Expected a JSON Object.",
        "\"42\"                           | Unexpected JSON Token Type 'String'. Expected a JSON Object.",
        "null                             | Unexpected JSON Token Type 'Null'. Expected a JSON Object.",
        "[]                               | Unexpected JSON Token Type 'Array'. Expected a JSON Object.",
        "{}                               | Missing required property 'protocol'. Message content: {}",
        "{\"protocol\":\"json\"}          | Missing required property 'version'. Message content:"
            + " {\"protocol\":\"json\"}",
        "{\"version\":1}                  | Missing required property 'protocol'. Message content:"
            + " {\"version\":1}",
        "{\"version\":\"123\"}            | Expected 'version' to be of type Number.",
        "{\"protocol\":null,\"version\":123} | Expected 'protocol' to be of type String."
      })
  void rejectsMalformedRequests(String request, String message) {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> parse(request));

    assertEquals(message, e.getMessage());
  }

  @Test
  void rejectsBrokenJson() {
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> parse("{\"protocol\":"));

    assertEquals("Error reading JSON.", e.getMessage());
  }

  @Test
  void waitsForTheRecordSeparator() {
    ByteBuffer input = utf8("42");

    assertNull(HandshakeProtocol.parseRequest(input));
    assertEquals(0, input.position());
  }

  @Test
  void requestSplitAcrossReadsParsesOnceComplete() {
    ByteBuffer input = ByteBuffer.allocate(64);
    input.put(bytes("{\"protocol\":\"js")).flip();
    assertNull(HandshakeProtocol.parseRequest(input));

    input.compact().put(bytes("on\",\"version\":1}\u001e")).flip();

    assertEquals(new HandshakeRequest("json", 1), HandshakeProtocol.parseRequest(input));
  }

  @Test
  void keepsBytesAfterTheSeparator() {
    ByteBuffer input = utf8("{\"protocol\":\"json\",\"version\":1}\u001e{\"type\":6}\u001e");

    HandshakeProtocol.parseRequest(input);

    assertEquals("{\"type\":6}\u001e", StandardCharsets.UTF_8.decode(input).toString());
  }

  private static HandshakeRequest parse(String request) {
    return HandshakeProtocol.parseRequest(utf8(request + "\u001e"));
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(bytes(text));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
