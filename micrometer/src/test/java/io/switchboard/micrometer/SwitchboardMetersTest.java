package io.switchboard.micrometer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.connection.TransportType;
import io.switchboard.events.ConnectionStatus;
import io.switchboard.events.InvocationOutcome;
import io.switchboard.events.SlowClientReason;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The meters as Prometheus exposes them: the reference's names, tags and units, and Switchboard's. */
class SwitchboardMetersTest {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final SwitchboardMeters meters = new SwitchboardMeters(registry);

  private void assertHas(String text, String line) {
    assertTrue(text.lines().anyMatch(line::equals), () -> "no line " + line + " in\n" + text);
  }

  @Test
  void connectionsUnderTheReferenceNames() {
    meters.connectionOpened("/chat", "a", TransportType.WEB_SOCKETS);
    meters.connectionOpened("/chat", "b", TransportType.LONG_POLLING);
    meters.connectionClosed(
        "/chat", "b", TransportType.LONG_POLLING, ConnectionStatus.TIMEOUT, null, TimeUnit.SECONDS.toNanos(3));
    String text = registry.scrape();
    assertHas(text, "signalr_server_active_connections{signalr_transport=\"web_sockets\"} 1.0");
    assertHas(text, "signalr_server_active_connections{signalr_transport=\"long_polling\"} 0.0");
    assertHas(text, "signalr_server_active_connections{signalr_transport=\"server_sent_events\"} 0.0");
    assertHas(text, "# TYPE signalr_server_connection_duration_seconds histogram");
    assertHas(text, "signalr_server_connection_duration_seconds_count{signalr_connection_status=\"timeout\",signalr_transport=\"long_polling\"} 1");
    assertHas(text, "signalr_server_connection_duration_seconds_sum{signalr_connection_status=\"timeout\",signalr_transport=\"long_polling\"} 3.0");
    assertHas(text, "signalr_server_connection_duration_seconds_bucket{signalr_connection_status=\"timeout\",signalr_transport=\"long_polling\",le=\"2.0\"} 0");
    assertHas(text, "signalr_server_connection_duration_seconds_bucket{signalr_connection_status=\"timeout\",signalr_transport=\"long_polling\",le=\"5.0\"} 1");
  }

  @Test
  void aConnectionThatNeverStartedIsNotRecorded() {
    meters.connectionClosed("/chat", "a", null, ConnectionStatus.TIMEOUT, null, 1);
    assertTrue(!registry.scrape().contains("signalr_server_connection_duration_seconds_count"));
  }

  @Test
  void switchboardsOwnMeters() {
    meters.connectionOpened("/chat", "a", TransportType.WEB_SOCKETS);
    meters.connectionClosed(
        "/chat", "a", TransportType.WEB_SOCKETS, ConnectionStatus.NORMAL_CLOSURE, new IOException("reset"), 5);
    meters.invocationFinished("ChatHub", "Send", InvocationOutcome.SUCCESS, TimeUnit.MILLISECONDS.toNanos(2));
    meters.invocationFinished("ChatHub", "Send", InvocationOutcome.HUB_ERROR, 1);
    meters.messageReceived("/chat", "json", 40);
    meters.messageReceived("/chat", "json", 2);
    meters.messageSent("/chat", "messagepack", 10);
    meters.slowClientDropped("/chat", "a", SlowClientReason.SEND_TIMEOUT);
    String text = registry.scrape();
    assertHas(text, "switchboard_invocations_seconds_count{hub=\"ChatHub\",method=\"Send\",outcome=\"success\"} 1");
    assertHas(text, "switchboard_invocations_seconds_count{hub=\"ChatHub\",method=\"Send\",outcome=\"hub_error\"} 1");
    assertHas(text, "switchboard_messages_received_total{endpoint=\"/chat\",protocol=\"json\"} 2.0");
    assertHas(text, "switchboard_received_bytes_total{endpoint=\"/chat\",protocol=\"json\"} 42.0");
    assertHas(text, "switchboard_messages_sent_total{endpoint=\"/chat\",protocol=\"messagepack\"} 1.0");
    assertHas(text, "switchboard_sent_bytes_total{endpoint=\"/chat\",protocol=\"messagepack\"} 10.0");
    assertHas(text, "switchboard_connections_failed_total{endpoint=\"/chat\",signalr_transport=\"web_sockets\"} 1.0");
    assertHas(text, "switchboard_slow_clients_dropped_total{endpoint=\"/chat\",reason=\"send_timeout\"} 1.0");
  }
}
