package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.connection.Connection;
import io.switchboard.connection.internal.WriteBatch;
import io.switchboard.events.SlowClientReason;
import io.switchboard.events.SwitchboardEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Write batching and the outbound memory bound. */
class OutboundTest {
  private final EchoHandler echo = new EchoHandler();
  private final BlockingQueue<FlushCounter> counters = new LinkedBlockingQueue<>();
  private final List<String> drops = new CopyOnWriteArrayList<>();
  private final BlockingQueue<String> pressure = new LinkedBlockingQueue<>();
  private final SwitchboardEvents dropRecorder =
      new SwitchboardEvents() {
        @Override
        public void slowClientDropped(String endpoint, String connectionId, SlowClientReason reason) {
          drops.add(endpoint + " " + reason);
        }

        @Override
        public void outboundPressureChanged(
            String endpoint, String connectionId, boolean pressured, LongSupplier queuedBytes) {
          long queued = queuedBytes.getAsLong();
          pressure.add(
              endpoint + (pressured ? " pressured, above the high watermark: " + (queued > (64 << 10)) : " recovered"));
        }
      };
  private SwitchboardServer server;

  private void start(NettyTransportOptions options) {
    server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/echo", echo)
            .transportOptions(options)
            .events(dropRecorder)
            .pipeline(
                pipeline -> {
                  FlushCounter counter = new FlushCounter();
                  pipeline.addFirst(counter);
                  counters.add(counter);
                })
            .start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void writesQueuedFromAnotherThreadShareOneFlush() throws Exception {
    start(NettyTransportOptions.defaults());
    WsClient client = new Http(server.port()).webSocket("/echo");
    Connection connection = echo.awaitConnection();
    FlushCounter counter = Await.poll(counters);

    // Hold the channel's event loop so that every write below is queued before any is drained.
    CountDownLatch release = hold(List.of(counter));
    int flushesBefore = counter.flushes.get();
    int messages = 500;
    for (int i = 0; i < messages; i++) {
      connection.write(("m" + i).getBytes(StandardCharsets.UTF_8));
    }
    release.countDown();

    for (int i = 0; i < messages; i++) {
      assertEquals("m" + i, client.awaitText());
    }
    assertEquals(1, counter.flushes.get() - flushesBefore, "500 writes, one flush");
  }

  @Test
  void aWriteBatchGoesOutAfterWhatWasQueuedBeforeItAndBeforeWhatFollows() throws Exception {
    start(NettyTransportOptions.defaults());
    WsClient client = new Http(server.port()).webSocket("/echo");
    Connection connection = echo.awaitConnection();
    CountDownLatch release = holdEventLoops(1);
    connection.write(bytes("before"));
    WriteBatch.run(
        () -> {
          connection.write(bytes("batch 1"));
          connection.write(bytes("batch 2"));
        });
    connection.write(bytes("after"));
    release.countDown();

    for (String expected : List.of("before", "batch 1", "batch 2", "after")) {
      assertEquals(expected, client.awaitText());
    }
  }

  @Test
  void aWriteBatchReachesEveryConnection() throws Exception {
    start(NettyTransportOptions.defaults());
    Http http = new Http(server.port());
    int clients = 5;
    List<WsClient> sockets = new ArrayList<>();
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      sockets.add(http.webSocket("/echo"));
      connections.add(echo.awaitConnection());
    }
    WriteBatch.run(() -> connections.forEach(c -> c.write(bytes("to all"))));
    for (WsClient socket : sockets) {
      assertEquals("to all", socket.awaitText());
    }
  }

  @Test
  void broadcastsQueuedBehindEachOtherKeepEveryConnectionsOrder() throws Exception {
    start(NettyTransportOptions.defaults());
    Http http = new Http(server.port());
    List<WsClient> sockets = new ArrayList<>();
    List<Connection> connections = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      sockets.add(http.webSocket("/echo"));
      connections.add(echo.awaitConnection());
    }
    CountDownLatch release = holdEventLoops(4);
    for (int i = 0; i < 20; i++) {
      byte[] message = bytes("b" + i);
      WriteBatch.run(() -> connections.forEach(c -> c.write(message)));
      if (i == 9) {
        connections.get(0).write(bytes("single")); // between two batches
      }
    }
    release.countDown();

