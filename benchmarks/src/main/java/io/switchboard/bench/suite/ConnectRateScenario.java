package io.switchboard.bench.suite;

import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.Target;
import io.switchboard.bench.client.WireFormat;

/**
 * S5, connect rate: full connects per second (negotiate, upgrade, handshake) for Switchboard, bare
 * upgrades for the ceiling; {@value #CONCURRENCY} connects in progress at a time. Each connection
 * is closed (Close frame) as soon as it is ready, so the figure includes the server's disconnect
 * work, as churn would. Bounded by the configured count and by the measured window.
 */
final class ConnectRateScenario implements Scenario {
  private static final int CONCURRENCY = 32;

  @Override
  public String name() {
    return "S5";
  }

  @Override
  public ServerKind ceiling() {
    return ServerKind.RAW_ECHO;
  }

  @Override
  public java.util.List<Measurement> run(ScenarioContext context) throws Exception {
    SuiteConfig config = context.config();
    Target target = context.target(WireFormat.JSON);
    churn(context.client(), target, config.connectCount / 5, config.warmupMillis);
    long cpu0 = context.server().cpuNanos();
    long own0 = Window.ownCpuNanos();
    long switches0 = context.server().contextSwitches();
    long t0 = System.nanoTime();
    int[] result = churn(context.client(), target, config.connectCount, config.measureMillis * 2);
    long nanos = System.nanoTime() - t0;
    long cpu = context.server().cpuNanos() - cpu0;
    Window window = new Window(result[0], nanos, cpu0 < 0 ? -1 : cpu, Window.ownCpuNanos() - own0, context.server().contextSwitches() - switches0);
    return java.util.List.of(
        new Measurement(
            "S5",
            window.rate(),
            "connects/s",
            window.cpuDetail("connect") + " connects=" + result[0] + " failed=" + result[1] + " concurrency=" + CONCURRENCY));
  }

  /** Connects and closes up to {@code count} connections within {@code maxMillis}; returns {ok, failed}. */
  private static int[] churn(LoadClient client, Target target, int count, long maxMillis)
      throws InterruptedException {
    return Cycles.run(
        () -> client.connect(target, FrameListener.NONE).thenApply(connection -> (Runnable) connection::close),
        count,
        CONCURRENCY,
        maxMillis);
  }
}
