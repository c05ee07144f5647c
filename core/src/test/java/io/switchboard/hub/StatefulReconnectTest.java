package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The hub layer's part of stateful reconnect: numbering, acks, replay, duplicates. */
class StatefulReconnectTest {
  private static final String RS = "\u001e";
  private final HubEndpoint<SampleHub> endpoint =
      HubEndpoint.create(SampleHub.class, HubOptions.builder().allowStatefulReconnects(true).build());

  @AfterEach
  void shutdown() {
    endpoint.shutdown();
  }

  private RecordingConnection connect(int version) throws InterruptedException {
    return new RecordingConnection("sr").withStatefulReconnect().handshake(endpoint, "json", version);
  }

  private static HubConnectionContext context(RecordingConnection connection) {
    return (HubConnectionContext) connection.listener();
  }

  private static final String ECHO_A =
      "{\"type\":1,\"invocationId\":\"0\",\"target\":\"echo\",\"arguments\":[\"a\"]}" + RS;
  private static final String RESULT_A = "{\"type\":3,\"invocationId\":\"0\",\"result\":\"a\"}" + RS;

  @Test
  void unackedMessagesAreReplayedAfterTheSequence() throws Exception {
    RecordingConnection connection = connect(2);
    connection.receive(ECHO_A);
    assertEquals(RESULT_A, connection.nextText()); // S#1
    context(connection).onTransportLost();
    endpoint.hubContext().clients().all().send("Tick", 1).join(); // S#2, kept while detached
    context(connection).onTransportReattached();
    assertEquals("{\"type\":9,\"sequenceId\":1}" + RS, connection.nextText());
    assertEquals(RESULT_A, connection.nextText());
    assertEquals("{\"type\":1,\"target\":\"Tick\",\"arguments\":[1]}" + RS, connection.nextText());
  }

  @Test
  void ackedMessagesAreNotReplayed() throws Exception {
    RecordingConnection connection = connect(2);
    connection.receive(ECHO_A);
    assertEquals(RESULT_A, connection.nextText());
    connection.receive("{\"type\":8,\"sequenceId\":1}" + RS);
    // A round trip makes sure the Ack was processed before the transport goes.
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"b\"]}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"b\"}" + RS, connection.nextText());
    context(connection).onTransportLost();
    context(connection).onTransportReattached();
    assertEquals("{\"type\":9,\"sequenceId\":2}" + RS, connection.nextText());
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"b\"}" + RS, connection.nextText());
  }

  @Test
  void replayedClientMessagesAreProcessedOnce() throws Exception {
    RecordingConnection connection = connect(2);
    connection.receive(ECHO_A); // C#1
    assertEquals(RESULT_A, connection.nextText());
    // After a re-attach the client replays from 1: the duplicate is dropped, the new one runs.
    connection.receive("{\"type\":9,\"sequenceId\":1}" + RS + ECHO_A
        + "{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"new\"]}" + RS);
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"new\"}" + RS, connection.nextText());
  }

  @Test
  void theServerAcksWhatItProcessedOnItsTick() throws Exception {
    RecordingConnection connection = connect(2);
    connection.receive(ECHO_A);
    assertEquals(RESULT_A, connection.nextText());
    context(connection).onHeartbeat(System.nanoTime());
    assertEquals("{\"type\":8,\"sequenceId\":1}" + RS, connection.nextText());
  }

  @Test
  void versionOneHandshakeTurnsStatefulReconnectOff() throws Exception {
    RecordingConnection connection = connect(1);
    connection.receive(ECHO_A);
    assertEquals(RESULT_A, connection.nextText());
    context(connection).onHeartbeat(System.nanoTime());
    context(connection).onTransportLost();
    context(connection).onTransportReattached();
    connection.receive("{\"type\":1,\"invocationId\":\"1\",\"target\":\"echo\",\"arguments\":[\"b\"]}" + RS);
    // No Ack, no Sequence: the next thing written is the answer.
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"b\"}" + RS, connection.nextText());
  }
}
