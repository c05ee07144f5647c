package io.switchboard.protocol.json;

import static io.switchboard.protocol.testing.MessageAssertions.assertMessageEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.InvocationBindingFailureMessage;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.PayloadMappers;
import io.switchboard.protocol.PingMessage;
import io.switchboard.protocol.StreamBindingFailureMessage;
import io.switchboard.protocol.StreamInvocationMessage;
import io.switchboard.protocol.StreamItemMessage;
import io.switchboard.protocol.testing.TestBinder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables D and E, the accepted-but-notable inputs, and buffer handling of the JSON protocol. */
class JsonHubProtocolTest {

  private static final String ARGUMENT_TYPES =
      "Error binding arguments. Make sure that the types of the provided values match the types of"
          + " the hub method being invoked.";

  private final JsonHubProtocol protocol = new JsonHubProtocol();
  private final TestBinder binder =
      new TestBinder().target("foo", int.class, String.class).target("Method", int.class, int.class);

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "J01 | ''                                                             | Error reading JSON.",
        "J02 | 42                                                             | Unexpected JSON Token Type 'Number'. Expected a JSON Object.",
        "J03 | null                                                           | Unexpected JSON Token Type 'Null'. Expected a JSON Object.",
        "J04 | \"foo\"                                                        | Unexpected JSON Token Type 'String'. Expected a JSON Object.",
        "J05 | [42]                                                           | Unexpected JSON Token Type 'Array'. Expected a JSON Object.",
        "J06 | {}                                                             | Missing required property 'type'.",
        "J07 | {\"type\":\"foo\"}                                             | Expected 'type' to be of type Number.",
        "J08 | {\"type\":1,\"headers\":{\"Foo\": 42},\"target\":\"test\",arguments:[]}   | Expected header 'Foo' to be of type String.",
        "J08 | {\"type\":1,\"headers\":{\"Foo\": true},\"target\":\"test\",arguments:[]} | Expected header 'Foo' to be of type String.",
        "J08 | {\"type\":1,\"headers\":{\"Foo\": null},\"target\":\"test\",arguments:[]} | Expected header 'Foo' to be of type String.",
        "J08 | {\"type\":1,\"headers\":{\"Foo\": []},\"target\":\"test\",arguments:[]}   | Expected header 'Foo' to be of type String.",
        "J09 | {\"type\":1}                                                   | Missing required property 'target'.",
        "J10 | {\"type\":1,\"invocationId\":42}                               | Expected 'invocationId' to be of type String.",
        "J11 | {\"type\":1,\"invocationId\":\"42\"}                           | Missing required property 'target'.",
        "J12 | {\"type\":1,\"invocationId\":\"42\",\"target\":42}             | Expected 'target' to be of type String.",
        "J13 | {\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\"}        | Missing required property 'arguments'.",
        "J14 | {\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":{}} | Expected 'arguments' to be of type Array.",
        "J15 | {\"type\":2}                                                   | Missing required property 'invocationId'.",
        "J16 | {\"type\":2,\"invocationId\":42}                               | Expected 'invocationId' to be of type String.",
        "J17 | {\"type\":2,\"invocationId\":\"42\"}                           | Missing required property 'item'.",
        "J18 | {\"type\":3}                                                   | Missing required property 'invocationId'.",
        "J19 | {\"type\":3,\"invocationId\":42}                               | Expected 'invocationId' to be of type String.",
        "J20 | {\"type\":3,\"invocationId\":\"42\",\"error\":[]}              | Expected 'error' to be of type String.",
        "J21 | {\"type\":3,\"invocationId\":\"42\",\"error\":\"foo\",\"result\":true} | The 'error' and 'result' properties are mutually exclusive.",
        "J22 | {\"type\":3,\"invocationId\":\"42\",\"result\":true            | Error reading JSON.",
        "J23 | {\"type\":4}                                                   | Missing required property 'invocationId'.",
        "J24 | {\"type\":4,\"invocationId\":42}                               | Expected 'invocationId' to be of type String.",
        "J25 | {\"type\":4,\"invocationId\":\"42\",\"target\":42}             | Expected 'target' to be of type String.",
        "J26 | {\"type\":4,\"invocationId\":\"42\",\"target\":\"foo\"}        | Missing required property 'arguments'.",
        "J27 | {\"type\":4,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":{}} | Expected 'arguments' to be of type Array.",
        "J28 | {\"type\":8,\"sequenceId\":true}                               | Expected 'sequenceId' to be of type Number.",
        "J29 | {\"type\":9,\"sequenceId\":\"value\"}                          | Expected 'sequenceId' to be of type Number.",
        "J30 | {\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[[}]} | Error reading JSON."
      })
  void rejectsInvalidMessages(String id, String input, String message) {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> parse(input));

    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":3,\"invocationId\":\"42\",\"error\":null}    | Expected 'error' to be of type String.",
        "{\"type\":4,\"invocationId\":\"\",\"target\":\"foo\",\"arguments\":[]} | Missing required property 'invocationId'.",
        "{\"type\":5}                                           | Missing required property 'invocationId'.",
        "{\"type\":8}                                           | Missing required property 'sequenceId'.",
        "{\"type\":7,\"allowReconnect\":\"yes\"}                | Expected 'allowReconnect' to be true or false.",
        "{\"type\":1,\"target\":\"foo\",\"arguments\":[],\"streamIds\":{}}     | Expected 'streamIds' to be of type Array.",
        "{\"type\":1,\"target\":\"foo\",\"arguments\":[],\"streamIds\":[null]} | Null value for 'streamIds' is not valid.",
        "{\"type\":1,\"target\":\"foo\",\"arguments\":[],\"headers\":[]}      | Expected 'headers' to be of type Object."
      })
  void rejectsOtherInvalidFields(String input, String message) {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> parse(input));

    assertEquals(message, e.getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"type\":1,\"type\":1,\"target\":\"foo\",\"arguments\":[1,\"a\"]}",
        "{\"type\":1,\"target\":\"foo\",\"target\":\"Method\",\"arguments\":[1,\"a\"]}",
        "{\"type\":1,\"arguments\":[1,2],\"target\":\"foo\",\"arguments\":[1,\"a\"]}",
        "{\"type\":1,\"invocationId\":\"1\",\"invocationId\":\"2\",\"target\":\"foo\",\"arguments\":[1,\"a\"]}"
      })
  void rejectsRepeatedKnownProperties(String input) {
    InvalidDataException e = assertThrows(InvalidDataException.class, () -> parse(input));

    assertTrue(e.getMessage().matches("Duplicate '\\w+' property is not allowed\\."), e.getMessage());
  }

  @Test
  void allowsRepeatedUnknownProperties() {
    HubMessage message = parse("{\"type\":6,\"x\":1,\"x\":[2]}");

    assertSame(PingMessage.INSTANCE, message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "JB01 | {\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[]}                      | false | Invocation provides 0 argument(s) but target expects 2.",
        "JB02 | {\"type\":1,\"arguments\":[], \"invocationId\":\"42\",\"target\":\"foo\"}                     | false | Invocation provides 0 argument(s) but target expects 2.",
        "JB03 | {\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[ \"abc\", \"xyz\"]}      | false | " + ARGUMENT_TYPES,
        "JB04 | {\"type\":4,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[]}                      | true  | Invocation provides 0 argument(s) but target expects 2.",
        "JB05 | {\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[1,\"\",{\"1\":1,\"2\":2}]} | false | Invocation provides 3 argument(s) but target expects 2.",
        "JB06 | {\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[1,[1]]}                  | false | " + ARGUMENT_TYPES
      })
  void reportsArgumentBindingFailures(String id, String input, boolean streaming, String message) {
    InvocationBindingFailureMessage failure =
        assertInstanceOf(InvocationBindingFailureMessage.class, parse(input));

    assertEquals("42", failure.invocationId());
    assertEquals("foo", failure.target());
    assertEquals(streaming, failure.streaming());
    assertInstanceOf(InvalidDataException.class, failure.cause());
    assertEquals(message, failure.cause().getMessage());
  }

  @Test
  void bindingFailureKeepsTheOuterTargetWhenArgumentsHoldOne() {
    TestBinder oneString = new TestBinder().target("foo", String.class);

    HubMessage message =
        parse(
            "{\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[[],{\"target\":\"foo2\"}]}",
            oneString);

    InvocationBindingFailureMessage failure =
        assertInstanceOf(InvocationBindingFailureMessage.class, message);
    assertEquals("foo", failure.target());
    // JSON arguments are bound in order, so the first one ([] for a string) fails first.
    assertEquals(ARGUMENT_TYPES, failure.cause().getMessage());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        // bound where they stand: the target is known before the arguments
        "{\"type\":1,\"invocationId\":\"7\",\"target\":\"foo\",\"arguments\":[{\"a\":[1,{\"b\":2}]},\"x\"],\"streamIds\":[\"s\"]}",
        // buffered: the arguments come first
        "{\"arguments\":[{\"a\":[1,{\"b\":2}]},\"x\"],\"streamIds\":[\"s\"],\"target\":\"foo\",\"invocationId\":\"7\",\"type\":1}"
      })
  void continuesReadingAfterABindingFailure(String input) {
    ByteBuffer buffer = utf8(input + "\u001e{\"type\":6}\u001e");

    HubMessage first = protocol.parseMessage(buffer, binder);
    HubMessage second = protocol.parseMessage(buffer, binder);

    InvocationBindingFailureMessage failure =
        assertInstanceOf(InvocationBindingFailureMessage.class, first);
    assertEquals(ARGUMENT_TYPES, failure.cause().getMessage());
    assertEquals("7", failure.invocationId());
    assertSame(PingMessage.INSTANCE, second);
  }

  @Test
  void recoversFromAFailureDeepInsideAnArgument() {
    TestBinder numbers = new TestBinder().target("sum", int[].class, String.class);
    ByteBuffer buffer =
        utf8(
            "{\"type\":1,\"target\":\"sum\",\"arguments\":[[1,\"x\",[3],{\"y\":[]}],\"z\"],\"invocationId\":\"5\"}"
                + "\u001e{\"type\":6}\u001e");

    InvocationBindingFailureMessage failure =
        assertInstanceOf(InvocationBindingFailureMessage.class, protocol.parseMessage(buffer, numbers));

    assertEquals("5", failure.invocationId());
    assertEquals(ARGUMENT_TYPES, failure.cause().getMessage());
    assertSame(PingMessage.INSTANCE, protocol.parseMessage(buffer, numbers));
  }

  @Test
  void binderFailureIsTheCause() {
    IllegalStateException unknown = new IllegalStateException("Method does not exist.");
    TestBinder throwing = TestBinder.failingWith(unknown);

    HubMessage message =
        parse("{\"type\":1,\"invocationId\":\"1\",\"target\":\"nope\",\"arguments\":[1,{\"x\":[]}]}", throwing);

    InvocationBindingFailureMessage failure =
        assertInstanceOf(InvocationBindingFailureMessage.class, message);
    assertSame(unknown, failure.cause());
    assertEquals("nope", failure.target());
  }

  @Test
  void acceptsExtraProperties() {
    HubMessage message =
        parse(
            "{\"type\":1,\"invocationId\":\"42\",\"target\":\"foo\",\"arguments\":[1,\"a\"],\"extraParameter\":\"1\"}");

    assertMessageEquals(
        new InvocationMessage(Map.of(), "42", "foo", new Object[] {1, "a"}, List.of()), message);
  }

  @Test
  void acceptsPropertiesInAnyOrder() {
    TestBinder any =
        new TestBinder()
            .target("Method", int.class, int.class)
            .returnType("15", Integer.class)
            .stream("1a", String.class);

    assertMessageEquals(
        new InvocationMessage(Map.of(), null, "Method", new Object[] {1, 2}, List.of()),
        parse("{ \"arguments\": [1,2], \"type\":1, \"target\": \"Method\" }", any));
    assertMessageEquals(
        new StreamInvocationMessage(Map.of(), "3", "Method", new Object[] {1, 2}, List.of()),
        parse("{ \"type\":4, \"arguments\": [1,2], \"target\": \"Method\", \"invocationId\": \"3\" }", any));
    assertMessageEquals(
        CompletionMessage.withResult("15", 10),
        parse("{ \"type\":3, \"result\": 10, \"invocationId\": \"15\" }", any));
    assertMessageEquals(
        new StreamItemMessage(Map.of(), "1a", "foo"),
        parse("{ \"item\": \"foo\", \"invocationId\": \"1a\", \"type\":2 }", any));
  }

  @Test
  void readsTheJavaScriptClientsPropertyOrder() {
    TestBinder add = new TestBinder().target("Add", int.class, int.class);

    HubMessage message =
        parse("{\"arguments\":[40,2],\"invocationId\":\"0\",\"target\":\"Add\",\"type\":1}", add);

    assertMessageEquals(
        new InvocationMessage(Map.of(), "0", "Add", new Object[] {40, 2}, List.of()), message);
  }

  @Test
  void emptyInvocationIdMeansNonBlocking() {
    HubMessage message =
        parse("{\"type\":1,\"invocationId\":\"\",\"target\":\"foo\",\"arguments\":[1,\"a\"]}");

    assertNull(assertInstanceOf(InvocationMessage.class, message).invocationId());
  }

  @Test
  void itemForAnUnknownStreamIsAStreamBindingFailure() {
    StreamBindingFailureMessage failure =
        assertInstanceOf(
            StreamBindingFailureMessage.class,
            parse("{\"type\":2,\"invocationId\":\"9\",\"item\":{\"deep\":[1,2]}}"));

    assertEquals("9", failure.invocationId());
    assertInstanceOf(IllegalStateException.class, failure.cause());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"type\":2,\"invocationId\":\"s\",\"item\":{\"deep\":[1,2]}}",
        "{\"item\":{\"deep\":[1,2]},\"invocationId\":\"s\",\"type\":2}"
      })
  void itemOfTheWrongTypeIsAStreamBindingFailure(String input) {
    TestBinder stream = new TestBinder().stream("s", Integer.class);

    StreamBindingFailureMessage failure =
        assertInstanceOf(StreamBindingFailureMessage.class, parse(input, stream));

    assertEquals("s", failure.invocationId());
    assertInstanceOf(InvalidDataException.class, failure.cause());
  }

  @Test
  void resultForAnUnknownInvocationReadsAsNull() {
    CompletionMessage completion =
        assertInstanceOf(
            CompletionMessage.class,
            parse("{\"type\":3,\"invocationId\":\"s1\",\"result\":{\"a\":[1]}}"));

    assertTrue(completion.hasResult());
    assertNull(completion.result());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "{\"type\":3,\"invocationId\":\"s1\",\"result\":\"text\"}",
        "{\"result\":\"text\",\"invocationId\":\"s1\",\"type\":3}"
      })
  void resultOfTheWrongTypeBecomesTheError(String input) {
    TestBinder pending = new TestBinder().returnType("s1", Integer.class);

    CompletionMessage completion =
        assertInstanceOf(CompletionMessage.class, parse(input, pending));

    assertTrue(
        completion.error().startsWith("Error trying to deserialize result to Integer. "),
        completion.error());
    assertEquals(false, completion.hasResult());
  }

  @Test
  void skipsMessagesOfUnknownType() {
    ByteBuffer input = utf8("{\"type\":99,\"x\":[1]}\u001e{\"type\":6}\u001e{\"type\":42}\u001e");

    assertSame(PingMessage.INSTANCE, protocol.parseMessage(input, binder));
    assertNull(protocol.parseMessage(input, binder));
    assertEquals(input.limit(), input.position());
  }

  @Test
  void readsSeveralMessagesFromOneBuffer() {
    ByteBuffer input =
        utf8(
            "{\"type\":6}\u001e{\"type\":1,\"target\":\"foo\",\"arguments\":[1,\"a\"]}\u001e{\"type\":7}\u001e");

    assertSame(PingMessage.INSTANCE, protocol.parseMessage(input, binder));
    assertInstanceOf(InvocationMessage.class, protocol.parseMessage(input, binder));
    assertInstanceOf(io.switchboard.protocol.CloseMessage.class, protocol.parseMessage(input, binder));
    assertNull(protocol.parseMessage(input, binder));
  }

  @Test
  void messageSplitAcrossReadsParsesOnceComplete() {
    ByteBuffer input = ByteBuffer.allocate(128);
    input.put(bytes("{\"type\":1,\"target\":\"fo")).flip();

    assertNull(protocol.parseMessage(input, binder));
    assertEquals(0, input.position());

    input.compact().put(bytes("o\",\"arguments\":[1,\"a\"]}\u001e")).flip();
    assertMessageEquals(
        new InvocationMessage("foo", new Object[] {1, "a"}), protocol.parseMessage(input, binder));
  }

  @Test
  void readsDirectBuffers() {
    byte[] bytes = bytes("{\"type\":6}\u001e");
    ByteBuffer input = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

    assertSame(PingMessage.INSTANCE, protocol.parseMessage(input, binder));
  }

  @Test
  void writerLeavesOutEmptyErrorAndEmptyInvocationId() {
    assertEquals(
        "{\"type\":3,\"invocationId\":\"1\"}\u001e", text(CompletionMessage.withError("1", "")));
    assertEquals(
        "{\"type\":1,\"target\":\"foo\",\"arguments\":[]}\u001e",
        text(new InvocationMessage(Map.of(), "", "foo", new Object[0], List.of())));
  }

  @Test
  void rejectsNonJsonPayloadMapper() {
    assertThrows(
        IllegalArgumentException.class, () -> new JsonHubProtocol(PayloadMappers.messagePack()));
  }

  private String text(HubMessage message) {
    return new String(protocol.encode(message), StandardCharsets.UTF_8);
  }

  private HubMessage parse(String json) {
    return parse(json, binder);
  }

  private HubMessage parse(String json, TestBinder with) {
    return protocol.parseMessage(utf8(json + "\u001e"), with);
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(bytes(text));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
