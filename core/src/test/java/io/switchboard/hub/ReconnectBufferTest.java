package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.protocol.InvalidDataException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconnectBufferTest {
  private final List<String> wire = new ArrayList<>();
  private final ReconnectBuffer buffer = new ReconnectBuffer(10);

  private void send(String message) {
    buffer.send(message.getBytes(), bytes -> wire.add(new String(bytes)));
  }

  private void reattach() {
    buffer.reattach(id -> wire.add("Sequence " + id), bytes -> wire.add(new String(bytes)));
  }

  @Test
  void replaysUnackedMessagesAfterTheSequence() {
    send("m1");
    send("m2");
    send("m3");
    buffer.ack(1, bytes -> wire.add(new String(bytes)));
    buffer.detach();
    send("m4");
    assertEquals(List.of("m1", "m2", "m3"), wire);
    wire.clear();
    reattach();
    assertEquals(List.of("Sequence 2", "m2", "m3", "m4"), wire);
  }

  @Test
  void sequenceIsTheNextIdWhenEverythingWasAcked() {
    send("m1");
    buffer.ack(1, bytes -> {});
    buffer.detach();
    wire.clear();
    reattach();
    assertEquals(List.of("Sequence 2"), wire);
  }

  @Test
  void messagesWaitWhileTheUnackedBytesExceedTheLimit() {
    send("aaaaaa");
    send("bbbbbb"); // 12 bytes unacked now: over the limit of 10
    send("cc");
    assertEquals(List.of("aaaaaa", "bbbbbb"), wire);
    assertEquals(2, buffer.waitingBytes());
    buffer.ack(1, bytes -> wire.add(new String(bytes)));
    assertEquals(List.of("aaaaaa", "bbbbbb", "cc"), wire);
    assertEquals(0, buffer.waitingBytes());
  }

  @Test
  void duplicatesFromTheClientAreDropped() {
    assertTrue(buffer.received()); // 1
    assertTrue(buffer.received()); // 2
    buffer.sequence(2); // the client replays from 2
    assertFalse(buffer.received()); // 2 again
    assertTrue(buffer.received()); // 3
  }

  @Test
  void aSequenceBeyondWhatWasReceivedMeansLostMessages() {
    buffer.received();
    InvalidDataException error = assertThrows(InvalidDataException.class, () -> buffer.sequence(5));
    assertEquals("Sequence ID greater than amount of messages we've received.", error.getMessage());
  }

  @Test
  void acksAreDueOnlyForNewMessages() {
    assertEquals(-1, buffer.ackDue());
    buffer.received();
    buffer.received();
    assertEquals(2, buffer.ackDue());
    assertEquals(-1, buffer.ackDue());
  }
}
