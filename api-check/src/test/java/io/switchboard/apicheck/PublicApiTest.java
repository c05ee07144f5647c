package io.switchboard.apicheck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public API of every published module, as its committed listing {@code api/<module>.txt}
 * says: an API change is a visible diff in review. After a deliberate change, regenerate with
 * {@code mvn -B -pl api-check -am test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true} and commit the listings.
 */
class PublicApiTest {
  /** Each published module and the packages it offers applications (API.md). */
  static final Map<String, List<String>> EXPORTED =
      Map.of(
          "switchboard-core",
          List.of(
              "io.switchboard.auth",
              "io.switchboard.backplane",
              "io.switchboard.connection",
              "io.switchboard.hub",
              "io.switchboard.lifetime",
              "io.switchboard.protocol",
              "io.switchboard.protocol.framing",
              "io.switchboard.protocol.json",
              "io.switchboard.protocol.msgpack",
              "io.switchboard.server"),
          "switchboard-transport-netty", List.of("io.switchboard.transport.netty"),
          "switchboard-transport-apigateway", List.of("io.switchboard.transport.apigateway"),
          "switchboard-backplane-redis", List.of("io.switchboard.backplane.redis"),
          "switchboard-backplane-sql", List.of("io.switchboard.backplane.sql"),
          "switchboard-backplane-postgres", List.of("io.switchboard.backplane.postgres"),
          "switchboard-backplane-sqlserver", List.of("io.switchboard.backplane.sqlserver"));

  static Stream<String> modules() {
    return EXPORTED.keySet().stream().sorted();
  }

  @ParameterizedTest
  @MethodSource("modules")
  void theApiIsTheCommittedOne(String module) throws Exception {
    List<String> actual = ApiListing.of(EXPORTED.get(module));
    Path baseline = Path.of(System.getProperty("api.dir", "../api")).resolve(module + ".txt");
    if (Boolean.getBoolean("api.update")) {
      Files.createDirectories(baseline.getParent());
      Files.write(baseline, actual, StandardCharsets.UTF_8);
      return;
    }
    assertTrue(
        Files.exists(baseline),
        baseline + " is missing; generate it with -Dapi.update=true and commit it");
    List<String> expected = Files.readAllLines(baseline, StandardCharsets.UTF_8);
    if (!expected.equals(actual)) {
      fail(
          "The public API of "
              + module
              + " differs from "
              + baseline
              + " (- committed, + now):\n"
              + diff(expected, actual)
              + "If the change is meant, regenerate with "
              + "'mvn -B -pl api-check -am test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true' and commit api/.");
    }
  }

  private static String diff(List<String> expected, List<String> actual) {
    Set<String> removed = new LinkedHashSet<>(expected);
    actual.forEach(removed::remove);
    Set<String> added = new LinkedHashSet<>(actual);
    expected.forEach(added::remove);
    List<String> lines = new ArrayList<>();
    removed.forEach(line -> lines.add("- " + line));
    added.forEach(line -> lines.add("+ " + line));
    return String.join("\n", lines) + "\n";
  }
}
