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
 * and cannot compile against an internal package; one that requires {@code
 * io.switchboard.livetrace} serves the live trace page (a resource of that module) and its feed
 * (records Jackson writes by reflection).
 */
class ModuleBoundaryTest {
  private static final String NETTY = "io.switchboard.transport.netty";
  private static final String MODULE =
      "module consumer {\n"
          + "  requires io.switchboard.transport.netty;\n"
          + "  requires java.net.http;\n"
          // Switchboard creates the hub and calls its methods by reflection (HubEndpoint, HubMethod).
          + "  opens consumer to io.switchboard.core;\n"
          + "}\n";

  /** The hub both programs serve, nested in their {@code Main}. */
  private static final String ECHO_HUB =
      "  public static final class EchoHub extends Hub {\n"
          + "    public String echo(String text) { return text; }\n"
          + "  }";

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
          ECHO_HUB,
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

  private static final String LIVE_TRACE_MODULE =
      "module consumer {\n"
          + "  requires io.switchboard.livetrace;\n"
          + "  requires java.net.http;\n"
          + "  opens consumer to io.switchboard.core;\n"
          + "}\n";

  private static final String LIVE_TRACE_SERVER =
      String.join(
          "\n",
          "package consumer;",
          "",
          "import io.switchboard.auth.AuthenticatedUser;",
          "import io.switchboard.hub.Hub;",
          "import io.switchboard.livetrace.LiveTrace;",
          "import io.switchboard.transport.netty.SwitchboardServer;",
          "import java.net.URI;",
          "import java.net.http.HttpClient;",
          "import java.net.http.HttpRequest;",
          "import java.net.http.HttpResponse;",
          "import java.net.http.WebSocket;",
          "import java.util.Map;",
          "import java.util.Optional;",
          "import java.util.concurrent.BlockingQueue;",
          "import java.util.concurrent.LinkedBlockingQueue;",
          "import java.util.concurrent.TimeUnit;",
          "import java.util.stream.Stream;",
          "",
          "public final class Main {",
          ECHO_HUB,
          "",
          "  public static void main(String[] args) throws Exception {",
          "    AuthenticatedUser operator = new AuthenticatedUser(\"operator\", Map.of(), null);",
          "    LiveTrace trace = LiveTrace.builder(request -> Optional.of(operator)).build();",
          "    SwitchboardServer.Builder builder =",
          "        SwitchboardServer.builder().host(\"127.0.0.1\").port(0).hub(\"/echo\", EchoHub.class);",
          "    trace.register(builder);",
          "    try (SwitchboardServer server = builder.start()) {",
          "      String base = \"127.0.0.1:\" + server.port();",
          "      HttpClient http = HttpClient.newHttpClient();",
          "      HttpResponse<String> page = http.send(",
          "          HttpRequest.newBuilder(URI.create(\"http://\" + base + \"/live-trace\")).build(),",
          "          HttpResponse.BodyHandlers.ofString());",
          "      System.out.println(\"page \" + page.statusCode() + \" \" + page.body().contains(\"<title>\"));",
          "      HttpResponse<Stream<String>> feed = http.send(",
          "          HttpRequest.newBuilder(URI.create(\"http://\" + base + \"/live-trace/events\")).build(),",
          "          HttpResponse.BodyHandlers.ofLines());",
          "      BlockingQueue<String> events = new LinkedBlockingQueue<>();",
          "      Thread reader = new Thread(() -> feed.body().filter(l -> l.startsWith(\"data: \")).forEach(events::add));",
          "      reader.setDaemon(true);",
          "      reader.start();",
          "      // The feed's viewer is registered just after its head is sent: connect until one is seen.",
          "      for (int attempt = 0; attempt < 30; attempt++) {",
          "        WebSocket socket = http.newWebSocketBuilder()",
          "            .buildAsync(URI.create(\"ws://\" + base + \"/echo\"), new WebSocket.Listener() {})",
          "            .get(30, TimeUnit.SECONDS);",
          "        socket.sendText(\"{\\\"protocol\\\":\\\"json\\\",\\\"version\\\":1}\\u001e\", true).get(30, TimeUnit.SECONDS);",
          "        String event = events.poll(1, TimeUnit.SECONDS);",
          "        socket.abort(); // the server's stop need not wait for it",
          "        if (event != null) {",
          "          System.out.println(event);",
          "          return;",
          "        }",
          "      }",
          "    }",
          "  }",
          "}",
          "");

  @TempDir Path dir;

  @Test
  void anApplicationModuleUsingTheApiCompilesAndServesAHubOnTheModulePath() throws Exception {
    String output = run(MODULE, ECHO_SERVER, NETTY);
    assertTrue(
        output.contains("{\"type\":3,\"invocationId\":\"1\",\"result\":\"hi\"}"),
        "the hub's completion, in:\n" + output);
  }

  @Test
  void theLiveTraceServesItsPageAndFeedOnTheModulePath() throws Exception {
    String output = run(LIVE_TRACE_MODULE, LIVE_TRACE_SERVER, "io.switchboard.livetrace");
    assertTrue(output.contains("page 200 true"), "the page, in:\n" + output);
    assertTrue(
        output.contains("\"type\":\"connected\",\"hub\":\"EchoHub\""), "a connected event, in:\n" + output);
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
            MODULE,
            "package consumer;\n\n"
                + "import "
                + internalClass
                + ";\n\npublic final class Main {\n  static final Class<?> TYPE = "
                + internalClass.substring(pkg.length() + 1)
                + ".class;\n}\n",
            NETTY);

    assertFalse(compilation.succeeded(), internalClass + " compiled from outside Switchboard");
    assertTrue(
        compilation.diagnostics().contains("package " + pkg + " is not visible"),
        compilation.diagnostics());
  }

  /** Compiles the module {@code consumer} against {@code root} and the modules it requires. */
  private Compilation compile(String module, String main, String root) throws IOException {
    Path sources = Files.createDirectories(dir.resolve("src/consumer"));
    Files.writeString(dir.resolve("src/module-info.java"), module);
    Files.writeString(sources.resolve("Main.java"), main);
    Path output = Files.createDirectories(dir.resolve("out"));
    return Compilation.run(
        List.of(dir.resolve("src/module-info.java"), sources.resolve("Main.java")),
        output,
        modulePath(root));
  }

  /** Compiles and runs {@code consumer/consumer.Main} on the module path; its output. */
  private String run(String module, String main, String root) throws Exception {
    Compilation compilation = compile(module, main, root);
    assertTrue(compilation.succeeded(), compilation.diagnostics());
    Process process =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                compilation.output() + File.pathSeparator + modulePath(root),
                "--module",
                "consumer/consumer.Main")
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    // Only a guard against a hang: the child answers in seconds or fails on its own.
    assertTrue(process.waitFor(2, TimeUnit.MINUTES), output);
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  private static String modulePath(String root) {
    return PublishedModules.modulePath(root).stream()
        .map(Path::toString)
        .collect(Collectors.joining(File.pathSeparator));
  }
}
