package io.switchboard.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.switchboard.backplane.Backplane;
import io.switchboard.connection.TransportType;
import io.switchboard.events.ConnectionStatus;
import io.switchboard.events.InvocationOutcome;
import io.switchboard.events.SlowClientReason;
import io.switchboard.events.StreamDirection;
import io.switchboard.events.StreamOutcome;
import io.switchboard.events.SwitchboardEvents;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Switchboard's meters on a Micrometer registry: register it with {@code
 * SwitchboardServer.Builder.events(new SwitchboardMeters(registry))}.
 *
 * <p>ASP.NET Core's two SignalR meters (meter {@code Microsoft.AspNetCore.Http.Connections}), with
 * its names, tags and units:
 *
 * <ul>
 *   <li>{@code signalr.server.connection.duration}: a histogram in seconds, with its bucket
 *       boundaries, tagged {@code signalr.connection.status} ({@code normal_closure}, {@code
 *       timeout}, {@code app_shutdown}) and {@code signalr.transport} ({@code web_sockets}, {@code
 *       server_sent_events}, {@code long_polling}). A connection that never had a transport is not
 *       recorded.
 *   <li>{@code signalr.server.active_connections}: connections whose transport started and that
 *       have not ended, tagged {@code signalr.transport}.
 * </ul>
 *
 * <p>Switchboard's own: {@code switchboard.invocations} (a timer per {@code hub}, {@code method}
 * and {@code outcome}: {@code success}, {@code hub_error}, {@code error}), {@code
 * switchboard.messages.received} and {@code .sent} (per {@code endpoint} and {@code protocol}),
 * {@code switchboard.received.bytes} and {@code switchboard.sent.bytes}, {@code
 * switchboard.connections.failed} (ended by an error), {@code switchboard.slow_clients.dropped}
 * (per {@code reason}).
 *
 * <p>Outbound pressure: {@code switchboard.outbound.pressured} (connections whose channel is above
 * its high watermark right now), {@code switchboard.outbound.queued.bytes} (what those connections
 * hold for their clients, read when scraped) and {@code switchboard.outbound.pressure} (transitions
 * per {@code endpoint} and {@code state}: {@code pressured}, {@code recovered}).
 *
 * <p>Streams: {@code switchboard.streams} (a timer per {@code hub}, {@code method}, {@code
 * direction}: {@code server_to_client}, {@code client_to_server}, and {@code outcome}: {@code
 * completed}, {@code cancelled}, {@code error}), {@code switchboard.stream.items} (items carried,
 * same tags but the outcome) and {@code switchboard.streams.active} (per {@code direction}).
 *
 * <p>Backplane, per {@code hub} (its backplane name): {@code switchboard.backplane.messages.published}
 * and {@code switchboard.backplane.published.bytes} (acknowledged by the bus), {@code
 * switchboard.backplane.publish.duration} (from the publish to the bus's acknowledgement: the part
 * of the cross-server lag one server can measure, as Switchboard's envelope is ASP.NET Core's and
 * carries no send time), {@code switchboard.backplane.publish.failures}, {@code
 * switchboard.backplane.messages.received} and {@code switchboard.backplane.received.bytes}; and
 * for the whole bus {@code switchboard.backplane.health.changes} (per {@code state}: {@code up},
 * {@code down}), {@code switchboard.backplane.messages.missed} (per {@code stream}: the SQL
 * backplanes' sequence gaps), and with {@link #bindBackplane} {@code switchboard.backplane.healthy}.
 */
public final class SwitchboardMeters implements SwitchboardEvents {
  /** The reference's bucket boundaries for the connection duration, in seconds. */
  private static final double[] DURATION_BUCKETS = {
    0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60, 120, 300
  };

  private final MeterRegistry registry;
  private final Map<TransportType, AtomicLong> active = new EnumMap<>(TransportType.class);
  private final Meter.MeterProvider<Timer> connectionDuration;
  private final Meter.MeterProvider<Timer> invocations;
  private final Meter.MeterProvider<Counter> messagesReceived;
  private final Meter.MeterProvider<Counter> messagesSent;
  private final Meter.MeterProvider<Counter> bytesReceived;
  private final Meter.MeterProvider<Counter> bytesSent;
  private final Meter.MeterProvider<Counter> connectionsFailed;
  private final Meter.MeterProvider<Counter> slowClientsDropped;
  private final Map<String, Map<String, Timer[]>> invocationTimers = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Traffic>> received = new ConcurrentHashMap<>();
  private final Map<String, Map<String, Traffic>> sent = new ConcurrentHashMap<>();
  private final Map<String, LongSupplier> pressured = new ConcurrentHashMap<>();
  private final Meter.MeterProvider<Counter> pressureChanges;
  private final Meter.MeterProvider<Timer> streams;
  private final Meter.MeterProvider<Counter> streamItems;
  private final Map<StreamDirection, AtomicLong> activeStreams = new EnumMap<>(StreamDirection.class);
  private final Map<String, BackplaneTraffic> backplane = new ConcurrentHashMap<>();
  private final Meter.MeterProvider<Counter> backplaneHealthChanges;
  private final Meter.MeterProvider<Counter> backplaneMissed;

  /** Meters on {@code registry}; the active-connection gauges exist from now on, at 0. */
  public SwitchboardMeters(MeterRegistry registry) {
    this.registry = registry;
    for (TransportType transport : TransportType.values()) {
      AtomicLong count = new AtomicLong();
      active.put(transport, count);
      Gauge.builder("signalr.server.active_connections", count, AtomicLong::get)
          .description("Number of connections that are currently active on the server.")
          .tag("signalr.transport", tagOf(transport))
          .register(registry);
    }
    Duration[] buckets = new Duration[DURATION_BUCKETS.length];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = Duration.ofNanos((long) (DURATION_BUCKETS[i] * 1e9));
    }
    connectionDuration =
        Timer.builder("signalr.server.connection.duration")
            .description("The duration of connections on the server.")
            .serviceLevelObjectives(buckets)
            .withRegistry(registry);
    invocations =
        Timer.builder("switchboard.invocations")
            .description("Hub method invocations, from the call to the end of its result.")
            .withRegistry(registry);
    messagesReceived = counter("switchboard.messages.received", "Hub messages parsed from clients.", null);
    messagesSent = counter("switchboard.messages.sent", "Hub messages written to connections.", null);
    bytesReceived = counter("switchboard.received", "Bytes of hub messages from clients.", "bytes");
    bytesSent = counter("switchboard.sent", "Bytes of hub messages to connections.", "bytes");
    connectionsFailed =
        counter("switchboard.connections.failed", "Connections that ended with an error.", null);
    slowClientsDropped =
        counter("switchboard.slow_clients.dropped", "Connections cut off for reading too slowly.", null);
    Gauge.builder("switchboard.outbound.pressured", pressured, Map::size)
        .description("Connections whose output waits above the channel's high watermark.")
        .register(registry);
    Gauge.builder("switchboard.outbound.queued", pressured, SwitchboardMeters::queuedBytes)
        .description("Bytes held for the clients of connections under outbound pressure.")
        .baseUnit("bytes")
        .register(registry);
    pressureChanges =
        counter("switchboard.outbound.pressure", "Connections going above or back below the high watermark.", null);
    streams =
        Timer.builder("switchboard.streams")
            .description("Streams to and from clients, from their start to their end.")
            .withRegistry(registry);
    streamItems = counter("switchboard.stream.items", "Items carried by streams that ended.", null);
    for (StreamDirection direction : StreamDirection.values()) {
      AtomicLong count = new AtomicLong();
      activeStreams.put(direction, count);
      Gauge.builder("switchboard.streams.active", count, AtomicLong::get)
          .description("Streams started and not yet ended.")
          .tag("direction", direction.tagValue())
          .register(registry);
    }
    backplaneHealthChanges =
        counter("switchboard.backplane.health.changes", "The backplane becoming unreachable or reachable again.", null);
    backplaneMissed =
        counter("switchboard.backplane.messages.missed", "Backplane messages this server never received.", null);
  }

  private static double queuedBytes(Map<String, LongSupplier> pressured) {
    long total = 0;
    for (LongSupplier queued : pressured.values()) {
      total += queued.getAsLong();
    }
    return total;
  }

  private Meter.MeterProvider<Counter> counter(String name, String description, String unit) {
    return Counter.builder(name).description(description).baseUnit(unit).withRegistry(registry);
  }

  /** Adds {@code switchboard.backplane.healthy}: 1 while {@code backplane} is healthy, else 0. */
  public SwitchboardMeters bindBackplane(Backplane backplane) {
    Gauge.builder("switchboard.backplane.healthy", backplane, bus -> bus.isHealthy() ? 1 : 0)
        .description("Whether the backplane is reachable with every subscription in place.")
        .register(registry);
    return this;
  }

  /** The reference's {@code signalr.transport} value, e.g. {@code web_sockets}. */
  static String tagOf(TransportType transport) {
    return switch (transport) {
      case WEB_SOCKETS -> "web_sockets";
      case SERVER_SENT_EVENTS -> "server_sent_events";
      case LONG_POLLING -> "long_polling";
    };
  }

  @Override
  public void connectionOpened(String endpoint, String connectionId, TransportType transport) {
    active.get(transport).incrementAndGet();
  }

  @Override
  public void connectionClosed(
      String endpoint,
      String connectionId,
      TransportType transport,
      ConnectionStatus status,
      Throwable error,
      long durationNanos) {
    pressured.remove(connectionId);
    if (transport == null) {
      return; // never started: neither counted as active nor given a transport tag
    }
    active.get(transport).decrementAndGet();
    connectionDuration
        .withTags("signalr.connection.status", status.tagValue(), "signalr.transport", tagOf(transport))
        .record(durationNanos, TimeUnit.NANOSECONDS);
    if (error != null) {
      connectionsFailed.withTags(Tags.of("endpoint", endpoint, "signalr.transport", tagOf(transport))).increment();
    }
  }

  @Override
  public void invocationFinished(
      String hub, String method, InvocationOutcome outcome, long durationNanos) {
    invocationTimer(hub, method, outcome).record(durationNanos, TimeUnit.NANOSECONDS);
  }

  /** The timer of one hub method and outcome, looked up without allocating once it exists. */
  private Timer invocationTimer(String hub, String method, InvocationOutcome outcome) {
    Map<String, Timer[]> byMethod = invocationTimers.get(hub);
    if (byMethod == null) {
      byMethod = invocationTimers.computeIfAbsent(hub, key -> new ConcurrentHashMap<>());
    }
    Timer[] byOutcome = byMethod.get(method);
    if (byOutcome == null) {
      byOutcome = byMethod.computeIfAbsent(method, key -> new Timer[InvocationOutcome.values().length]);
    }
    Timer timer = byOutcome[outcome.ordinal()];
    if (timer == null) {
      // A race registers the same timer twice: the registry hands back the one meter.
      timer = invocations.withTags("hub", hub, "method", method, "outcome", outcome.tagValue());
      byOutcome[outcome.ordinal()] = timer;
    }
    return timer;
  }

  @Override
  public void messageReceived(String endpoint, String protocol, int bytes) {
    traffic(received, messagesReceived, bytesReceived, endpoint, protocol).count(bytes);
  }

  @Override
  public void messageSent(String endpoint, String protocol, int bytes) {
    traffic(sent, messagesSent, bytesSent, endpoint, protocol).count(bytes);
  }

  /**
   * The counters of one endpoint and protocol, looked up without allocating once they exist (a
   * message is counted per receiving connection: the hottest path here).
   */
  private static Traffic traffic(
      Map<String, Map<String, Traffic>> byEndpoint,
      Meter.MeterProvider<Counter> messages,
      Meter.MeterProvider<Counter> bytes,
      String endpoint,
      String protocol) {
    Map<String, Traffic> byProtocol = byEndpoint.get(endpoint);
    if (byProtocol == null) {
      byProtocol = byEndpoint.computeIfAbsent(endpoint, key -> new ConcurrentHashMap<>());
    }
    Traffic traffic = byProtocol.get(protocol);
    if (traffic == null) {
      Tags tags = Tags.of("endpoint", endpoint, "protocol", protocol);
      traffic =
          byProtocol.computeIfAbsent(
              protocol, key -> new Traffic(messages.withTags(tags), bytes.withTags(tags)));
    }
    return traffic;
  }

  /** A message counter and its byte counter. */
  private record Traffic(Counter messages, Counter bytes) {
    void count(int size) {
      messages.increment();
      bytes.increment(size);
    }
  }

  @Override
  public void slowClientDropped(String endpoint, String connectionId, SlowClientReason reason) {
    slowClientsDropped.withTags("endpoint", endpoint, "reason", reason.tagValue()).increment();
  }

  @Override
  public void outboundPressureChanged(
      String endpoint, String connectionId, boolean pressure, LongSupplier queuedBytes) {
    if (pressure) {
      pressured.put(connectionId, queuedBytes);
    } else {
      pressured.remove(connectionId);
    }
    pressureChanges.withTags("endpoint", endpoint, "state", pressure ? "pressured" : "recovered").increment();
  }

  @Override
  public void streamStarted(String hub, String method, StreamDirection direction) {
    activeStreams.get(direction).incrementAndGet();
  }

  @Override
  public void streamFinished(
      String hub,
      String method,
      StreamDirection direction,
      StreamOutcome outcome,
      long items,
      long durationNanos) {
    activeStreams.get(direction).decrementAndGet();
    streams
        .withTags("hub", hub, "method", method, "direction", direction.tagValue(), "outcome", outcome.tagValue())
        .record(durationNanos, TimeUnit.NANOSECONDS);
    streamItems.withTags("hub", hub, "method", method, "direction", direction.tagValue()).increment(items);
  }

  @Override
  public void backplanePublished(String hub, int bytes, long durationNanos) {
    BackplaneTraffic traffic = backplaneTraffic(hub);
    traffic.published().count(bytes);
    traffic.publishDuration().record(durationNanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void backplanePublishFailed(String hub, int bytes, Throwable error) {
    backplaneTraffic(hub).publishFailures().increment();
  }

  @Override
  public void backplaneReceived(String hub, int bytes) {
    backplaneTraffic(hub).received().count(bytes);
  }

  @Override
  public void backplaneHealthChanged(boolean healthy) {
    backplaneHealthChanges.withTags("state", healthy ? "up" : "down").increment();
  }

  @Override
  public void backplaneMessagesMissed(String stream, long count) {
    backplaneMissed.withTags("stream", stream).increment(count);
  }

  /** The backplane meters of one hub, looked up without allocating once they exist. */
  private BackplaneTraffic backplaneTraffic(String hub) {
    BackplaneTraffic traffic = backplane.get(hub);
    return traffic != null ? traffic : backplane.computeIfAbsent(hub, this::newBackplaneTraffic);
  }

  private BackplaneTraffic newBackplaneTraffic(String hub) {
    Tags tags = Tags.of("hub", hub);
    return new BackplaneTraffic(
        new Traffic(
            Counter.builder("switchboard.backplane.messages.published")
                .description("Messages published to the backplane and acknowledged by it.")
                .tags(tags)
                .register(registry),
            Counter.builder("switchboard.backplane.published")
                .description("Bytes of messages published to the backplane.")
                .baseUnit("bytes")
                .tags(tags)
                .register(registry)),
        Timer.builder("switchboard.backplane.publish.duration")
            .description("From a publish to the backplane's acknowledgement.")
            .tags(tags)
            .register(registry),
        Counter.builder("switchboard.backplane.publish.failures")
            .description("Publishes the backplane refused or could not take.")
            .tags(tags)
            .register(registry),
        new Traffic(
            Counter.builder("switchboard.backplane.messages.received")
                .description("Messages received from the backplane.")
                .tags(tags)
                .register(registry),
            Counter.builder("switchboard.backplane.received")
                .description("Bytes of messages received from the backplane.")
                .baseUnit("bytes")
                .tags(tags)
                .register(registry)));
  }

  /** One hub's backplane meters. */
  private record BackplaneTraffic(
      Traffic published, Timer publishDuration, Counter publishFailures, Traffic received) {}
}
