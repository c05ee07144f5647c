package io.switchboard.examples.interop;

import static io.switchboard.examples.interop.Hubs.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Groups and the all / others / single-connection targets, seen by Java clients. A non-delivery is shown without
 * timing: a later message to the same connection must arrive, and the earlier one must not be among what arrived
 * before it (a connection receives its messages in the order the server sent them). {@link GroupsAndTargetsIT} runs
 * them over each transport.
 */
abstract class GroupsAndTargetsTests extends ClientTestBase {

    GroupsAndTargetsTests(TransportEnum transport) {
        super(transport);
    }

    /** A started /testhub connection plus the client methods the targeting hub methods call. */
    private record Client(HubConnection connection, Inbox groupMessages, Inbox broadcasts, Inbox directs) {
        void invoke(String method, Object... args) {
            await(connection.invoke(method, args));
        }
    }

    private Client client() {
        HubConnection connection = startTestHub();
        return new Client(connection,
                Inbox.of(connection, "GroupMessage", String.class, String.class),
                Inbox.of(connection, "Broadcast", String.class),
                Inbox.of(connection, "Direct", String.class));
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    @Test
    void sendToGroupReachesTheMembersOfTheGroupOnly() throws InterruptedException {
        Client a = client();
        Client b = client();
        Client outsider = client();
        String group = unique("group");
        a.invoke("AddToGroup", group);
        b.invoke("AddToGroup", group);

        outsider.invoke("SendToGroup", group, "for members");
        a.groupMessages().expect(group, "for members");
        b.groupMessages().expect(group, "for members");

        outsider.invoke("AddToGroup", group);
        outsider.invoke("SendToGroup", group, "now a member");
        outsider.groupMessages().expect(group, "now a member");
        assertEquals(List.of(List.of(group, "now a member")), outsider.groupMessages().calls());
    }

    @Test
    void sendToOthersInGroupSkipsTheCaller() throws InterruptedException {
        Client a = client();
        Client b = client();
        String group = unique("group");
        a.invoke("AddToGroup", group);
        b.invoke("AddToGroup", group);

        a.invoke("SendToOthersInGroup", group, "for the others");
        b.groupMessages().expect(group, "for the others");

        a.invoke("SendToGroup", group, "for everyone");
        a.groupMessages().expect(group, "for everyone");
        assertEquals(List.of(List.of(group, "for everyone")), a.groupMessages().calls());
    }

    @Test
    void removeFromGroupStopsTheGroupsMessages() throws InterruptedException {
        Client a = client();
        Client b = client();
        String group = unique("group");
        a.invoke("AddToGroup", group);
        b.invoke("AddToGroup", group);
        b.invoke("RemoveFromGroup", group);

        a.invoke("SendToGroup", group, "while b is out");
        a.groupMessages().expect(group, "while b is out");

        b.invoke("AddToGroup", group);
        a.invoke("SendToGroup", group, "b is back");
        b.groupMessages().expect(group, "b is back");
        assertEquals(List.of(List.of(group, "b is back")), b.groupMessages().calls());
    }

    @Test
    void sendToAllReachesEveryConnectionTheCallerIncluded() throws InterruptedException {
        Client a = client();
        Client b = client();
        String text = unique("to all");

        a.invoke("SendToAll", text);

        a.broadcasts().expect(text);
        b.broadcasts().expect(text);
    }

    @Test
    void sendToOthersSkipsTheCaller() throws InterruptedException {
        Client a = client();
        Client b = client();
        String toOthers = unique("to others");
        String toAll = unique("to all");

        a.invoke("SendToOthers", toOthers);
        b.broadcasts().expect(toOthers);

        a.invoke("SendToAll", toAll);
        a.broadcasts().expect(toAll);
        assertFalse(a.broadcasts().calls().contains(List.of(toOthers)),
                "the caller received its own SendToOthers");
    }

    @Test
    void sendToConnectionReachesThatConnectionOnly() throws InterruptedException {
        Client a = client();
        Client b = client();
        String toB = unique("to b");
        String toA = unique("to a");
        String lastToB = unique("last to b");

        a.invoke("SendToConnection", b.connection().getConnectionId(), toB);
        b.directs().expect(toB);

        a.invoke("SendToConnection", a.connection().getConnectionId(), toA);
        a.directs().expect(toA);
        assertEquals(List.of(List.of(toA)), a.directs().calls());

        a.invoke("SendToConnection", b.connection().getConnectionId(), lastToB);
        b.directs().expect(lastToB);
        assertEquals(List.of(List.of(toB), List.of(lastToB)), b.directs().calls());
    }
}
