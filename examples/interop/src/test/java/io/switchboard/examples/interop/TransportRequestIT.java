package io.switchboard.examples.interop;

import static io.switchboard.examples.interop.Hubs.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.signalr.HubConnection;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Negotiate and what the hub sees of the Java client's transport request: headers, cookies, the redirect's query,
 * and skipping negotiate. (A hub method that returns null cannot be awaited with the Java client, whose
 * {@code invoke} never completes without a value, so the "expired cookie is null" case is left to the JS suite.)
 */
class TransportRequestIT extends ClientTestBase {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    @Test
    void negotiateAnswersAConnectionIdAndADifferentToken() throws IOException {
        HttpResponse<String> response = Http.post(baseUrl + "/testhub/negotiate?negotiateVersion=1");
        assertEquals(200, response.statusCode());
        JsonNode body = new ObjectMapper().readTree(response.body());

        assertEquals(1, body.path("negotiateVersion").asInt());
        String connectionId = body.path("connectionId").asText();
        String connectionToken = body.path("connectionToken").asText();
        assertTrue(ID.matcher(connectionId).matches(), "connectionId " + connectionId);
        assertTrue(ID.matcher(connectionToken).matches(), "connectionToken " + connectionToken);
        assertNotEquals(connectionId, connectionToken);
        assertEquals(new ObjectMapper().readTree("""
                [{"transport":"WebSockets","transferFormats":["Text","Binary"]},
                 {"transport":"ServerSentEvents","transferFormats":["Text"]},
                 {"transport":"LongPolling","transferFormats":["Text","Binary"]}]"""),
                body.path("availableTransports"));
    }

    @Test
    void sendsTheJavaClientsUserAgent() {
        HubConnection connection = startTestHub();

        String userAgent = await(connection.invoke(String.class, "GetHeader", "User-Agent"));

        assertTrue(userAgent.startsWith("Microsoft SignalR/9.0 (9.0.3; "), userAgent);
    }

    @Test
    void sendsCustomHeadersOnTheTransportRequest() {
        HubConnection connection = start(hub("/testhub").withHeader("X-HEADER", "VALUE"));

        assertEquals("VALUE", await(connection.invoke(String.class, "GetHeader", "X-HEADER")));
    }

    @Test
    void preservesCookiesBetweenRequests() {
        HubConnection connection = startTestHub();

        assertEquals("testValue", await(connection.invoke(String.class, "GetCookie", "testCookie")));
        assertEquals("testValue2", await(connection.invoke(String.class, "GetCookie", "testCookie2")));
    }

    @Test
    void canConnectAfterNegotiateRedirect() {
        String redirect = "/redirect?numRedirects=0&baseUrl=" + baseUrl;
        HubConnection first = start(hub(redirect));
        HubConnection second = start(hub(redirect));

        int firstCount = await(first.invoke(Integer.class, "GetNumRedirects"));
        int secondCount = await(second.invoke(Integer.class, "GetNumRedirects"));

        assertTrue(firstCount >= 0, "GetNumRedirects returned " + firstCount);
        assertTrue(secondCount > firstCount, "the redirect counter did not increase: " + firstCount + ", " + secondCount);
        assertEquals(first.getConnectionId(), await(first.invoke(String.class, "GetCallerConnectionId")));
    }

    @Test
    void connectionIdIsNullIfNegotiationIsSkipped() {
        HubConnection connection = start(hub("/testhub").shouldSkipNegotiate(true));

        assertEquals("no negotiate", await(connection.invoke(String.class, "Echo", "no negotiate")));
        assertNull(connection.getConnectionId());
    }
}
