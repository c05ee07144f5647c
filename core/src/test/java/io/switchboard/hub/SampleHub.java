package io.switchboard.hub;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.slf4j.MDC;

/** The hub the hub-layer tests call. */
public class SampleHub extends Hub {
  /** Futures that tests complete to finish {@link #await(String)} invocations. */
  static final Map<String, CompletableFuture<String>> GATES = new ConcurrentHashMap<>();
  /** Ids of the connections whose {@link #onDisconnected} ran. */
  static final BlockingQueue<String> DISCONNECTED = new LinkedBlockingQueue<>();
  /** One entry per cancelled {@link #neverEnding} stream. */
  static final BlockingQueue<String> CANCELLED = new LinkedBlockingQueue<>();

  @Override
  public void onDisconnected(Throwable error) {
    DISCONNECTED.add(context().connectionId());
  }

  public String echo(String message) {
    return message;
  }

  public int add(int a, int b) {
    return a + b;
  }

  public void doNothing() {}

  public CompletableFuture<String> await(String gate) {
    return GATES.computeIfAbsent(gate, key -> new CompletableFuture<>());
  }

  /** Like {@link #await}, but holding its thread until the gate opens. */
  public String block(String gate) {
    return await(gate).join();
  }

  public void fail(String message) {
    throw new IllegalStateException(message);
  }

  public void failOnPurpose(String message) {
    throw new HubException(message);
  }

  public void broadcast(String message) {
    clients().all().send("Receive", message);
  }

  public void sendToOthers(String message) {
    clients().others().send("Receive", message);
  }

  public void join(String group) {
    groups().add(context().connectionId(), group).join();
  }

  public void leave(String group) {
    groups().remove(context().connectionId(), group).join();
  }

  public void sendToGroup(String group, String message) {
    clients().group(group).send("GroupMessage", group, message);
  }

  public String mdcConnectionId() {
    return MDC.get("ConnectionId");
  }

  public String threadName() {
    return Thread.currentThread().getName();
  }

  public String header(String name) {
    return context().request().header(name);
  }

  @HubMethodName("Renamed")
  public String originalName() {
    return "renamed";
  }

  public void abortMe() {
    context().abort();
  }

  public Stream<Integer> counter(int count) {
    return IntStream.range(0, count).boxed();
  }

  public Iterator<String> letters() {
    return java.util.List.of("a", "b", "c").iterator();
  }

  public Flow.Publisher<String> neverEnding(CancellationSignal cancellation) {
    cancellation.onCancel(() -> CANCELLED.add("cancelled"));
    return subscriber ->
        subscriber.onSubscribe(
            new Flow.Subscription() {
              @Override
              public void request(long n) {}

              @Override
              public void cancel() {}
            });
  }

  public Stream<String> brokenStream() {
    return Stream.of("a", "b").map(item -> {
      if (item.equals("b")) {
        throw new IllegalStateException("broken");
      }
      return item;
    });
  }

  public String concat(Stream<String> parts) {
    return parts.collect(Collectors.joining());
  }

  public Stream<String> streamEcho(Stream<String> source) {
    return source;
  }

  public CompletableFuture<Integer> askCaller() {
    return clients().caller().invoke(Integer.class, "Result");
  }
}
