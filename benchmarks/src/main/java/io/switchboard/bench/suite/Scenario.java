package io.switchboard.bench.suite;

import java.util.List;

/**
 * One scenario of performance.md §4: run once against Switchboard and once against its raw-Netty
 * ceiling, with the same load generator; the suite prints the ratio of the figures of each name.
 */
interface Scenario {
  /** The scenario's short name, e.g. {@code S1-json}. */
  String name();

  /** The ceiling this scenario is compared with. */
  ServerKind ceiling();

  /**
   * The load run against the ceiling: this scenario, unless the ceiling is the same server under
   * another load (S10: the broadcast without slow clients, on Switchboard). Same figure names.
   */
  default Scenario ceilingLoad() {
    return this;
  }

  /**
   * Runs the load against one server and returns its figures (same names for both servers). Every
   * loop is bounded in count and time.
   */
  List<Measurement> run(ScenarioContext context) throws Exception;
}
