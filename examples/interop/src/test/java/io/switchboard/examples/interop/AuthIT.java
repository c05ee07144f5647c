package io.switchboard.examples.interop;

import com.microsoft.signalr.TransportEnum;
import org.junit.jupiter.api.Nested;

/** The authorization tests of {@link AuthTests}, over each transport of the Java client. */
class AuthIT {

    @Nested
    class OverWebSockets extends AuthTests {
        OverWebSockets() {
            super(TransportEnum.WEBSOCKETS);
        }
    }

    @Nested
    class OverLongPolling extends AuthTests {
        OverLongPolling() {
            super(TransportEnum.LONG_POLLING);
        }
    }
}
