package io.switchboard.apicheck;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The public API of every published module, as its committed listing {@code api/<module>.txt}
 * says: the module's descriptor (what it exports, to whom, and what it opens), then each public or
 * protected type and member of the packages it exports to everyone. An API change is therefore a
 * visible diff in review. After a deliberate change, regenerate with
 * {@code mvn -B -pl api-check -am test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dapi.update=true} and commit the listings.
 */
class PublicApiTest {
  static Stream<String> modules() {
    return PublishedModules.artifacts();
  }

  @ParameterizedTest
  @MethodSource("modules")
  void theApiIsTheCommittedOne(String module) throws Exception {
    List<String> actual = ModuleListing.of(PublishedModules.descriptor(module));
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
