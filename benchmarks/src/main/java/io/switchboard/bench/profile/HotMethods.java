package io.switchboard.bench.profile;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarises a JFR recording's execution samples (Java and native): samples per thread, the
 * methods on top of the stack (self), and the methods anywhere on the stack (inclusive), so that a
 * hot path shows up even when its cost is spread over many small leaf methods.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.switchboard.bench.profile.HotMethods file.jfr [top]}.
 */
public final class HotMethods {
  private HotMethods() {}

  /** Prints the summary of {@code args[0]}, {@code args[1]} lines per table (default 25). */
  public static void main(String[] args) throws IOException {
    int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
    Map<String, Integer> threads = new HashMap<>();
    Map<String, Integer> self = new HashMap<>();
    Map<String, Integer> inclusive = new HashMap<>();
    int total = 0;
    for (RecordedEvent event : RecordingFile.readAllEvents(Path.of(args[0]))) {
      String type = event.getEventType().getName();
      if (!type.equals("jdk.ExecutionSample") && !type.equals("jdk.NativeMethodSample")) {
        continue;
      }
      RecordedStackTrace stack = event.getStackTrace();
      if (stack == null || stack.getFrames().isEmpty()) {
        continue;
      }
      total++;
      String thread = event.getThread("sampledThread").getJavaName();
      threads.merge(thread.replaceAll("-\\d+$", "-N").replaceAll("\\d+", "N") + (type.endsWith("NativeMethodSample") ? " (native)" : ""), 1, Integer::sum);
      List<RecordedFrame> frames = stack.getFrames();
      self.merge(name(frames.get(0)), 1, Integer::sum);
      Set<String> seen = new HashSet<>();
      for (RecordedFrame frame : frames) {
        String name = name(frame);
        if (seen.add(name)) {
          inclusive.merge(name, 1, Integer::sum);
        }
      }
    }
    System.out.println("samples=" + total);
    print("threads", threads, total, top);
    print("self (top of stack)", self, total, top);
    print("inclusive (anywhere on the stack)", inclusive, total, top * 2);
  }

  private static String name(RecordedFrame frame) {
    return frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
  }

  private static void print(String title, Map<String, Integer> counts, int total, int top) {
    System.out.println("== " + title);
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(top)
        .forEach(e -> System.out.printf("%6.1f%% %6d  %s%n", 100.0 * e.getValue() / total, e.getValue(), e.getKey()));
  }
}
