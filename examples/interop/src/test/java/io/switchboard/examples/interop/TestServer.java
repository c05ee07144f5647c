package io.switchboard.examples.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The interop server the Java-client tests talk to: the shaded jar started as a child process with {@code --port 0}
 * (ready once it printed {@code Now listening on: <url>}), or a server that is already running when
 * {@code interop.url} / {@code INTEROP_URL} is set. The jar is {@code interop.jar} / {@code INTEROP_JAR}, by default
 * {@code target/switchboard-interop.jar}.
 */
public final class TestServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^Now listening on: (http://\\S+)\\s*$");
    private static final long STARTUP_TIMEOUT_SECONDS = 30;
    private static final long STOP_TIMEOUT_SECONDS = 10;
    private static final int LOG_LINES_KEPT = 200;

    private final Process process;
    private final Deque<String> log = new ArrayDeque<>();
    private volatile String url;

    private TestServer(String url, Process process) {
        this.url = url;
        this.process = process;
    }

    /** Starts the configured server (or attaches to the configured running one) and waits until it listens. */
    public static TestServer startConfigured() throws IOException, InterruptedException {
        String external = setting("interop.url", "INTEROP_URL");
        if (external != null) {
            return new TestServer(external.replaceAll("/+$", ""), null);
        }
        String jar = setting("interop.jar", "INTEROP_JAR");
        return start(Path.of(jar != null ? jar : "target/switchboard-interop.jar"));
    }

    private static String setting(String property, String environmentVariable) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(environmentVariable);
        }
        return value == null || value.isBlank() ? null : value;
    }

    private static TestServer start(Path jar) throws IOException, InterruptedException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("Server jar not found: " + jar.toAbsolutePath()
                    + " (build it with 'mvn -B package' first)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-jar", jar.toString(), "--port", "0")
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        CompletableFuture<String> listening = new CompletableFuture<>();
        TestServer server = new TestServer(null, process);
        Thread reader = new Thread(() -> server.readOutput(listening), "interop-server-output");
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(() -> listening.completeExceptionally(new IllegalStateException(
                "Server exited with code " + process.exitValue() + " before it was ready:\n" + server.log())));
        try {
            server.url = listening.get(STARTUP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return server;
        } catch (ExecutionException | TimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("Server did not start:\n" + server.log(), e);
        }
    }

    private void readOutput(CompletableFuture<String> listening) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                synchronized (log) {
                    log.addLast(line);
                    if (log.size() > LOG_LINES_KEPT) {
                        log.removeFirst();
                    }
                }
                Matcher matcher = LISTENING.matcher(line);
                if (matcher.matches()) {
                    listening.complete(matcher.group(1));
                }
            }
        } catch (IOException e) {
            listening.completeExceptionally(e);
        }
    }

    /** The base URL, e.g. {@code http://127.0.0.1:40123}, without a trailing slash. */
    public String url() {
        return url;
    }

    /** The last lines the server printed (standard output and error). */
    public String log() {
        synchronized (log) {
            return String.join("\n", log);
        }
    }

    /** Stops the server process with SIGTERM (forcibly after a grace period); does nothing for a running server. */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }
}
