package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.events.EndpointEvents;
import io.switchboard.events.InvocationOutcome;
import io.switchboard.events.SwitchboardEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the hub layer reports to {@link SwitchboardEvents}: invocations and messages. */
class HubEventsTest {
  private static final String RS = "\u001e";

  private final HubEndpoint<SampleHub> endpoint = HubEndpoint.create(SampleHub.class, HubOptions.defaults());
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final SwitchboardEvents recorder =
      new SwitchboardEvents() {
        @Override
        public void invocationStarted(String hub, String method) {
          events.add("started " + hub + "." + method);
        }

        @Override
        public void invocationFinished(
            String hub, String method, InvocationOutcome outcome, long durationNanos) {
          events.add("finished " + hub + "." + method + " " + outcome);
        }

        @Override
        public void messageReceived(String endpoint, String protocol, int bytes) {
          events.add("received " + endpoint + " " + protocol + " " + bytes);
        }

        @Override
        public void messageSent(String endpoint, String protocol, int bytes) {
          events.add("sent " + endpoint + " " + protocol + " " + bytes);
        }
      };

  @AfterEach
  void shutdown() {
    endpoint.shutdown();
  }

  private RecordingConnection connect() throws InterruptedException {
    return new RecordingConnection("c1")
        .withEvents(EndpointEvents.of(recorder, "/sample"))
        .handshake(endpoint, "json", 1);
  }

  private static String invocation(String target, String args) {
    return "{\"type\":1,\"invocationId\":\"1\",\"target\":\"" + target + "\",\"arguments\":" + args + "}" + RS;
  }

  @Test
  void anInvocationAndItsMessagesAreReported() throws Exception {
    RecordingConnection connection = connect();
    String request = invocation("Echo", "[\"hi\"]");
    connection.receive(request);
    String answer = connection.nextText();
    assertEquals(
        List.of(
            "received /sample json " + request.getBytes(StandardCharsets.UTF_8).length,
            "started SampleHub.Echo",
            "finished SampleHub.Echo SUCCESS",
            "sent /sample json " + answer.getBytes(StandardCharsets.UTF_8).length),
        events);
  }

  @Test
  void failuresAreReportedByKind() throws Exception {
    RecordingConnection connection = connect();
    connection.receive(invocation("fail", "[\"boom\"]"));
    connection.nextText();
    connection.receive(invocation("failOnPurpose", "[\"no\"]"));
    connection.nextText();
    assertEquals(
        List.of("finished SampleHub.fail ERROR", "finished SampleHub.failOnPurpose HUB_ERROR"),
        events.stream().filter(event -> event.startsWith("finished")).toList());
  }

  @Test
  void messagesNameTheirConnection() throws Exception {
    List<String> traced = new CopyOnWriteArrayList<>();
    SwitchboardEvents tracer =
        new SwitchboardEvents() {
          @Override
          public void messageReceived(String endpoint, String connectionId, String protocol, int bytes) {
            traced.add("received " + connectionId);
          }

          @Override
          public void messageSent(String endpoint, String connectionId, String protocol, int bytes) {
            traced.add("sent " + connectionId);
          }
        };
    RecordingConnection connection =
        new RecordingConnection("c7").withEvents(EndpointEvents.of(tracer, "/sample")).handshake(endpoint, "json", 1);
    connection.receive(invocation("Echo", "[\"hi\"]"));
    connection.nextText();
    assertEquals(List.of("received c7", "sent c7"), traced);
  }
}
