package io.switchboard.examples.interop;

import com.microsoft.signalr.TransportEnum;
import org.junit.jupiter.api.Nested;

/** The group and target tests of {@link GroupsAndTargetsTests}, over each transport of the Java client. */
class GroupsAndTargetsIT {

    @Nested
    class OverWebSockets extends GroupsAndTargetsTests {
        OverWebSockets() {
            super(TransportEnum.WEBSOCKETS);
        }
    }

    @Nested
    class OverLongPolling extends GroupsAndTargetsTests {
        OverLongPolling() {
            super(TransportEnum.LONG_POLLING);
        }
    }
}
