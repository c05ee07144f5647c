package io.switchboard.examples.interop;

import static io.switchboard.examples.interop.Hubs.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import io.reactivex.rxjava3.core.Single;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Client results: the server's {@code GET /clientresult/<connectionId>} asks that connection's client method
 * {@code Result()} for an int, answered by an {@code onWithResult} handler; {@link ClientResultsIT} runs them over each
 * transport.
 */
abstract class ClientResultsTests extends ClientTestBase {

    ClientResultsTests(TransportEnum transport) {
        super(transport);
    }

    /** Starts a /testhub connection, with {@code register} applied before start, and asks it for a result. */
    private String askForResult(Consumer<HubConnection> register) {
        HubConnection connection = build(hub("/testhub"));
        register.accept(connection);
        await(connection.start());
        String body = Http.get(baseUrl + "/clientresult/"
                + URLEncoder.encode(connection.getConnectionId(), StandardCharsets.UTF_8)).body();
        // The connection is still usable afterwards.
        assertEquals("after the result", await(connection.invoke(String.class, "Echo", "after the result")));
        return body;
    }

    @Test
    void canReturnResultToServer() {
        String body = askForResult(connection -> connection.onWithResult("Result", () -> Single.just(10)));

        assertEquals("10", body);
    }

    @Test
    void canThrowResultToServer() {
        String body = askForResult(connection -> connection.onWithResult("Result",
                () -> Single.<Integer>error(new RuntimeException("from callback"))));

        // The Java client sends the error's message.
        assertEquals("from callback", body);
    }

    @Test
    void returnsResultErrorToServerWhenNoResultGiven() {
        String body = askForResult(connection -> { });

        assertEquals("Client did not provide a result.", body);
    }
}
