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
 * Base of the Java-client tests: the official Java client (JSON over WebSockets) against the interop server.
 * Every connection a test starts through {@link #start} is stopped after the test.
 */
@ExtendWith(TestServerExtension.class)
public abstract class ClientTestBase {
    /** The interop server's base URL, without a trailing slash. */
    protected String baseUrl;

    private final List<HubConnection> connections = new ArrayList<>();

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

    /** A builder for {@code path} on the server (e.g. {@code /testhub}), restricted to WebSockets. */
    protected HttpHubConnectionBuilder hub(String path) {
        return HubConnectionBuilder.create(baseUrl + path).withTransport(TransportEnum.WEBSOCKETS);
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
