package io.switchboard.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.backplane.InMemoryBackplane;
import io.switchboard.backplane.InMemoryBroker;
import io.switchboard.events.SwitchboardEvents;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A server with a backplane and an events listener reports the backplane's health and gaps. */
class ApplicationBackplaneEventsTest {
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final SwitchboardEvents recorder =
      new SwitchboardEvents() {
        @Override
        public void backplaneHealthChanged(boolean healthy) {
          events.add(healthy ? "up" : "down");
        }
      };

  private String next() throws InterruptedException {
    String event = events.poll(10, TimeUnit.SECONDS);
    if (event == null) {
      throw new AssertionError("no event");
    }
    return event;
  }

  @Test
  void healthTransitionsReachTheListener() throws Exception {
    try (InMemoryBroker broker = new InMemoryBroker();
        InMemoryBackplane bus = broker.connect()) {
      SwitchboardApplication application =
          SwitchboardApplication.builder()
              .hub("/hub", MountedHubsTest.MountedHub.class)
              .backplane(bus)
              .events(recorder)
              .build();
      try {
        bus.disconnect();
        assertEquals("down", next());
        bus.reconnect();
        assertEquals("up", next());
      } finally {
        application.close();
      }
    }
  }

  @Test
  void missedMessagesAreCountedFromTheirRange() {
    BlockingQueue<String> missed = new LinkedBlockingQueue<>();
    new BackplaneHealthEvents(
            new SwitchboardEvents() {
              @Override
              public void backplaneMessagesMissed(String stream, long count) {
                missed.add(stream + " " + count);
              }
            })
        .messagesMissed("chat_hub", 41, 47);
    assertEquals("chat_hub 7", missed.poll());
  }
}
