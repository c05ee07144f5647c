package io.switchboard.transport.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one scenario of {@code js/scenarios.js} (the official JavaScript client) with Node. */
final class NodeClient {
  private static final Path JS = Path.of(System.getProperty("switchboard.js.dir", "js"));

  private NodeClient() {}

  /** Runs {@code scenario} with {@code environment} and fails with its output unless it held. */
  static void run(String scenario, Map<String, String> environment) throws Exception {
    File log = Files.createTempFile("switchboard-apigateway-" + scenario, ".log").toFile();
    ProcessBuilder builder =
        new ProcessBuilder("node", "scenarios.js", scenario)
            .directory(JS.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log);
    builder.environment().putAll(environment);
    Process process = builder.start();
    boolean finished = process.waitFor(120, TimeUnit.SECONDS); // only against a hang
    if (!finished) {
      process.destroyForcibly().waitFor();
    }
    String output = Files.readString(log.toPath(), StandardCharsets.UTF_8);
    log.delete();
    assertTrue(finished, () -> "Scenario " + scenario + " hung:\n" + output);
    assertEquals(0, process.exitValue(), () -> "Scenario " + scenario + " failed:\n" + output);
  }
}
