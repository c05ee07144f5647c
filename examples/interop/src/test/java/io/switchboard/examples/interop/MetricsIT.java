package io.switchboard.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /metrics}: after the official Java client connected, invoked and disconnected, the
 * Prometheus text counts them under the reference's meter names and tags, and Switchboard's
 * invocation timer counts the call. Counts are compared before and after, as other tests share
 * the server.
 */
class MetricsIT extends ClientTestBase {
    private static final long POLL_MILLIS = 50;

    @ParameterizedTest
    @EnumSource(value = TransportEnum.class, names = {"WEBSOCKETS", "LONG_POLLING"})
    void countsAConnectionAndItsInvocation(TransportEnum transport) throws InterruptedException {
        String tag = transport == TransportEnum.WEBSOCKETS ? "web_sockets" : "long_polling";
        String closed = "signalr_server_connection_duration_seconds_count{signalr_connection_status=\"normal_closure\",signalr_transport=\"" + tag + "\"}";
        String active = "signalr_server_active_connections{signalr_transport=\"" + tag + "\"}";
        String echoes = "switchboard_invocations_seconds_count{hub=\"TestHub\",method=\"Echo\",outcome=\"success\"}";
        String before = metrics();
        HubConnection connection = connectionOver(transport);
        Hubs.await(connection.start());
        assertEquals("hi", Hubs.await(connection.invoke(String.class, "Echo", "hi")));
        String during = metrics();
        Hubs.await(connection.stop());

        assertTrue(value(during, active) >= 1, "active while connected:\n" + during);
        assertEquals(value(before, echoes) + 1, value(during, echoes), during);
        String after = awaitValue(closed, value(before, closed) + 1);
        assertEquals(value(before, closed) + 1, value(after, closed), after);
        assertTrue(after.contains("# TYPE signalr_server_connection_duration_seconds histogram"), after);
        assertTrue(after.contains("signalr_server_connection_duration_seconds_bucket{signalr_connection_status=\"normal_closure\",signalr_transport=\"" + tag + "\",le=\"300.0\"}"), after);
    }

    private HubConnection connectionOver(TransportEnum transport) {
        return com.microsoft.signalr.HubConnectionBuilder.create(baseUrl + "/testhub").withTransport(transport).build();
    }

    private String metrics() {
        HttpResponse<String> response = Http.get(baseUrl + "/metrics");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("text/plain"));
        return response.body();
    }

    /** The metrics once {@code series} reached {@code expected} (the close is reported asynchronously). */
    private String awaitValue(String series, double expected) throws InterruptedException {
        long deadline = System.nanoTime() + Hubs.TIMEOUT.toNanos();
        String text = metrics();
        while (value(text, series) < expected && System.nanoTime() < deadline) {
            Thread.sleep(POLL_MILLIS);
            text = metrics();
        }
        return text;
    }

    /** The sample of {@code series} (name and labels exactly as exposed), 0 when absent. */
    private static double value(String text, String series) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(text);
        return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
    }
}
