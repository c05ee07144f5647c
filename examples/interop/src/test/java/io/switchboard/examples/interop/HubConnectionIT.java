package io.switchboard.examples.interop;

import com.microsoft.signalr.TransportEnum;
import org.junit.jupiter.api.Nested;

/** The TestHub calls of {@link HubConnectionTests}, over each transport of the Java client. */
class HubConnectionIT {

    @Nested
    class OverWebSockets extends HubConnectionTests {
        OverWebSockets() {
            super(TransportEnum.WEBSOCKETS);
        }
    }

    @Nested
    class OverLongPolling extends HubConnectionTests {
        OverLongPolling() {
            super(TransportEnum.LONG_POLLING);
        }
    }
}
