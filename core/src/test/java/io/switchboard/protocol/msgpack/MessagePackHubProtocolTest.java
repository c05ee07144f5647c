package io.switchboard.protocol.msgpack;

import static io.switchboard.protocol.testing.MessageAssertions.assertMessageEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.protocol.AckMessage;
import io.switchboard.protocol.CloseMessage;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.InvocationBindingFailureMessage;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.PayloadMappers;
import io.switchboard.protocol.PingMessage;
import io.switchboard.protocol.StreamBindingFailureMessage;
import io.switchboard.protocol.internal.VarIntFraming;
import io.switchboard.protocol.testing.Hex;
import io.switchboard.protocol.testing.TestBinder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tables F, G and J, the array-shape rules and buffer handling of the MessagePack protocol. */
class MessagePackHubProtocolTest {

  private static final String ARGUMENT_TYPES =
      "Error binding arguments. Make sure that the types of the provided values match the types of"
          + " the hub method being invoked.";

  private final MessagePackHubProtocol protocol = new MessagePackHubProtocol();

  // The reference tests' binder: every target takes one string, every item and result is a string.
  private final TestBinder binder =
      new TestBinder()
          .target("T", String.class)
          .target("xyz", String.class)
          .stream("xyz", String.class)
          .returnType("xyz", String.class);

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "M01 MessageTypeString, 91 A3 66 6F 6F, Reading 'messageType' as Int32 failed.",
    "M02 HeadersNotAMap, 92 01 A3 66 6F 6F, Reading map length for 'headers' failed.",
    "M03 HeaderKeyInt, 92 01 82 2A A3 66 6F 6F, Reading 'headers[0].Key' as String failed.",
    "M04 HeaderValueInt, 92 01 82 A3 66 6F 6F 2A, Reading 'headers[0].Value' as String failed.",
    "M05 HeaderKeyArray, 92 01 84 A3 66 6F 6F A3 66 6F 6F 90 A3 66 6F 6F,"
        + " Reading 'headers[1].Key' as String failed.",
    "M06 HeaderValueArray, 92 01 84 A3 66 6F 6F A3 66 6F 6F A3 66 6F 6F 90,"
        + " Reading 'headers[1].Value' as String failed.",
    "M07 HeaderKeyEmptyString, 92 01 82 A0 A3 66 6F 6F, Null or empty key in header.",
    "M08 HeaderValueEmptyString, 92 01 82 A3 66 6F 6F A0, Null or empty value in header.",
    "M09 InvocationMissingId, 92 01 80, Reading 'invocationId' as String failed.",
    "M10 InvocationIdBoolean, 91 01 80 C2, Reading 'invocationId' as String failed.",
    "M11 InvocationTargetMissing, 93 01 80 A3 61 62 63, Reading 'target' as String failed.",
    "M12 InvocationTargetInt, 94 01 80 A3 61 62 63 2A, Reading 'target' as String failed.",
    "M13 InvocationTargetEmptyString, 94 01 80 A3 61 62 63 A0,"
        + " Null or empty target for Invocation message.",
    "M14 InvocationEmptyStringStreamId, 96 01 80 A3 61 62 63 A1 54 91 A0 91 A0,"
        + " Null or empty value in streamIds received.",
    "M15 StreamInvocationMissingId, 92 04 80, Reading 'invocationId' as String failed.",
    "M16 StreamInvocationEmptyStringId, 93 04 80 A0,"
        + " Null or empty invocation ID for StreamInvocation message.",
    "M17 StreamInvocationIdBoolean, 93 04 80 C2, Reading 'invocationId' as String failed.",
    "M18 StreamInvocationTargetMissing, 93 04 80 A3 61 62 63, Reading 'target' as String failed.",
    "M19 StreamInvocationTargetInt, 94 04 80 A3 61 62 63 2A, Reading 'target' as String failed.",
    "M20 StreamInvocationTargetEmptyString, 94 04 80 A3 61 62 63 A0,"
        + " Null or empty target for StreamInvocation message.",
    "M21 StreamItemMissingId, 92 02 80, Reading 'invocationId' as String failed.",
    "M22 StreamItemEmptyStringId, 93 02 80 A0, Null or empty invocation ID for StreamItem message.",
    "M23 StreamItemInvocationIdBoolean, 93 02 80 C2, Reading 'invocationId' as String failed.",
    "M24 CompletionMissingId, 92 03 80, Reading 'invocationId' as String failed.",
    "M25 CompletionEmptyStringId, 93 03 80 A0, Null or empty invocation ID for Completion message.",
    "M26 CompletionIdBoolean, 93 03 80 C2, Reading 'invocationId' as String failed.",
    "M27 CompletionResultKindString, 94 03 80 A3 78 79 7A A3 78 79 7A,"
        + " Reading 'resultKind' as Int32 failed.",
    "M28 CompletionResultKindOutOfRange, 94 03 80 A3 78 79 7A 2A, Invalid invocation result kind.",
    "M29 CompletionErrorMissing, 94 03 80 A3 78 79 7A 01, Reading 'error' as String failed.",
    "M30 CompletionErrorInt, 95 03 80 A3 78 79 7A 01 2A, Reading 'error' as String failed.",
    "M31 CancelInvocationMissingId, 92 05 80, Reading 'invocationId' as String failed.",
    "M32 CancelInvocationEmptyStringId, 93 05 80 A0,"
        + " Null or empty invocation ID for CancelInvocation message.",
    "M33 AckSequenceIdMissing, 91 08, Reading 'sequenceId' as Int64 failed.",
    "M34 AckSequenceIdNull, 91 08 C0, Reading 'sequenceId' as Int64 failed.",
    "M35 SequenceMessageSequenceIdMissing, 91 09, Reading 'sequenceId' as Int64 failed.",
    "M36 SequenceMessageSequenceIdNull, 91 09 C0, Reading 'sequenceId' as Int64 failed."
  })
  void rejectsInvalidPayloads(String name, String payloadHex, String message) {
    InvalidDataException e =
        assertThrows(InvalidDataException.class, () -> parsePayload(payloadHex, binder));

    assertEquals(message, e.getMessage());
  }

  @Test
  void waitsForTheRestOfAnAnnouncedMessage() {
    ByteBuffer input = ByteBuffer.wrap(Hex.bytes("05 01"));

    assertNull(protocol.parseMessage(input, binder));
    assertEquals(0, input.position());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "MB01 InvocationArgumentArrayMissing, 94 01 80 A3 61 62 63 A3 78 79 7A, false,"
        + " Reading array length for 'arguments' failed.",
    "MB02 InvocationArgumentArrayNotAnArray, 95 01 80 A3 61 62 63 A3 78 79 7A 2A, false,"
        + " Reading array length for 'arguments' failed.",
    "MB03 InvocationArgumentArraySizeMismatchEmpty, 95 01 80 A3 61 62 63 A3 78 79 7A 90, false,"
        + " Invocation provides 0 argument(s) but target expects 1.",
    "MB04 InvocationArgumentArraySizeMismatchTooLarge,"
        + " 95 01 80 A3 61 62 63 A3 78 79 7A 92 A1 61 A1 62, false,"
        + " Invocation provides 2 argument(s) but target expects 1.",
    "MB05 InvocationArgumentTypeMismatch, 95 01 80 A3 61 62 63 A3 78 79 7A 91 2A, false, "
        + ARGUMENT_TYPES,
    "MB06 StreamInvocationArgumentArrayMissing, 94 04 80 A3 61 62 63 A3 78 79 7A, true,"
        + " Reading array length for 'arguments' failed.",
    "MB07 StreamInvocationArgumentArraySizeMismatchEmpty, 95 04 80 A3 61 62 63 A3 78 79 7A 90,"
        + " true, Invocation provides 0 argument(s) but target expects 1.",
    "MB08 StreamInvocationArgumentTypeMismatch, 95 04 80 A3 61 62 63 A3 78 79 7A 91 2A, true, "
        + ARGUMENT_TYPES
  })
  void reportsArgumentBindingFailures(
      String name, String payloadHex, boolean streaming, String message) {
    InvocationBindingFailureMessage failure =
        assertInstanceOf(InvocationBindingFailureMessage.class, parsePayload(payloadHex, binder));

    assertEquals("abc", failure.invocationId());
    assertEquals("xyz", failure.target());
    assertEquals(streaming, failure.streaming());
    assertInstanceOf(InvalidDataException.class, failure.cause());
    assertEquals(message, failure.cause().getMessage());
  }

  @Test
  void binderFailureIsTheCause() {
    IllegalStateException unknown = new IllegalStateException("Method does not exist.");

    HubMessage message =
        parsePayload("95 01 80 A3 61 62 63 A3 78 79 7A 91 2A", TestBinder.failingWith(unknown));

    assertSame(unknown, assertInstanceOf(InvocationBindingFailureMessage.class, message).cause());
  }

  @Test
  void readsTheJavaScriptClientsSession() {
    TestBinder add = new TestBinder().target("Add", int.class, int.class);
    ByteBuffer input = ByteBuffer.wrap(Hex.bytes("02 91 06 0C 95 01 80 A1 30 A3 41 64 64 92 28 02"));

    assertSame(PingMessage.INSTANCE, protocol.parseMessage(input, add));
    assertMessageEquals(
        new InvocationMessage(Map.of(), "0", "Add", new Object[] {40, 2}, List.of()),
        protocol.parseMessage(input, add));
    assertEquals("07 95 03 80 A1 30 03 2A", hex(CompletionMessage.withResult("0", 42)));
    assertEquals("04 93 07 C0 C2", hex(CloseMessage.EMPTY));
  }

  @Test
  void acceptsTwoElementClose() {
    assertMessageEquals(CloseMessage.EMPTY, parsePayload("92 07 C0", binder));
    assertMessageEquals(
        new CloseMessage("Error!", false), parsePayload("92 07 A6 45 72 72 6F 72 21", binder));
  }

  @Test
  void ignoresElementsAfterTheKnownOnes() {
    HubMessage message =
        parsePayload("98 01 80 A3 61 62 63 A1 54 91 A1 61 90 C3 A2 65 78", binder);

    assertMessageEquals(
        new InvocationMessage(Map.of(), "abc", "T", new Object[] {"a"}, List.of()), message);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "91 CC 06",
        "91 CD 00 06",
        "91 CE 00 00 00 06",
        "91 CF 00 00 00 00 00 00 00 06",
        "91 D0 06",
        "91 D1 00 06",
        "91 D2 00 00 00 06",
        "91 D3 00 00 00 00 00 00 00 06"
      })
  void acceptsAnyIntegerWidthForTheType(String payloadHex) {
    assertSame(PingMessage.INSTANCE, parsePayload(payloadHex, binder));
  }

  @Test
  void acceptsAnyIntegerWidthForResultKindAndSequenceId() {
    assertMessageEquals(
        CompletionMessage.empty("xyz"), parsePayload("94 03 80 A3 78 79 7A D0 02", binder));
    assertMessageEquals(
        new AckMessage(1394), parsePayload("92 08 CF 00 00 00 00 00 00 05 72", binder));
  }

  @Test
  void emptyInvocationIdMeansNonBlocking() {
    HubMessage message = parsePayload("95 01 80 A0 A1 54 91 A1 61", binder);

    assertNull(assertInstanceOf(InvocationMessage.class, message).invocationId());
  }

  @Test
  void itemForAnUnknownStreamIsAStreamBindingFailure() {
    StreamBindingFailureMessage failure =
        assertInstanceOf(
            StreamBindingFailureMessage.class, parsePayload("94 02 80 A3 61 62 63 2A", binder));

    assertEquals("abc", failure.invocationId());
    assertInstanceOf(IllegalStateException.class, failure.cause());
  }

  @Test
  void itemOfTheWrongTypeIsAStreamBindingFailure() {
    StreamBindingFailureMessage failure =
        assertInstanceOf(
            StreamBindingFailureMessage.class, parsePayload("94 02 80 A3 78 79 7A 2A", binder));

    assertEquals("xyz", failure.invocationId());
  }

  @Test
  void resultForAnUnknownInvocationReadsAsNull() {
    CompletionMessage completion =
        assertInstanceOf(
            CompletionMessage.class, parsePayload("95 03 80 A2 73 31 03 91 2A", binder));

    assertTrue(completion.hasResult());
    assertNull(completion.result());
  }

  @Test
  void resultOfTheWrongTypeBecomesTheError() {
    CompletionMessage completion =
        assertInstanceOf(
            CompletionMessage.class, parsePayload("95 03 80 A3 78 79 7A 03 2A", binder));

    assertTrue(
        completion.error().startsWith("Error trying to deserialize result to String. "),
        completion.error());
    assertFalse(completion.hasResult());
  }

  @Test
  void skipsMessagesOfUnknownType() {
    ByteBuffer input = ByteBuffer.wrap(Hex.bytes("03 92 63 C3 02 91 06 02 91 2A"));

    assertSame(PingMessage.INSTANCE, protocol.parseMessage(input, binder));
    assertNull(protocol.parseMessage(input, binder));
    assertEquals(input.limit(), input.position());
  }

  @Test
  void messageSplitAcrossReadsParsesOnceComplete() {
    byte[] framed = Hex.bytes("0E 96 01 80 C0 A6 6D 65 74 68 6F 64 91 2A 90");
    TestBinder method = new TestBinder().target("method", int.class);
    ByteBuffer input = ByteBuffer.allocate(64).put(framed, 0, 6).flip();

    assertNull(protocol.parseMessage(input, method));
    assertEquals(0, input.position());

    input.compact().put(framed, 6, framed.length - 6).flip();
    assertMessageEquals(
        new InvocationMessage("method", new Object[] {42}), protocol.parseMessage(input, method));
  }

  @Test
  void readsDirectBuffers() {
    byte[] framed = Hex.bytes("0E 96 01 80 C0 A6 6D 65 74 68 6F 64 91 2A 90");
    ByteBuffer input = ByteBuffer.allocateDirect(framed.length).put(framed).flip();

    HubMessage message = protocol.parseMessage(input, new TestBinder().target("method", int.class));

    assertMessageEquals(new InvocationMessage("method", new Object[] {42}), message);
  }

  @Test
  void writerUsesNilForEmptyIdAndErrorKindForEmptyError() {
    assertEquals(
        "0D 96 01 80 C0 A6 6D 65 74 68 6F 64 90 90",
        hex(new InvocationMessage(Map.of(), "", "method", new Object[0], List.of())));
    assertEquals("07 95 03 80 A1 31 01 A0", hex(CompletionMessage.withError("1", "")));
  }

  @Test
  void rejectsNonMessagePackPayloadMapper() {
    assertThrows(
        IllegalArgumentException.class, () -> new MessagePackHubProtocol(PayloadMappers.json()));
  }

  private String hex(HubMessage message) {
    return Hex.format(protocol.encode(message));
  }

  private HubMessage parsePayload(String payloadHex, TestBinder with) {
    return protocol.parseMessage(frame(Hex.bytes(payloadHex)), with);
  }

  private static ByteBuffer frame(byte[] payload) {
    byte[] framed = new byte[VarIntFraming.prefixLength(payload.length) + payload.length];
    int prefix = VarIntFraming.writePrefix(payload.length, framed, 0);
    System.arraycopy(payload, 0, framed, prefix, payload.length);
    return ByteBuffer.wrap(framed);
  }
}