    for (int s = 0; s < sockets.size(); s++) {
      for (int i = 0; i < 20; i++) {
        assertEquals("b" + i, sockets.get(s).awaitText());
        if (i == 9 && s == 0) {
          assertEquals("single", sockets.get(s).awaitText());
        }
      }
    }
  }

  @Test
  void batchesThatWriteToAConnectionTwiceGoOutBatchByBatch() throws Exception {
    start(NettyTransportOptions.defaults());
    Http http = new Http(server.port());
    WsClient first = http.webSocket("/echo");
    Connection a = echo.awaitConnection();
    WsClient second = http.webSocket("/echo");
    Connection b = echo.awaitConnection();
    CountDownLatch release = holdEventLoops(2);
    for (int i = 0; i < 10; i++) {
      String n = Integer.toString(i);
      WriteBatch.run(
          () -> {
            a.write(bytes(n + "a"));
            b.write(bytes(n));
            a.write(bytes(n + "b"));
          });
    }
    release.countDown();

    for (int i = 0; i < 10; i++) {
      assertEquals(i + "a", first.awaitText());
      assertEquals(i + "b", first.awaitText());
      assertEquals(Integer.toString(i), second.awaitText());
    }
  }

  @Test
  void theHardBoundHoldsInsideAWriteBatch() throws Exception {
    start(NettyTransportOptions.builder().maxPendingWriteBytes(256 << 10).build());
    try (RawHttp silent = new RawHttp(server.port())) {
      assertEquals(101, silent.upgrade("/echo").status());
      Connection connection = echo.awaitConnection();
      byte[] chunk = new byte[16 << 10];
      // Nothing is handed over before the batch ends, so the bound is what stops the writer.
      WriteBatch.run(
          () -> {
            for (int i = 0; i < 4096 && echo.closed.isEmpty(); i++) {
              connection.write(chunk);
            }
          });
      Throwable error = echo.awaitClosed().orElseThrow();
      assertTrue(error.getMessage().startsWith("Outbound limit"), error.getMessage());
      assertEquals(List.of("/echo OUTBOUND_LIMIT"), drops);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void concurrentWritersLoseNothing() throws Exception {
    start(NettyTransportOptions.defaults());
    WsClient client = new Http(server.port()).webSocket("/echo");
    Connection connection = echo.awaitConnection();
    int writers = 4;
    int perWriter = 1000;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    for (int w = 0; w < writers; w++) {
      String name = "w" + w + ":";
      pool.execute(
          () -> {
            for (int i = 0; i < perWriter; i++) {
              connection.write((name + i).getBytes(StandardCharsets.UTF_8));
              if (i % 7 == 0) {
                Thread.yield(); // lets the drain empty the queue now and then
              }
            }
          });
    }
    Map<String, Integer> next = new HashMap<>();
    for (int n = 0; n < writers * perWriter; n++) {
      String[] message = client.awaitText().split(":");
      int expected = next.getOrDefault(message[0], 0);
      assertEquals(expected, Integer.parseInt(message[1]), "per-writer order");
      next.put(message[0], expected + 1);
    }
    pool.shutdown();
    FlushCounter counter = Await.poll(counters);
    assertTrue(counter.flushes.get() <= writers * perWriter);
  }

  @Test
  void aClientThatDoesNotReadIsAbortedAtTheHardBound() throws Exception {
    start(NettyTransportOptions.builder().maxPendingWriteBytes(256 << 10).build());
    try (RawHttp silent = new RawHttp(server.port())) {
      assertEquals(101, silent.upgrade("/echo").status());
      Connection connection = echo.awaitConnection();
      byte[] chunk = new byte[16 << 10];
      for (int i = 0; i < 4096 && echo.closed.isEmpty(); i++) {
        connection.write(chunk);
      }
      Throwable error = echo.awaitClosed().orElseThrow();
      assertInstanceOf(IOException.class, error);
      assertTrue(error.getMessage().startsWith("Outbound limit"), error.getMessage());
      assertEquals(List.of("/echo OUTBOUND_LIMIT"), drops);
    }
  }

  @Test
  void aClientThatStaysUnwritableIsAbortedAfterTheSendTimeout() throws Exception {
    start(
        NettyTransportOptions.builder()
            .maxPendingWriteBytes(128L << 20)
            .sendTimeout(Duration.ofMillis(200))
            .build());
    try (RawHttp silent = new RawHttp(server.port())) {
      assertEquals(101, silent.upgrade("/echo").status());
      Connection connection = echo.awaitConnection();
      byte[] chunk = new byte[64 << 10];
      for (int i = 0; i < 512; i++) {
        connection.write(chunk);
      }
      Throwable error = echo.awaitClosed().orElseThrow();
      assertTrue(error.getMessage().startsWith("The client read too little"), error.getMessage());
      assertEquals(List.of("/echo SEND_TIMEOUT"), drops);
    }
  }

  private static final int PRESSURE_CHUNK = 64 << 10;
  private static final int PRESSURE_CHUNKS = 64; // 4 MiB: more than the socket buffers take while nobody reads

  /** A WebSocket client that reads nothing, sent enough to put its connection under pressure. */
  private RawHttp pressuredClient() throws Exception {
    start(
        NettyTransportOptions.builder()
            .maxPendingWriteBytes(128L << 20)
            .sendTimeout(Duration.ofSeconds(Await.SECONDS))
            .build());
    RawHttp slow = new RawHttp(server.port());
    assertEquals(101, slow.upgrade("/echo").status());
    Connection connection = echo.awaitConnection();
    byte[] chunk = new byte[PRESSURE_CHUNK];
    for (int i = 0; i < PRESSURE_CHUNKS; i++) {
      connection.write(chunk);
    }
    assertEquals("/echo pressured, above the high watermark: true", Await.poll(pressure));
    return slow;
  }

  @Test
  void aClientThatFallsBehindAndCatchesUpIsReportedBothWays() throws Exception {
    try (RawHttp slow = pressuredClient()) {
      slow.skip((long) PRESSURE_CHUNKS * PRESSURE_CHUNK); // the payloads; a few frame headers stay unread

      assertEquals("/echo recovered", Await.poll(pressure));
      assertEquals(List.of(), drops);
    }
  }

  @Test
  void thePressureOfAChannelEndsWithIt() throws Exception {
    pressuredClient().close();

    assertEquals("/echo recovered", Await.poll(pressure));
    echo.awaitClosed();
  }

  /**
   * Blocks the event loops of the next {@code channels} channels, so that what is written next
   * queues up; they go on when the returned latch is counted down.
   */
  private CountDownLatch holdEventLoops(int channels) throws InterruptedException {
    List<FlushCounter> held = new ArrayList<>();
    for (int i = 0; i < channels; i++) {
      held.add(Await.poll(counters));
    }
    return hold(held);
  }

  /** Blocks the event loops of {@code channels} until the returned latch is counted down. */
  private static CountDownLatch hold(List<FlushCounter> channels) throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    Set<Executor> loops = new HashSet<>();
    for (FlushCounter channel : channels) {
      loops.add(channel.context.executor());
    }
    for (Executor loop : loops) {
      CountDownLatch held = new CountDownLatch(1);
      loop.execute(
          () -> {
            held.countDown();
            awaitQuietly(release);
          });
      assertTrue(held.await(Await.SECONDS, TimeUnit.SECONDS));
    }
    return release;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(Await.SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
