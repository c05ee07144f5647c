package io.switchboard.examples.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
 *
 * <p>The child runs Netty's paranoid leak detector with a periodic GC (so that leaked buffers are collected and
 * reported while the tests run); {@link #assertNoLeaks()} fails on any {@code LEAK:} line it printed.
 */
public final class TestServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("^Now listening on: (http://\\S+)\\s*$");
    private static final long STARTUP_TIMEOUT_SECONDS = 30;
    private static final long STOP_TIMEOUT_SECONDS = 10;
    private static final int LOG_LINES_KEPT = 200;
    private static final String LEAK = "LEAK:";
    /** A collection every second: leaked buffers get reported while the tests still run. */
    private static final List<String> LEAK_DETECTION = List.of(
            "-Dio.netty.leakDetection.level=paranoid", "-XX:+UseG1GC", "-XX:G1PeriodicGCInterval=1000");
    private static final long LAST_REPORT_WAIT_MILLIS = 1500;

    private final Process process;
    private final Deque<String> log = new ArrayDeque<>();
    private final List<String> leaks = new ArrayList<>();
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
        List<String> command = new ArrayList<>(List.of(java));
        command.addAll(LEAK_DETECTION);
        command.addAll(List.of("-jar", jar.toString(), "--port", "0"));
        Process process = new ProcessBuilder(command)
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
                    if (line.contains(LEAK)) {
                        leaks.add(line);
                    }
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

    /** Fails when the server reported a Netty buffer leak so far (with the log around it). */
    public void assertNoLeaks() {
        synchronized (log) {
            if (!leaks.isEmpty()) {
                throw new AssertionError("The interop server reported " + leaks.size() + " buffer leak(s): "
                        + leaks + "\n" + String.join("\n", log));
            }
        }
    }

    /**
     * Stops the server process with SIGTERM (forcibly after a grace period), after a last chance to report leaks (a
     * periodic collection, then one request, which makes the detector report what was collected); fails when it
     * reported any. Does nothing for a running server.
     */
    @Override
    public void close() throws InterruptedException {
        if (process == null) {
            return;
        }
        Thread.sleep(LAST_REPORT_WAIT_MILLIS);
        requestOnce();
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        assertNoLeaks();
    }

    private void requestOnce() {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url + "/").toURL().openConnection();
            connection.getResponseCode();
            connection.disconnect();
        } catch (IOException e) {
            // A server that cannot answer has nothing more to report; its log says why.
        }
    }
}
