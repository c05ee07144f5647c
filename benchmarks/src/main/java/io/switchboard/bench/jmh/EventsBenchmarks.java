package io.switchboard.bench.jmh;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.switchboard.events.EndpointEvents;
import io.switchboard.events.InvocationOutcome;
import io.switchboard.micrometer.SwitchboardMeters;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the events hooks on the hot paths: one message sent (counted once per receiving
 * connection) and one invocation (start and finish), with nobody listening ({@code none}: what
 * every server without meters pays) and with {@link SwitchboardMeters} on a Prometheus registry
 * ({@code meters}).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class EventsBenchmarks {
  @Param({"none", "meters"})
  public String listener;

  private EndpointEvents events;

  @Setup
  public void setUp() {
    events =
        listener.equals("none")
            ? EndpointEvents.NONE
            : EndpointEvents.of(
                new SwitchboardMeters(new PrometheusMeterRegistry(PrometheusConfig.DEFAULT)), "/chat");
  }

  @Benchmark
  public void messageSent() {
    events.messageSent("connection", "json", 80);
  }

  @Benchmark
  public void invocation() {
    long started = events.invocationStarted("ChatHub", "Send");
    events.invocationFinished("ChatHub", "Send", InvocationOutcome.SUCCESS, started);
  }
}
