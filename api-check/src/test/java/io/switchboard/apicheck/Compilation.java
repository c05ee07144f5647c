package io.switchboard.apicheck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** One javac run (javax.tools) over some sources against a module path, and what javac said. */
record Compilation(Path output, boolean succeeded, String diagnostics) {
  static Compilation run(List<Path> sources, Path output, String modulePath) throws IOException {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
      boolean succeeded =
          javac
              .getTask(
                  null,
                  files,
                  diagnostics,
                  List.of("--module-path", modulePath, "-d", output.toString()),
                  null,
                  files.getJavaFileObjectsFromPaths(sources))
              .call();
      String messages =
          diagnostics.getDiagnostics().stream()
              .map(Compilation::describe)
              .collect(Collectors.joining("\n"));
      return new Compilation(output, succeeded, messages);
    }
  }

  private static String describe(Diagnostic<? extends JavaFileObject> diagnostic) {
    return diagnostic.getKind() + ": " + diagnostic.getMessage(Locale.ROOT);
  }
}
