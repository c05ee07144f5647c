package io.switchboard.protocol.msgpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.fuzz.Allocations;
import io.switchboard.fuzz.FuzzLoop;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.InvocationBindingFailureMessage;
import io.switchboard.protocol.testing.Hex;
import io.switchboard.protocol.testing.TestBinder;
import java.nio.ByteBuffer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A MessagePack header may announce up to 2^31 elements or bytes in a frame of a few bytes: the
 * reader answers with the reference's text and allocates nothing in proportion to the claim.
 */
class MessagePackClaimedLengthTest {

  private static final String ARGUMENT_TYPES =
      "Error binding arguments. Make sure that the types of the provided values match the types of"
          + " the hub method being invoked.";

  private final MessagePackHubProtocol protocol = new MessagePackHubProtocol();

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "stream ids array32 of 2^31-1 | 96 01 80 C0 A6 54 61 72 67 65 74 90 DD 7F FF FF FF"
            + " | Reading 'streamIds[0]' as String failed.",
        "headers map32 of 2^31-1 | 96 01 DF 7F FF FF FF | Reading 'headers[0].Key' as String failed.",
        "target str32 of 2^31-1 | 96 01 80 C0 DB 7F FF FF FF 41 | Reading 'target' as String failed.",
        "arguments array32 of 2^31-1 | 96 01 80 C0 A6 54 61 72 67 65 74 DD 7F FF FF FF"
            + " | Invocation provides 2147483647 argument(s) but target expects 0.",
      })
  void refusesWithoutAllocatingTheClaim(String name, String payloadHex, String error) {
    byte[] framed = framed(payloadHex);
    TestBinder binder = new TestBinder().target("Target");

    long allocated = Allocations.during(() -> assertEquals(error, failure(framed, binder)));

    assertTrue(allocated < FuzzLoop.allocationBudget(framed.length), allocated + " bytes");
  }

  /** An argument that announces more bytes than its frame holds fails binding, as in the reference. */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "str32 of 2^31-1 | 96 01 80 A1 31 A6 54 61 72 67 65 74 91 DB 7F FF FF FF 41",
        "bin32 of 2^31 | 96 01 80 A1 31 A6 54 61 72 67 65 74 91 C6 80 00 00 00",
        "ext32 of 2^31-1 | 96 01 80 A1 31 A6 54 61 72 67 65 74 91 C9 7F FF FF FF 01",
      })
  void argumentClaimingMoreThanItsFrameFailsBinding(String name, String payloadHex) {
    byte[] framed = framed(payloadHex);
    TestBinder binder = new TestBinder().target("Target", String.class);

    long allocated =
        Allocations.during(
            () -> {
              InvocationBindingFailureMessage failure =
                  (InvocationBindingFailureMessage)
                      protocol.parseMessage(ByteBuffer.wrap(framed), binder);
              assertEquals(ARGUMENT_TYPES, failure.cause().getMessage());
            });

    assertTrue(allocated < FuzzLoop.allocationBudget(framed.length), allocated + " bytes");
  }

  private String failure(byte[] framed, TestBinder binder) {
    Object outcome;
    try {
      outcome = protocol.parseMessage(ByteBuffer.wrap(framed), binder);
    } catch (InvalidDataException e) {
      return e.getMessage();
    }
    return ((InvocationBindingFailureMessage) outcome).cause().getMessage();
  }

  private static byte[] framed(String payloadHex) {
    byte[] payload = Hex.bytes(payloadHex);
    byte[] framed = new byte[payload.length + 1];
    framed[0] = (byte) payload.length;
    System.arraycopy(payload, 0, framed, 1, payload.length);
    return framed;
  }
}
