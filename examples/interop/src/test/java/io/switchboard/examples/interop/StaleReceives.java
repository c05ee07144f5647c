package io.switchboard.examples.interop;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stops a Java-client connection and waits out a race of the client's own long-polling transport (com.microsoft.signalr
 * 9.0.3, {@code LongPollingTransport}): it hands each poll's payload to a receive thread of its own and finishes
 * {@code stop()} without waiting for that thread, while {@code HubConnection} applies whatever that thread delivers to
 * the connection that is current by then. The server's reply to the client's Close ({@code {"type":7}}, as ASP.NET Core
 * sends it) comes in the last poll, so a connection restarted at once may get the old connection's Close and stop
 * ("Invocation was canceled."). Reaches into the client by reflection: it offers no public way to wait for that thread.
 */
final class StaleReceives {
    private StaleReceives() {
    }

    /** Stops {@code connection}, then waits until its long-polling receive thread (if any) has delivered everything. */
    static void stopAndDrain(HubConnection connection) throws Exception {
        ExecutorService receiveThread = longPollingReceiveThread(connection);
        Hubs.await(connection.stop());
        if (receiveThread != null) {
            // stop() has shut it down; what it still runs is what the old transport received.
            assertTrue(receiveThread.awaitTermination(Hubs.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    "the old transport's receive thread never finished");
        }
    }

    private static ExecutorService longPollingReceiveThread(HubConnection connection) throws Exception {
        Method getTransport = HubConnection.class.getDeclaredMethod("getTransport");
        getTransport.setAccessible(true);
        Object transport = getTransport.invoke(connection);
        if (!transport.getClass().getSimpleName().equals("LongPollingTransport")) {
            return null; // WebSockets deliver on the socket's reader thread, in order with the close
        }
        Field field = transport.getClass().getDeclaredField("onReceiveThread");
        field.setAccessible(true);
        return (ExecutorService) field.get(transport);
    }
}
