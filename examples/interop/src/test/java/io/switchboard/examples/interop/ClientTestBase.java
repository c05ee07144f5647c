package io.switchboard.examples.interop;

import com.microsoft.signalr.HttpHubConnectionBuilder;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.TransportEnum;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the Java-client tests: the official Java client (JSON) against the interop server, over one transport
 * (WebSockets unless a subclass passes another). Every connection a test builds through {@link #build} or
 * {@link #start} is stopped after the test.
 */
@ExtendWith(TestServerExtension.class)
public abstract class ClientTestBase {
    /** The interop server's base URL, without a trailing slash. */
    protected String baseUrl;

    /** The transport every connection of the test uses. */
    protected final TransportEnum transport;

    private final List<HubConnection> connections = new ArrayList<>();

    /** Tests over WebSockets. */
    protected ClientTestBase() {
        this(TransportEnum.WEBSOCKETS);
    }

    /** Tests over {@code transport}. */
    protected ClientTestBase(TransportEnum transport) {
        this.transport = transport;
    }

    @BeforeEach
    void useServer(TestServer server) {
        baseUrl = server.url();
    }

    @AfterEach
    void stopConnections() {
        for (HubConnection connection : connections) {
            if (connection.getConnectionState() != HubConnectionState.DISCONNECTED) {
                Hubs.await(connection.stop());
            }
        }
    }

    /** A builder for {@code path} on the server (e.g. {@code /testhub}), restricted to the test's transport. */
    protected HttpHubConnectionBuilder hub(String path) {
        return HubConnectionBuilder.create(baseUrl + path).withTransport(transport);
    }

    /** The name the server's {@code GetActiveTransportName} gives the test's transport. */
    protected String transportName() {
        return switch (transport) {
            case WEBSOCKETS -> "WebSockets";
            case LONG_POLLING -> "LongPolling";
            case ALL -> throw new IllegalStateException("no single transport");
        };
    }

    /** Builds the connection without starting it; it is stopped after the test. */
    protected HubConnection build(HttpHubConnectionBuilder builder) {
        HubConnection connection = builder.build();
        connections.add(connection);
        return connection;
    }

    /** Builds and starts the connection; it is stopped after the test. */
    protected HubConnection start(HttpHubConnectionBuilder builder) {
        HubConnection connection = build(builder);
        Hubs.await(connection.start());
        return connection;
    }

    /** Starts a connection to {@code /testhub}. */
    protected HubConnection startTestHub() {
        return start(hub("/testhub"));
    }
}
