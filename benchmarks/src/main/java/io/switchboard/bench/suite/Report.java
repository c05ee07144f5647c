package io.switchboard.bench.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Prints the suite's lines and remembers what went wrong, for {@code --check}:
 *
 * <pre>
 * RESULT &lt;scenario&gt; switchboard=&lt;value&gt; ceiling=&lt;value&gt; unit=&lt;unit&gt; ratio=&lt;switchboard/ceiling&gt;
 * RESULT &lt;scenario&gt; switchboard=&lt;value&gt; unit=&lt;unit&gt;   (a figure without a ceiling)
 * DETAIL &lt;scenario&gt; &lt;server&gt; key=value ...
 * NOTE ...
 * </pre>
 */
final class Report {
  private final List<String> problems = new ArrayList<>();
  private int results;

  /** A free-form remark. */
  void note(String text) {
    System.out.println("NOTE " + text);
  }

  /** Facts of one run of one scenario. */
  void detail(String name, String server, String detail) {
    if (!detail.isEmpty()) {
      System.out.println("DETAIL " + name + " " + server + " " + detail);
    }
  }

  /** The RESULT line of one figure measured on both servers. */
  void result(Measurement switchboard, Measurement ceiling) {
    double ratio = switchboard.value() / ceiling.value();
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT %s switchboard=%s ceiling=%s unit=%s ratio=%.3f",
            switchboard.name(),
            format(switchboard.value()),
            format(ceiling.value()),
            switchboard.unit(),
            ratio));
    System.out.flush();
    results++;
    boolean sizeFigure = switchboard.unit().startsWith("bytes");
    boolean valid =
        sizeFigure
            ? Double.isFinite(switchboard.value()) && Double.isFinite(ceiling.value())
            : switchboard.value() > 0 && ceiling.value() > 0 && Double.isFinite(ratio);
    if (!valid) {
      problems.add(switchboard.name() + " has a non-positive or missing figure");
    }
  }

  /** The RESULT line of a figure measured on Switchboard alone (a size: it only needs to be finite). */
  void single(Measurement switchboard) {
    System.out.println(
        String.format(
            Locale.ROOT,
            "RESULT %s switchboard=%s unit=%s",
            switchboard.name(),
            format(switchboard.value()),
            switchboard.unit()));
    System.out.flush();
    results++;
    if (!Double.isFinite(switchboard.value())) {
      problems.add(switchboard.name() + " has a missing figure");
    }
  }

  /** A scenario that was not run, on purpose. */
  void skipped(String name, String reason) {
    System.out.println("RESULT " + name + " skipped reason=" + reason);
  }

  /** A scenario that failed. */
  void failed(String name, String reason) {
    System.out.println("RESULT " + name + " failed reason=" + reason.replace('\n', ' '));
    problems.add(name + " failed: " + reason);
  }

  /** What {@code --check} found wrong; empty when every RESULT line is sound. */
  List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    if (results == 0) {
      all.add("no RESULT line was produced");
    }
    return all;
  }

  private static String format(double value) {
    return Math.abs(value) >= 100 ? String.format(Locale.ROOT, "%.0f", value) : String.format(Locale.ROOT, "%.2f", value);
  }
}
