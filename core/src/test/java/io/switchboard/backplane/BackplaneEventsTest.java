package io.switchboard.backplane;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.switchboard.events.SwitchboardEvents;
import io.switchboard.protocol.InvocationMessage;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What a scale-out lifetime manager reports of its backplane traffic, whatever the bus. */
class BackplaneEventsTest {
  private static final String HUB = "Tests.Hub";

  private final InMemoryBroker broker = new InMemoryBroker();
  private final InMemoryBackplane busA = broker.connect();
  private final InMemoryBackplane busB = broker.connect();
  private final List<String> eventsOfA = new CopyOnWriteArrayList<>();
  private final BlockingQueue<String> eventsOfB = new LinkedBlockingQueue<>();
  private final ScaleOutHubLifetimeManager a = manager(busA, recorder(eventsOfA));
  private final ScaleOutHubLifetimeManager b = manager(busB, recorder(eventsOfB));

  private static ScaleOutHubLifetimeManager manager(Backplane bus, SwitchboardEvents events) {
    return new ScaleOutHubLifetimeManager(bus, ScaleOutOptions.builder(HUB).events(events).build());
  }

  private static SwitchboardEvents recorder(Collection<String> events) {
    return new SwitchboardEvents() {
      @Override
      public void backplanePublished(String hub, int bytes, long durationNanos) {
        events.add("published " + hub + " " + bytes);
      }

      @Override
      public void backplanePublishFailed(String hub, int bytes, Throwable error) {
        events.add("failed " + hub + " " + bytes + " " + error.getClass().getSimpleName());
      }

      @Override
      public void backplaneReceived(String hub, int bytes) {
        events.add("received " + hub + " " + bytes);
      }
    };
  }

  @AfterEach
  void close() {
    a.close();
    b.close();
    broker.close();
  }

  @Test
  void aPublishIsReportedByItsSenderAndItsReceiver() throws Exception {
    TestConnection b1 = new TestConnection("b1");
    b.onConnected(b1).toCompletableFuture().get(10, TimeUnit.SECONDS);
    BlockingQueue<byte[]> onTheBus = new LinkedBlockingQueue<>();
    try (InMemoryBackplane observer = broker.connect()) {
      observer.subscribe(HUB + ":all", onTheBus::add).get(10, TimeUnit.SECONDS);

      a.sendAll(new InvocationMessage("Hello", new Object[] {"x"}), List.of()).get(10, TimeUnit.SECONDS);
      b1.nextText();

      int size = onTheBus.poll(10, TimeUnit.SECONDS).length;
      assertEquals(
          List.of("published " + HUB + " " + size),
          eventsOfA.stream().filter(event -> event.startsWith("published")).toList());
      assertEquals("received " + HUB + " " + size, eventsOfB.poll(10, TimeUnit.SECONDS));
    }
  }

  @Test
  void aPublishTheBusCannotTakeIsReportedAsFailed() {
    busA.disconnect();
    ExecutionException failure =
        assertThrows(
            ExecutionException.class,
            () -> a.sendAll(new InvocationMessage("Hello", new Object[] {"x"}), List.of()).get(10, TimeUnit.SECONDS));
    assertEquals(BackplaneUnavailableException.class, failure.getCause().getClass());
    assertEquals(1, eventsOfA.stream().filter(event -> event.startsWith("failed " + HUB)).count());
  }
}
