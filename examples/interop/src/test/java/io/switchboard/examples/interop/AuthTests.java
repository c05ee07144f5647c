package io.switchboard.examples.interop;

import static io.switchboard.examples.interop.Hubs.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import io.reactivex.rxjava3.core.Single;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code /authorizedhub} with the Java client, which sends the token only in the {@code Authorization} header
 * (never as {@code access_token}); {@link AuthIT} runs them over each transport.
 */
abstract class AuthTests extends ClientTestBase {

    AuthTests(TransportEnum transport) {
        super(transport);
    }

    /** A JWT from {@code /generateJwtToken} (user {@code testuser}) or {@code /generateJwtToken/<name>}. */
    private String token(String name) {
        HttpResponse<String> response = Http.get(baseUrl + "/generateJwtToken" + (name == null ? "" : "/" + name));
        assertEquals(200, response.statusCode(), response.body());
        return response.body();
    }

    @Test
    void canConnectToHubWithAuthorization() {
        HubConnection connection = start(hub("/authorizedhub").withAccessTokenProvider(Single.just(token(null))));

        assertEquals("你好，世界！", await(connection.invoke(String.class, "Echo", "你好，世界！")));
        assertEquals("testuser", await(connection.invoke(String.class, "GetUserIdentifier")));
    }

    @Test
    void canConnectWithATokenFetchedOnEachStart() {
        String name = "user-" + UUID.randomUUID();
        HubConnection connection = start(hub("/authorizedhub")
                .withAccessTokenProvider(Single.defer(() -> Single.just(token(name)))));

        assertEquals(name, await(connection.invoke(String.class, "GetUserIdentifier")));
    }

    @Test
    void canGetErrorFromUnauthorizedHubConnection() {
        HubConnection connection = build(hub("/authorizedhub"));

        RuntimeException error = assertThrows(RuntimeException.class, () -> await(connection.start()));

        assertTrue(String.valueOf(error.getMessage()).startsWith("Unexpected status code returned from negotiate: 401"),
                "start failed with " + error);
    }

    @Test
    void sendToUserReachesEveryConnectionOfThatUserAndNoOther() throws InterruptedException {
        String alice = "alice-" + UUID.randomUUID();
        String bob = "bob-" + UUID.randomUUID();
        HubConnection alice1 = build(hub("/authorizedhub").withAccessTokenProvider(Single.just(token(alice))));
        HubConnection alice2 = build(hub("/authorizedhub").withAccessTokenProvider(Single.just(token(alice))));
        HubConnection bob1 = build(hub("/authorizedhub").withAccessTokenProvider(Single.just(token(bob))));
        Inbox alice1Messages = Inbox.of(alice1, "UserMessage", String.class);
        Inbox alice2Messages = Inbox.of(alice2, "UserMessage", String.class);
        Inbox bobMessages = Inbox.of(bob1, "UserMessage", String.class);
        await(alice1.start());
        await(alice2.start());
        await(bob1.start());

        await(bob1.invoke("SendToUser", alice, "for alice"));
        alice1Messages.expect("for alice");
        alice2Messages.expect("for alice");

        await(alice1.invoke("SendToUser", bob, "for bob"));
        bobMessages.expect("for bob");
        assertEquals(List.of(List.of("for bob")), bobMessages.calls());
    }
}
