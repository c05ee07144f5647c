package io.switchboard.examples.interop;

import static io.switchboard.examples.interop.Hubs.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubException;
import com.microsoft.signalr.TransportEnum;
import io.reactivex.rxjava3.core.Single;
import io.reactivex.rxjava3.disposables.Disposable;
import io.reactivex.rxjava3.subjects.ReplaySubject;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Server-to-client streams ({@code stream}), client-to-server streams (an {@code Observable} argument) and the
 * wrong-kind invocation errors, seen by the Java client; {@link StreamingIT} runs them over each transport.
 */
abstract class StreamingTests extends ClientTestBase {

    StreamingTests(TransportEnum transport) {
        super(transport);
    }

    @Test
    void canStreamServerMethodAndReceiveResult() {
        HubConnection connection = startTestHub();

        assertEquals(List.of("a", "b", "c"), await(connection.stream(String.class, "Stream").toList()));
    }

    @Test
    void theStreamOfAStreamingMethodWithNoItemsCompletes() {
        HubConnection connection = startTestHub();

        assertEquals(List.of(), await(connection.stream(Integer.class, "EmptyStream").toList()));
    }

    @Test
    void canStreamServerMethodAndCancelStream() throws InterruptedException {
        HubConnection connection = startTestHub();
        Inbox canceled = Inbox.of(connection, "StreamCanceled");

        Disposable subscription = connection.stream(String.class, "InfiniteStream").subscribe(item -> { }, error -> { });
        subscription.dispose();

        canceled.expect();
        assertEquals("still connected", await(connection.invoke(String.class, "Echo", "still connected")));
    }

    @Test
    void throwsAnExceptionWhenInvokingStreamingMethodWithInvoke() {
        HubConnection connection = startTestHub();

        HubException error = assertThrows(HubException.class,
                () -> await(connection.invoke(Integer.class, "EmptyStream")));

        assertEquals("The client attempted to invoke the streaming 'EmptyStream' method with a non-streaming invocation.",
                error.getMessage());
    }

    @Test
    void rethrowsAnExceptionFromTheServerWhenStreaming() {
        HubConnection connection = startTestHub();

        HubException error = assertThrows(HubException.class,
                () -> await(connection.stream(String.class, "StreamThrowException", "An error occurred.").toList()));

        assertEquals("An unexpected error occurred invoking 'StreamThrowException' on the server. "
                + "InvalidOperationException: An error occurred.", error.getMessage());
    }

    @Test
    void throwsAnExceptionWhenInvokingHubMethodWithStream() {
        HubConnection connection = startTestHub();

        HubException error = assertThrows(HubException.class,
                () -> await(connection.stream(String.class, "Echo", "42").toList()));

        assertEquals("The client attempted to invoke the non-streaming 'Echo' method with a streaming invocation.",
                error.getMessage());
    }

    @Test
    void canStreamFromClientToServer() {
        HubConnection connection = startTestHub();
        ReplaySubject<String> upload = ReplaySubject.create();
        Single<String> result = connection.invoke(String.class, "StreamingConcat", upload);

        upload.onNext("Hello ");
        upload.onNext("world");
        upload.onNext("!");
        upload.onComplete();

        assertEquals("Hello world!", await(result));
    }

    @Test
    void canStreamFromClientToServerAndCloseWithError() {
        HubConnection connection = startTestHub();
        ReplaySubject<String> upload = ReplaySubject.create();
        Single<String> result = connection.invoke(String.class, "StreamingConcat", upload);

        upload.onNext("Hello ");
        upload.onNext("world");
        upload.onError(new RuntimeException("Something bad"));

        // The Java client sends the error's toString() (official-clients.md §3.3), unlike the JS client's message.
        HubException error = assertThrows(HubException.class, () -> await(result));
        assertEquals("An unexpected error occurred invoking 'StreamingConcat' on the server. "
                + "HubException: java.lang.RuntimeException: Something bad", error.getMessage());
        assertEquals("still connected", await(connection.invoke(String.class, "Echo", "still connected")));
    }
}
