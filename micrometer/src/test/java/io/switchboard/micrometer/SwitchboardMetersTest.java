package io.switchboard.micrometer;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.connection.TransportType;
import io.switchboard.events.ConnectionStatus;
import io.switchboard.events.InvocationOutcome;
import io.switchboard.events.SlowClientReason;
import io.switchboard.events.StreamDirection;
import io.switchboard.events.StreamOutcome;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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

  @Test
  void outboundPressureCountsWhatPressuredConnectionsHoldWhenScraped() {
    AtomicLong heldByA = new AtomicLong(70_000);
    meters.outboundPressureChanged("/chat", "a", true, heldByA::get);
    meters.outboundPressureChanged("/chat", "b", true, () -> 100_000);
    heldByA.set(90_000);
    String text = registry.scrape();
    assertHas(text, "switchboard_outbound_pressured 2.0");
    assertHas(text, "switchboard_outbound_queued_bytes 190000.0");

    meters.outboundPressureChanged("/chat", "a", false, heldByA::get);
    meters.connectionClosed("/chat", "b", TransportType.WEB_SOCKETS, ConnectionStatus.NORMAL_CLOSURE, null, 1);
    text = registry.scrape();
    assertHas(text, "switchboard_outbound_pressured 0.0");
    assertHas(text, "switchboard_outbound_queued_bytes 0.0");
    assertHas(text, "switchboard_outbound_pressure_total{endpoint=\"/chat\",state=\"pressured\"} 2.0");
    assertHas(text, "switchboard_outbound_pressure_total{endpoint=\"/chat\",state=\"recovered\"} 1.0");
  }

  @Test
  void streamsByDirectionAndOutcome() {
    meters.streamStarted("ChatHub", "Counter", StreamDirection.SERVER_TO_CLIENT);
    meters.streamStarted("ChatHub", "Counter", StreamDirection.SERVER_TO_CLIENT);
    meters.streamStarted("ChatHub", "Upload", StreamDirection.CLIENT_TO_SERVER);
    meters.streamFinished(
        "ChatHub", "Counter", StreamDirection.SERVER_TO_CLIENT, StreamOutcome.CANCELLED, 3, TimeUnit.SECONDS.toNanos(1));
    meters.streamFinished("ChatHub", "Upload", StreamDirection.CLIENT_TO_SERVER, StreamOutcome.COMPLETED, 5, 1);
    String text = registry.scrape();
    assertHas(text, "switchboard_streams_active{direction=\"server_to_client\"} 1.0");
    assertHas(text, "switchboard_streams_active{direction=\"client_to_server\"} 0.0");
    assertHas(text, "switchboard_streams_seconds_count{direction=\"server_to_client\",hub=\"ChatHub\",method=\"Counter\",outcome=\"cancelled\"} 1");
    assertHas(text, "switchboard_streams_seconds_sum{direction=\"server_to_client\",hub=\"ChatHub\",method=\"Counter\",outcome=\"cancelled\"} 1.0");
    assertHas(text, "switchboard_stream_items_total{direction=\"server_to_client\",hub=\"ChatHub\",method=\"Counter\"} 3.0");
    assertHas(text, "switchboard_stream_items_total{direction=\"client_to_server\",hub=\"ChatHub\",method=\"Upload\"} 5.0");
  }

  @Test
  void backplaneTrafficLatencyAndHealth() {
    meters.backplanePublished("Chat.Hub", 146, TimeUnit.MILLISECONDS.toNanos(2));
    meters.backplanePublished("Chat.Hub", 54, TimeUnit.MILLISECONDS.toNanos(4));
    meters.backplanePublishFailed("Chat.Hub", 146, new IOException("down"));
    meters.backplaneReceived("Chat.Hub", 146);
    meters.backplaneHealthChanged(false);
    meters.backplaneHealthChanged(true);
    meters.backplaneMessagesMissed("chat_hub", 7);
    String text = registry.scrape();
    assertHas(text, "switchboard_backplane_messages_published_total{hub=\"Chat.Hub\"} 2.0");
    assertHas(text, "switchboard_backplane_published_bytes_total{hub=\"Chat.Hub\"} 200.0");
    assertHas(text, "switchboard_backplane_publish_duration_seconds_count{hub=\"Chat.Hub\"} 2");
    assertHas(text, "switchboard_backplane_publish_duration_seconds_sum{hub=\"Chat.Hub\"} 0.006");
    assertHas(text, "switchboard_backplane_publish_failures_total{hub=\"Chat.Hub\"} 1.0");
    assertHas(text, "switchboard_backplane_messages_received_total{hub=\"Chat.Hub\"} 1.0");
    assertHas(text, "switchboard_backplane_received_bytes_total{hub=\"Chat.Hub\"} 146.0");
    assertHas(text, "switchboard_backplane_health_changes_total{state=\"down\"} 1.0");
    assertHas(text, "switchboard_backplane_health_changes_total{state=\"up\"} 1.0");
    assertHas(text, "switchboard_backplane_messages_missed_total{stream=\"chat_hub\"} 7.0");
  }
}
