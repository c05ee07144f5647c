package io.switchboard.apicheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The line the module system draws: an application module that requires
 * {@code io.switchboard.transport.netty} compiles against the API, serves a hub on the module path,
 * and cannot compile against an internal package.
 */
class ModuleBoundaryTest {
  private static final String MODULE =
      "module consumer {\n"
          + "  requires io.switchboard.transport.netty;\n"
          + "  requires java.net.http;\n"
          // Switchboard creates the hub and calls its methods by reflection (HubEndpoint, HubMethod).
          + "  opens consumer to io.switchboard.core;\n"
          + "}\n";

  private static final String ECHO_SERVER =
      String.join(
          "\n",
          "package consumer;",
          "",
          "import io.switchboard.hub.Hub;",
          "import io.switchboard.transport.netty.SwitchboardServer;",
          "import java.net.URI;",
          "import java.net.http.HttpClient;",
          "import java.net.http.WebSocket;",
          "import java.util.concurrent.CompletableFuture;",
          "import java.util.concurrent.CompletionStage;",
          "import java.util.concurrent.TimeUnit;",
          "",
          "public final class Main {",
          "  public static final class EchoHub extends Hub {",
          "    public String echo(String text) { return text; }",
          "  }",
          "",
          "  public static void main(String[] args) throws Exception {",
          "    try (SwitchboardServer server =",
          "        SwitchboardServer.builder().host(\"127.0.0.1\").port(0).hub(\"/echo\", EchoHub.class).start()) {",
          "      CompletableFuture<String> completion = new CompletableFuture<>();",
          "      StringBuilder received = new StringBuilder();",
          "      WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()",
          "          .buildAsync(URI.create(\"ws://127.0.0.1:\" + server.port() + \"/echo\"), new WebSocket.Listener() {",
          "            @Override",
          "            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {",
          "              received.append(data);",
          "              if (received.indexOf(\"\\\"type\\\":3\") >= 0) {",
          "                completion.complete(received.toString());",
          "              }",
          "              ws.request(1);",
          "              return null;",
          "            }",
          "          }).get(30, TimeUnit.SECONDS);",
          "      socket.sendText(\"{\\\"protocol\\\":\\\"json\\\",\\\"version\\\":1}\\u001e\", true).get(30, TimeUnit.SECONDS);",
          "      socket.sendText(\"{\\\"type\\\":1,\\\"invocationId\\\":\\\"1\\\",\\\"target\\\":\\\"echo\\\",\\\"arguments\\\":[\\\"hi\\\"]}\\u001e\", true)",
          "          .get(30, TimeUnit.SECONDS);",
          "      System.out.println(completion.get(30, TimeUnit.SECONDS));",
          "    }",
          "  }",
          "}",
          "");

  @TempDir Path dir;

  @Test
  void anApplicationModuleUsingTheApiCompilesAndServesAHubOnTheModulePath() throws Exception {
    Compilation compilation = compile(ECHO_SERVER);
    assertTrue(compilation.succeeded(), compilation.diagnostics());

    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                compilation.output() + File.pathSeparator + modulePath(),
                "--module",
                "consumer/consumer.Main")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // Only a guard against a hang: the child answers in seconds or fails on its own.
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
    assertEquals(0, process.exitValue(), output);
    assertTrue(
        output.contains("{\"type\":3,\"invocationId\":\"1\",\"result\":\"hi\"}"),
        "the hub's completion, in:\n" + output);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        // exported only to io.switchboard.transport.netty
        "io.switchboard.connection.internal.WriteBatch",
        // exported only to the Redis and SQL backplanes
        "io.switchboard.backplane.internal.ChannelDispatcher",
        // not exported at all
        "io.switchboard.protocol.internal.HandshakeProtocol"
      })
  void anInternalPackageIsNotVisibleToAnApplicationModule(String internalClass) throws Exception {
    String pkg = internalClass.substring(0, internalClass.lastIndexOf('.'));
    Compilation compilation =
        compile(
            "package consumer;\n\n"
                + "import "
                + internalClass
                + ";\n\npublic final class Main {\n  static final Class<?> TYPE = "
                + internalClass.substring(pkg.length() + 1)
                + ".class;\n}\n");

    assertFalse(compilation.succeeded(), internalClass + " compiled from outside Switchboard");
    assertTrue(
        compilation.diagnostics().contains("package " + pkg + " is not visible"),
        compilation.diagnostics());
  }

  private Compilation compile(String main) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/consumer"));
    Files.writeString(dir.resolve("src/module-info.java"), MODULE);
    Files.writeString(sources.resolve("Main.java"), main);
    Path output = Files.createDirectories(dir.resolve("out"));
    return Compilation.run(
        List.of(dir.resolve("src/module-info.java"), sources.resolve("Main.java")),
        output,
        modulePath());
  }

  private static String modulePath() {
    return PublishedModules.modulePath("io.switchboard.transport.netty").stream()
        .map(Path::toString)
        .collect(Collectors.joining(File.pathSeparator));
  }
}
