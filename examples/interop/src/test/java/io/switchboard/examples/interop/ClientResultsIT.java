package io.switchboard.examples.interop;

import com.microsoft.signalr.TransportEnum;
import org.junit.jupiter.api.Nested;

/** The client-result tests of {@link ClientResultsTests}, over each transport of the Java client. */
class ClientResultsIT {

    @Nested
    class OverWebSockets extends ClientResultsTests {
        OverWebSockets() {
            super(TransportEnum.WEBSOCKETS);
        }
    }

    @Nested
    class OverLongPolling extends ClientResultsTests {
        OverLongPolling() {
            super(TransportEnum.LONG_POLLING);
        }
    }
}
