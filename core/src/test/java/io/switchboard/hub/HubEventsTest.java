package io.switchboard.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.events.EndpointEvents;
import io.switchboard.events.InvocationOutcome;
import io.switchboard.events.StreamDirection;
import io.switchboard.events.StreamOutcome;
import io.switchboard.events.SwitchboardEvents;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the hub layer reports to {@link SwitchboardEvents}: invocations, streams and messages. */
class HubEventsTest {
  private static final String RS = "\u001e";

  private final HubEndpoint<SampleHub> endpoint = HubEndpoint.create(SampleHub.class, HubOptions.defaults());
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final BlockingQueue<String> streams = new LinkedBlockingQueue<>();
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

        @Override
        public void streamStarted(String hub, String method, StreamDirection direction) {
          streams.add("started " + hub + "." + method + " " + direction.tagValue());
        }

        @Override
        public void streamFinished(
            String hub,
            String method,
            StreamDirection direction,
            StreamOutcome outcome,
            long items,
            long durationNanos) {
          streams.add(
              "finished " + hub + "." + method + " " + direction.tagValue() + " " + outcome.tagValue()
                  + " " + items);
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

  private String nextStreamEvent() throws InterruptedException {
    String event = streams.poll(10, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no stream event");
    }
    return event;
  }

  private void assertStream(String started, String finished) throws InterruptedException {
    assertEquals("started " + started, nextStreamEvent());
    assertEquals("finished " + finished, nextStreamEvent());
  }

  private static String item(String id, String json) {
    return "{\"type\":2,\"invocationId\":\"" + id + "\",\"item\":" + json + "}" + RS;
  }

  private static String upload(String target) {
    return "{\"type\":1,\"invocationId\":\"5\",\"target\":\"" + target
        + "\",\"arguments\":[],\"streamIds\":[\"4\"]}" + RS;
  }

  @Test
  void serverStreamsAreReportedWithTheirItemsAndOutcome() throws Exception {
    RecordingConnection connection = connect();
    connection.receive("{\"type\":4,\"invocationId\":\"1\",\"target\":\"counter\",\"arguments\":[3]}" + RS);
    assertStream("SampleHub.counter server_to_client", "SampleHub.counter server_to_client completed 3");

    connection.receive("{\"type\":4,\"invocationId\":\"2\",\"target\":\"brokenStream\",\"arguments\":[]}" + RS);
    assertStream("SampleHub.brokenStream server_to_client", "SampleHub.brokenStream server_to_client error 1");

    connection.receive("{\"type\":4,\"invocationId\":\"3\",\"target\":\"neverEnding\",\"arguments\":[]}" + RS);
    assertEquals("started SampleHub.neverEnding server_to_client", nextStreamEvent());
    connection.receive("{\"type\":5,\"invocationId\":\"3\"}" + RS);
    assertEquals("finished SampleHub.neverEnding server_to_client cancelled 0", nextStreamEvent());
  }

  @Test
  void uploadsAreReportedWithTheirItemsAndOutcome() throws Exception {
    RecordingConnection connection = connect();
    connection.receive(upload("concat"));
    connection.receive(item("4", "\"a\""));
    connection.receive(item("4", "\"b\""));
    connection.receive("{\"type\":3,\"invocationId\":\"4\"}" + RS);
    assertStream("SampleHub.concat client_to_server", "SampleHub.concat client_to_server completed 2");
    connection.nextText();

    connection.receive(upload("concat"));
    connection.receive(item("4", "\"a\""));
    connection.receive("{\"type\":3,\"invocationId\":\"4\",\"error\":\"bad\"}" + RS);
    assertStream("SampleHub.concat client_to_server", "SampleHub.concat client_to_server error 1");
    connection.nextText();

    connection.receive(upload("concat"));
    assertEquals("started SampleHub.concat client_to_server", nextStreamEvent());
    connection.end(null); // before the client ended its upload
    assertEquals("finished SampleHub.concat client_to_server cancelled 0", nextStreamEvent());
  }
}
