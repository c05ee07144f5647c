package io.switchboard.examples.interop;

import com.microsoft.signalr.TransportEnum;
import org.junit.jupiter.api.Nested;

/** The streaming tests of {@link StreamingTests}, over each transport of the Java client. */
class StreamingIT {

    @Nested
    class OverWebSockets extends StreamingTests {
        OverWebSockets() {
            super(TransportEnum.WEBSOCKETS);
        }
    }

    @Nested
    class OverLongPolling extends StreamingTests {
        OverLongPolling() {
            super(TransportEnum.LONG_POLLING);
        }
    }
}
