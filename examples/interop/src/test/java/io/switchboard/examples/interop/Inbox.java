package io.switchboard.examples.interop;

import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.signalr.HubConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Records every call of one client method on one connection, in arrival order, as argument lists.
 * The Java client matches handler names case-sensitively, so the name must be exactly the one the server sends.
 */
public final class Inbox {
    private final String method;
    private final List<List<Object>> calls = new ArrayList<>();

    private Inbox(String method) {
        this.method = method;
    }

    /** Registers a handler for a client method without arguments. */
    public static Inbox of(HubConnection connection, String method) {
        Inbox inbox = new Inbox(method);
        connection.on(method, () -> inbox.add());
        return inbox;
    }

    /** Registers a handler for a client method with one argument. */
    public static <A> Inbox of(HubConnection connection, String method, Class<A> type) {
        Inbox inbox = new Inbox(method);
        connection.on(method, (A a) -> inbox.add(a), type);
        return inbox;
    }

    /** Registers a handler for a client method with two arguments. */
    public static <A, B> Inbox of(HubConnection connection, String method, Class<A> first, Class<B> second) {
        Inbox inbox = new Inbox(method);
        connection.on(method, (A a, B b) -> inbox.add(a, b), first, second);
        return inbox;
    }

    private synchronized void add(Object... args) {
        calls.add(Arrays.asList(args));
        notifyAll();
    }

    /** A copy of the calls received so far. */
    public synchronized List<List<Object>> calls() {
        return List.copyOf(calls);
    }

    /** Waits until a call with exactly these arguments has arrived (at most {@link Hubs#TIMEOUT}). */
    public synchronized void expect(Object... args) throws InterruptedException {
        List<Object> expected = Arrays.asList(args);
        long deadline = System.nanoTime() + Hubs.TIMEOUT.toNanos();
        while (!calls.contains(expected)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                fail("Timed out waiting for " + method + expected + "; received " + calls);
            }
            Duration wait = Duration.ofNanos(left);
            wait(Math.max(1, wait.toMillis()));
        }
    }
}
