package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Sends to all, others, groups and single connections, in memory. */
class HubClientsTest {
  private static final String RS = "\u001e";
  private final CountingProtocol json = new CountingProtocol(new JsonHubProtocol());
  private final CountingProtocol messagePack = new CountingProtocol(new MessagePackHubProtocol());
  private final HubEndpoint<SampleHub> endpoint =
      HubEndpoint.create(SampleHub.class, HubOptions.builder().protocols(json, messagePack).build());
  private static final java.util.concurrent.atomic.AtomicInteger ids =
      new java.util.concurrent.atomic.AtomicInteger();

  @AfterEach
  void shutdown() {
    endpoint.shutdown();
  }

  private RecordingConnection connect(String protocol) throws InterruptedException {
    return new RecordingConnection("clients" + ids.incrementAndGet()).handshake(endpoint, protocol, 1);
  }

  private static void call(RecordingConnection caller, String id, String target, String args)
      throws InterruptedException {
    caller.receive(
        "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":"
            + args + "}" + RS);
  }

  private static String completion(String id) {
    return "{\"type\":3,\"invocationId\":\"" + id + "\",\"result\":null}" + RS;
  }

  @Test
  void broadcastIsEncodedOncePerProtocolWhateverTheNumberOfRecipients() throws Exception {
    List<RecordingConnection> jsonClients = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      jsonClients.add(connect("json"));
    }
    List<RecordingConnection> binaryClients = List.of(connect("messagepack"), connect("messagepack"));
    RecordingConnection caller = jsonClients.get(0);
    call(caller, "1", "broadcast", "[\"hello\"]");

    String expected = "{\"type\":1,\"target\":\"Receive\",\"arguments\":[\"hello\"]}" + RS;
    assertEquals(expected, caller.nextText());
    assertEquals(completion("1"), caller.nextText());
    byte[] shared = jsonClients.get(1).nextWrite();
    assertEquals(expected, new String(shared, java.nio.charset.StandardCharsets.UTF_8));
    assertSame(shared, jsonClients.get(2).nextWrite(), "the same bytes go to every JSON client");
    byte[] binary = binaryClients.get(0).nextWrite();
    assertArrayEquals(binary, binaryClients.get(1).nextWrite());
    assertEquals(1, json.invocationEncodings.get());
    assertEquals(1, messagePack.invocationEncodings.get());
  }

  @Test
  void othersExcludesTheCaller() throws Exception {
    RecordingConnection caller = connect("json");
    RecordingConnection other = connect("json");
    call(caller, "1", "sendToOthers", "[\"psst\"]");
    assertEquals(completion("1"), caller.nextText());
    assertEquals("{\"type\":1,\"target\":\"Receive\",\"arguments\":[\"psst\"]}" + RS, other.nextText());
    call(caller, "2", "echo", "[\"x\"]");
    assertEquals("{\"type\":3,\"invocationId\":\"2\",\"result\":\"x\"}" + RS, caller.nextText());
  }

  @Test
  void groupMembersReceiveUntilTheyLeave() throws Exception {
    RecordingConnection member = connect("json");
    RecordingConnection outsider = connect("json");
    call(member, "1", "join", "[\"room\"]");
    assertEquals(completion("1"), member.nextText());

    call(outsider, "1", "sendToGroup", "[\"room\",\"hi\"]");
    assertEquals(completion("1"), outsider.nextText());
    assertEquals(
        "{\"type\":1,\"target\":\"GroupMessage\",\"arguments\":[\"room\",\"hi\"]}" + RS,
        member.nextText());

    call(member, "2", "leave", "[\"room\"]");
    assertEquals(completion("2"), member.nextText());
    call(outsider, "2", "sendToGroup", "[\"room\",\"gone\"]");
    assertEquals(completion("2"), outsider.nextText());
    call(member, "3", "echo", "[\"after\"]");
    // Had the group message arrived, it would come before this answer.
    assertEquals("{\"type\":3,\"invocationId\":\"3\",\"result\":\"after\"}" + RS, member.nextText());
  }

  @Test
  void hubContextSendsFromOutsideAnyHub() throws Exception {
    RecordingConnection target = connect("json");
    RecordingConnection bystander = connect("json");
    endpoint.hubContext().clients().client(target.connectionId()).send("Direct", 1, "two").join();
    assertEquals("{\"type\":1,\"target\":\"Direct\",\"arguments\":[1,\"two\"]}" + RS, target.nextText());
    call(bystander, "1", "echo", "[\"only\"]");
    assertEquals("{\"type\":3,\"invocationId\":\"1\",\"result\":\"only\"}" + RS, bystander.nextText());
  }

  @Test
  void disconnectedConnectionsLeaveTheirGroups() throws Exception {
    RecordingConnection member = connect("json");
    call(member, "1", "join", "[\"room\"]");
    assertEquals(completion("1"), member.nextText());
    member.end(null);
    String gone;
    do {
      gone = SampleHub.DISCONNECTED.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    } while (gone != null && !gone.equals(member.connectionId()));
    assertEquals(member.connectionId(), gone);
    RecordingConnection later = connect("json");
    call(later, "1", "join", "[\"room\"]");
    assertEquals(completion("1"), later.nextText());
    endpoint.hubContext().clients().group("room").send("M").join();
    assertEquals("{\"type\":1,\"target\":\"M\",\"arguments\":[]}" + RS, later.nextText());
    assertTrue(member.drainWrites().isEmpty(), "a disconnected connection is no group member");
  }
}
