package io.switchboard.bench.suite;

import io.switchboard.bench.jmh.ProtocolBenchmarks;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * S8 inside the suite: runs {@link ProtocolBenchmarks}' encode and decode of the small invocation
 * and the copy baseline through JMH with the GC profiler, and pairs each codec figure with the
 * copy of the same protocol (the ceiling). The full set of benchmarks runs from {@code
 * benchmarks.jar} directly (see BENCHMARKS.md).
 */
final class CodecBenchmarks {
  private static final List<String> MEASURED = List.of("encodeInvocation", "decodeInvocation");
  private static final String BASELINE = "copyBaseline";

  private CodecBenchmarks() {}

  /** Runs the benchmarks and reports S8-&lt;protocol&gt;-encode and -decode. */
  static void run(SuiteConfig config, Report report) throws Exception {
    Options options =
        new OptionsBuilder()
            .include(ProtocolBenchmarks.class.getName() + "\\.(encodeInvocation|decodeInvocation|copyBaseline)$")
            .forks(config.jmhForks)
            .warmupIterations(config.jmhWarmupIterations)
            .warmupTime(TimeValue.milliseconds(config.jmhIterationMillis))
            .measurementIterations(config.jmhMeasureIterations)
            .measurementTime(TimeValue.milliseconds(config.jmhIterationMillis))
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true)
            .verbosity(VerboseMode.SILENT)
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, RunResult> byKey = new HashMap<>();
    for (RunResult result : results) {
      String method = result.getParams().getBenchmark();
      method = method.substring(method.lastIndexOf('.') + 1);
      byKey.put(result.getParams().getParam("protocol") + "/" + method, result);
    }
    for (String protocol : List.of("json", "messagepack")) {
      RunResult baseline = byKey.get(protocol + "/" + BASELINE);
      for (String method : MEASURED) {
        RunResult measured = byKey.get(protocol + "/" + method);
        String name = "S8-" + protocol + "-" + (method.startsWith("encode") ? "encode" : "decode");
        if (measured == null || baseline == null) {
          report.failed(name, "JMH produced no result");
          continue;
        }
        report.detail(
            name,
            "jmh",
            String.format(
                Locale.ROOT,
                "alloc_bytes_per_op=%.0f copy_alloc_bytes_per_op=%.0f error_ns=%.1f",
                allocated(measured),
                allocated(baseline),
                measured.getPrimaryResult().getScoreError()));
        report.result(
            new Measurement(name, measured.getPrimaryResult().getScore(), "ns/op", ""),
            new Measurement(name, baseline.getPrimaryResult().getScore(), "ns/op", ""));
      }
    }
  }

  private static double allocated(RunResult result) {
    for (Map.Entry<String, Result> entry : result.getSecondaryResults().entrySet()) {
      if (entry.getKey().endsWith("alloc.rate.norm")) {
        return entry.getValue().getScore();
      }
    }
    return Double.NaN;
  }
}
