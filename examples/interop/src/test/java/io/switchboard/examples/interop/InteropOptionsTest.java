package io.switchboard.examples.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The interop server's address: flags, then the HOST and PORT environment variables, then defaults. */
class InteropOptionsTest {
  private static final String[] NO_ARGS = {};

  @Test
  void withNeitherFlagsNorEnvironmentListensOnLoopbackOnAnyFreePort() {
    InteropOptions options = InteropOptions.parse(NO_ARGS, Map.of());

    assertEquals("127.0.0.1", options.host());
    assertEquals(0, options.port());
  }

  @Test
  void takesHostAndPortFromTheEnvironmentAsAContainerSetsThem() {
    InteropOptions options = InteropOptions.parse(NO_ARGS, Map.of("HOST", "0.0.0.0", "PORT", "8080"));

    assertEquals("0.0.0.0", options.host());
    assertEquals(8080, options.port());
  }

  @Test
  void flagsWinOverTheEnvironment() {
    InteropOptions options =
        InteropOptions.parse(
            new String[] {"--host", "127.0.0.2", "--port", "5001"},
            Map.of("HOST", "0.0.0.0", "PORT", "8080"));

    assertEquals("127.0.0.2", options.host());
    assertEquals(5001, options.port());
  }

  @Test
  void theLiveTraceIsOffUnlessAsked() {
    assertFalse(InteropOptions.parse(NO_ARGS, Map.of()).liveTrace());
    assertTrue(InteropOptions.parse(new String[] {"--live-trace", "--port", "0"}, Map.of()).liveTrace());
  }
}
