package io.switchboard.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.BackplaneHealthListener;
import io.switchboard.connection.TransportType;
import io.switchboard.events.ConnectionStatus;
import io.switchboard.events.InvocationOutcome;
import io.switchboard.events.SlowClientReason;
import io.switchboard.events.StreamDirection;
import io.switchboard.events.StreamOutcome;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every series the Grafana dashboard of the deployment kit queries is one the meters export. */
class DashboardTest {
  private static final Path DASHBOARD = Path.of("..", "deploy", "grafana", "switchboard-dashboard.json");
  private static final Pattern SERIES = Pattern.compile("\\b(?:signalr|switchboard)_[a-z_]+");

  /** A bus that is only ever asked for its health, for the health gauge. */
  private static final Backplane HEALTHY =
      new Backplane() {
        @Override
        public CompletableFuture<Void> subscribe(String channel, Consumer<byte[]> handler) {
          throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Void> unsubscribe(String channel) {
          throw new UnsupportedOperationException();
        }

        @Override
        public CompletableFuture<Long> publish(String channel, byte[] message) {
          throw new UnsupportedOperationException();
        }

        @Override
        public boolean isHealthy() {
          return true;
        }

        @Override
        public void addHealthListener(BackplaneHealthListener listener) {}

        @Override
        public void close() {}
      };

  @Test
  void everyQueriedSeriesIsExported() throws IOException {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    SwitchboardMeters meters = new SwitchboardMeters(registry).bindBackplane(HEALTHY);
    reportOneOfEverything(meters);
    Set<String> exported = new TreeSet<>();
    registry.scrape().lines().filter(line -> !line.startsWith("#")).forEach(line -> exported.add(line.split("[{ ]")[0]));

    Set<String> queried = new TreeSet<>();
    List<String> panels = new ArrayList<>();
    for (JsonNode panel : new ObjectMapper().readTree(DASHBOARD.toFile()).get("panels")) {
      panels.add(panel.get("title").asText());
      for (JsonNode target : panel.get("targets")) {
        // Label names (in by-clauses and selectors) look like series names: leave them out.
        String expr = target.get("expr").asText().replaceAll("by \\([^)]*\\)", "").replaceAll("\\{[^}]*}", "");
        Matcher series = SERIES.matcher(expr);
        while (series.find()) {
          queried.add(series.group());
        }
      }
    }

    Set<String> missing = new TreeSet<>(queried);
    missing.removeAll(exported);
    assertEquals(Set.of(), missing, "queried by the dashboard but not exported");
    assertTrue(queried.contains("switchboard_outbound_queued_bytes"), () -> "queried: " + queried);
    assertTrue(panels.size() >= 21, () -> "panels: " + panels);
  }

  private static void reportOneOfEverything(SwitchboardMeters meters) {
    meters.connectionOpened("/chat", "a", TransportType.WEB_SOCKETS);
    meters.connectionClosed(
        "/chat", "a", TransportType.WEB_SOCKETS, ConnectionStatus.NORMAL_CLOSURE, new IOException("reset"), 5);
    meters.invocationFinished("ChatHub", "Send", InvocationOutcome.SUCCESS, 1);
    meters.messageReceived("/chat", "json", 1);
    meters.messageSent("/chat", "json", 1);
    meters.slowClientDropped("/chat", "a", SlowClientReason.OUTBOUND_LIMIT);
    meters.outboundPressureChanged("/chat", "b", true, () -> 1);
    meters.streamStarted("ChatHub", "Counter", StreamDirection.SERVER_TO_CLIENT);
    meters.streamFinished("ChatHub", "Counter", StreamDirection.SERVER_TO_CLIENT, StreamOutcome.COMPLETED, 1, 1);
    meters.backplanePublished("Chat.Hub", 1, 1);
    meters.backplanePublishFailed("Chat.Hub", 1, new IOException("down"));
    meters.backplaneReceived("Chat.Hub", 1);
    meters.backplaneHealthChanged(false);
    meters.backplaneMessagesMissed("chat_hub", 1);
  }
}
