package io.switchboard.examples.interop;

import static io.switchboard.examples.interop.Hubs.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubException;
import com.microsoft.signalr.TransportEnum;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The official Java client (JSON) calling TestHub methods on {@code /testhub}, after the upstream JavaScript
 * functional tests; {@link HubConnectionIT} runs them over each transport. Every passing call also shows that the
 * server never sent the Java client a {@code headers} property, which it rejects ("Headers not implemented yet.").
 */
abstract class HubConnectionTests extends ClientTestBase {

    HubConnectionTests(TransportEnum transport) {
        super(transport);
    }

    @Test
    void usesTheTransportItAskedFor() {
        HubConnection connection = startTestHub();

        assertEquals(transportName(), await(connection.invoke(String.class, "GetActiveTransportName")));
    }

    @Test
    void canInvokeServerMethodAndReceiveResult() {
        HubConnection connection = startTestHub();

        assertEquals("你好，世界！", await(connection.invoke(String.class, "Echo", "你好，世界！")));
        assertEquals("hi", await(connection.invoke(String.class, "Echo", "hi")));
    }

    @Test
    void canInvokeServerMethodNonBlockingAndCloseCleanly() throws Exception {
        HubConnection connection = startTestHub();
        CompletableFuture<Exception> closed = new CompletableFuture<>();
        connection.onClosed(closed::complete);

        connection.send("Echo", "not answered");
        assertEquals("after send", await(connection.invoke(String.class, "Echo", "after send")));
        await(connection.stop());

        assertNull(closed.get(Hubs.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS));
    }

    @Test
    void serverCallsUseTheExactClientMethodName() throws InterruptedException {
        // The Java client looks handlers up case-sensitively: this only passes if the server sends "Message".
        HubConnection connection = startTestHub();
        Inbox messages = Inbox.of(connection, "Message", String.class);

        await(connection.invoke("InvokeWithString", "hello from Java"));

        messages.expect("hello from Java");
    }

    @Test
    void canInvokeServerMethodStructuralObjectAndReceiveStructuralResult() throws InterruptedException {
        HubConnection connection = startTestHub();
        Inbox objects = Inbox.of(connection, "CustomObject", CustomObject.class);

        connection.send("SendCustomObject", new CustomObject("test", 42));

        objects.expect(new CustomObject("test", 42));
    }

    @Test
    void rethrowsAnExceptionFromTheServerWhenInvoking() {
        HubConnection connection = startTestHub();

        HubException error = assertThrows(HubException.class,
                () -> await(connection.invoke("ThrowException", "An error occurred.")));

        assertEquals("An unexpected error occurred invoking 'ThrowException' on the server. "
                + "InvalidOperationException: An error occurred.", error.getMessage());
    }

    @Test
    void rethrowsAnErrorWhenInvokingAMethodThatDoesNotExist() {
        HubConnection connection = startTestHub();

        HubException error = assertThrows(HubException.class,
                () -> await(connection.invoke(String.class, "NoSuchMethod")));

        assertEquals("Failed to invoke 'NoSuchMethod' due to an error on the server. HubException: Method does not exist.",
                error.getMessage());
        assertEquals("still connected", await(connection.invoke(String.class, "Echo", "still connected")));
    }

    @Test
    void canBeRestarted() throws Exception {
        HubConnection connection = startTestHub();
        assertEquals("first", await(connection.invoke(String.class, "Echo", "first")));
        // Not just stop(): over long polling the client may apply the old connection's last message to the new one.
        StaleReceives.stopAndDrain(connection);

        await(connection.start());

        assertEquals("second", await(connection.invoke(String.class, "Echo", "second")));
    }

    @Test
    void connectionIdMatchesServerSideConnectionId() {
        HubConnection connection = startTestHub();

        assertNotNull(connection.getConnectionId());
        assertEquals(connection.getConnectionId(), await(connection.invoke(String.class, "GetCallerConnectionId")));
    }

    @Test
    void canHandleDifferentTypes() {
        HubConnection connection = startTestHub();
        ComplexObject sent = new ComplexObject("Hello, World!", new int[] {1, 2, 3, 255}, "aGVsbG8=",
                "00010203-0405-0607-0706-050403020100", "2002-04-01T10:20:15Z");

        assertEquals(sent, await(connection.invoke(ComplexObject.class, "EchoComplexObject", sent)));
    }

    @Test
    void canReceiveDifferentTypes() {
        HubConnection connection = startTestHub();
        ComplexObject expected = new ComplexObject("hello world", new int[] {1, 2, 3}, "AQID",
                "00010203-0405-0607-0706-050403020100", "2000-01-01T00:00:00Z");

        assertEquals(expected, await(connection.invoke(ComplexObject.class, "SendComplexObject")));
    }
}
