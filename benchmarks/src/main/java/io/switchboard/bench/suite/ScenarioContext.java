package io.switchboard.bench.suite;

import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.Target;
import io.switchboard.bench.client.WireFormat;

/**
 * What one run of a scenario works with: the load generator, the server process under test and the
 * suite's settings.
 */
record ScenarioContext(LoadClient client, ServerProcess server, ServerKind kind, SuiteConfig config) {

  /** Where to connect with {@code format}. */
  Target target(WireFormat format) {
    return kind.target(server.port(), format);
  }

  /** A deadline {@code millis} from now, in System.nanoTime terms. */
  static long deadline(long millis) {
    return System.nanoTime() + millis * 1_000_000L;
  }
}
