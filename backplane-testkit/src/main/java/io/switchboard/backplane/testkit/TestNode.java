package io.switchboard.backplane.testkit;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.ScaleOutHubLifetimeManager;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.hub.HubContext;
import io.switchboard.hub.HubEndpoint;
import io.switchboard.hub.HubOptions;
import io.switchboard.transport.netty.SwitchboardServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One hub server: a {@link SwitchboardServer} on a free port serving {@link TestHub} at {@code
 * /hub}, whose lifetime manager runs over its own backplane (closed with it). Clients name their
 * user with {@code ?user=}.
 */
public final class TestNode implements AutoCloseable {
  /** How long a test waits for anything that should happen; no test asserts on durations. */
  public static final Duration PATIENCE = Duration.ofSeconds(60);

  private final Backplane backplane;
  private final ScaleOutHubLifetimeManager manager;
  private final HubEndpoint<TestHub> endpoint;
  private final SwitchboardServer server;
  private final List<TestClient> clients = new ArrayList<>();

  /** Starts a server over {@code backplane}, and waits until the backplane is healthy. */
  public TestNode(Backplane backplane) {
    this(backplane, SwitchboardEvents.NONE);
  }

  /** A server over {@code backplane} whose hub reports its backplane traffic to {@code events}. */
  public TestNode(Backplane backplane, SwitchboardEvents events) {
    this.backplane = backplane;
    HubOptions hubOptions =
        HubOptions.builder()
            .backplaneEvents(events)
            .authenticator(
                request ->
                    Optional.ofNullable(request.queryParameter("user"))
                        .map(user -> new AuthenticatedUser(user, Map.of(), null)))
            .build();
    manager = backplane.lifetimeManager(TestHub.class, hubOptions);
    endpoint = HubEndpoint.create(TestHub.class, TestHub::new, hubOptions, manager);
    server =
        SwitchboardServer.builder()
            .port(0)
            .endpoint("/hub", endpoint, endpoint.endpointOptions())
            .start();
    awaitHealthy(true);
  }

  /** This server's backplane. */
  public Backplane backplane() {
    return backplane;
  }

  /** The hub's context, for server-side sends and group changes. */
  public HubContext context() {
    return endpoint.hubContext();
  }

  /** A started client of this server, optionally as a user. */
  public TestClient connect(String user) {
    String url = "http://127.0.0.1:" + server.port() + "/hub" + (user == null ? "" : "?user=" + user);
    TestClient client = TestClient.start(url);
    clients.add(client);
    return client;
  }

  /** A started anonymous client of this server. */
  public TestClient connect() {
    return connect(null);
  }

  /** Waits until this server's backplane's health is {@code healthy}. */
  public void awaitHealthy(boolean healthy) {
    awaitHealthy(backplane, healthy);
  }

  /** Waits until a backplane's health is {@code healthy}, told by its health listener. */
  public static void awaitHealthy(Backplane backplane, boolean healthy) {
    BlockingQueue<Boolean> changes = new LinkedBlockingQueue<>();
    backplane.addHealthListener(changes::add);
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (backplane.isHealthy() != healthy) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("The backplane did not become " + (healthy ? "healthy" : "unhealthy"));
      }
      try {
        changes.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    clients.forEach(TestClient::close);
    endpoint.shutdown();
    server.close();
    endpoint.close();
    manager.close();
    backplane.close();
  }
}
