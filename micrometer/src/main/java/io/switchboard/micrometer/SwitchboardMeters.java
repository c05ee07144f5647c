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
import io.switchboard.events.SwitchboardEvents;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
 * (per {@code reason}), and with {@link #bindBackplane} {@code switchboard.backplane.healthy}.
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
}
