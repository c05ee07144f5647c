package io.switchboard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubException;
import com.microsoft.signalr.TransportEnum;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** Spring Boot applications on the starter, reached by the official Java client. */
class SwitchboardStarterTest {
  private static final long PATIENCE_SECONDS = StarterSession.PATIENCE_SECONDS;

  private ConfigurableApplicationContext context;
  private HubConnection connection;

  @RegisterExtension final StarterSession session = new StarterSession();

  @Test
  void theOfficialClientInvokesAHubWhoseConstructorReceivedABean() {
    context = session.run(GreetingApplication.class);
    connection = session.connect(TransportEnum.WEBSOCKETS);

    assertEquals(GreetingApplication.GREETING + ", Ada", invoke(String.class, "Greet", "Ada"));
    assertNotEquals(invoke(Integer.class, "Serial"), invoke(Integer.class, "Serial"));
  }

  @Test
  void theHubPathIsNotTakenForTheBeanName() {
    context = session.run(GreetingApplication.class);

    assertArrayEquals(
        new String[] {GreetingHub.class.getName()}, context.getBeanNamesForType(GreetingHub.class));
  }

  @Test
  void theHealthIndicatorReportsUpThenOutOfServiceWhileDraining() {
    context = session.run(GreetingApplication.class);
    HealthEndpoint actuator = context.getBean(HealthEndpoint.class);
    HealthIndicator health = context.getBean("switchboardHealthIndicator", HealthIndicator.class);

    assertEquals(Status.UP, actuator.healthForPath("switchboard").getStatus());
    context.getBean(SwitchboardLifecycle.class).server().startDraining();
    assertEquals(Status.OUT_OF_SERVICE, actuator.healthForPath("switchboard").getStatus());
    context.close();
    assertEquals(Status.DOWN, health.health().getStatus());
  }

  @Test
  void closingTheContextClosesTheClientsConnectionGracefully() throws Exception {
    context = session.run(GreetingApplication.class);
    connection = session.connect(TransportEnum.WEBSOCKETS);
    CompletableFuture<Optional<Exception>> closed = new CompletableFuture<>();
    connection.onClosed(error -> closed.complete(Optional.ofNullable(error)));
    SwitchboardLifecycle lifecycle = context.getBean(SwitchboardLifecycle.class);

    context.close();

    assertEquals(Optional.empty(), closed.get(PATIENCE_SECONDS, TimeUnit.SECONDS));
    assertFalse(lifecycle.isRunning());
  }

  @Test
  void theServerStartsAfterAndStopsBeforeSpringsWebServerPhase() {
    context = session.run(WebServerPhaseApplication.class);
    WebServerPhase webServer = context.getBean(WebServerPhase.class);

    context.close();

    assertEquals(
        List.of("start: switchboard stopped", "stop: switchboard stopped"), webServer.seen);
  }

  @Test
  void thePropertiesConfigureTheServer() throws Exception {
    context =
        session.run(
            GreetingApplication.class,
            "switchboard.detailed-errors=true",
            "switchboard.transports=long-polling",
            "switchboard.health-path=/healthz",
            "switchboard.trusted-proxies=127.0.0.1");
    String baseUrl = GreetingApplication.baseUrl(context);

    HttpResponse<String> health =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/healthz")).build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, health.statusCode());
    assertEquals("Healthy", health.body());
    HubConnection webSockets =
        HubConnectionBuilder.create(baseUrl + "/greet")
            .withTransport(TransportEnum.WEBSOCKETS)
            .build();
    RuntimeException refused =
        assertThrows(
            RuntimeException.class,
            () -> webSockets.start().timeout(PATIENCE_SECONDS, TimeUnit.SECONDS).blockingAwait());
    assertEquals("There were no compatible transports on the server.", refused.getMessage());
    connection = session.connect(TransportEnum.LONG_POLLING, "203.0.113.7");
    assertEquals("203.0.113.7", invoke(String.class, "RemoteAddress"));
    HubException error = assertThrows(HubException.class, () -> invoke(Void.class, "Fail"));
    assertTrue(
        error.getMessage().endsWith(": " + GreetingApplication.GREETING + ", failure"),
        error.getMessage());
  }

  @Test
  void aHubBeanThatIsNotAPrototypeFailsTheStartup() {
    RuntimeException error =
        assertThrows(
            RuntimeException.class, () -> GreetingApplication.run(SingletonHubApplication.class));

    assertTrue(
        GreetingApplication.rootCause(error).getMessage().contains("must be prototype-scoped"),
        error.toString());
  }

  @Test
  void aDrainDelayAsLongAsTheShutdownPhaseFailsTheStartup() {
    RuntimeException error =
        assertThrows(
            RuntimeException.class,
            () ->
                GreetingApplication.run(
                    GreetingApplication.class,
                    "switchboard.drain-delay=5s",
                    "spring.lifecycle.timeout-per-shutdown-phase=5s"));

    assertTrue(
        GreetingApplication.rootCause(error).getMessage().contains("must be shorter than"),
        error.toString());
  }

  /** A hub declared as a singleton {@code @Bean}, which cannot serve one invocation each. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class SingletonHubApplication {
    @Bean
    GreetingHub greetingHub() {
      return new GreetingHub(new Greeter("Hi"));
    }
  }

  /** The greeting application with a bean in the phase of Spring Boot's web server. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import({GreetingApplication.class, WebServerPhase.class})
  static class WebServerPhaseApplication {}

  /**
   * Records, at its start and stop, whether the Switchboard server runs. It looks the server up
   * then rather than depending on it, since Spring starts a bean's dependencies before it and stops
   * them after it, whatever their phases.
   */
  static class WebServerPhase implements SmartLifecycle {
    final List<String> seen = new CopyOnWriteArrayList<>();
    private final BeanFactory beans;
    private volatile boolean running;

    WebServerPhase(BeanFactory beans) {
      this.beans = beans;
    }

    @Override
    public void start() {
      seen.add("start: " + switchboardState());
      running = true;
    }

    @Override
    public void stop() {
      seen.add("stop: " + switchboardState());
      running = false;
    }

    private String switchboardState() {
      return beans.getBean(SwitchboardLifecycle.class).isRunning()
          ? "switchboard running"
          : "switchboard stopped";
    }

    @Override
    public boolean isRunning() {
      return running;
    }

    @Override
    public int getPhase() {
      return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
  }

  private <T> T invoke(Class<T> type, String method, Object... arguments) {
    if (type == Void.class) {
      connection
          .invoke(method, arguments)
          .timeout(PATIENCE_SECONDS, TimeUnit.SECONDS)
          .blockingAwait();
      return null;
    }
    return connection
        .invoke(type, method, arguments)
        .timeout(PATIENCE_SECONDS, TimeUnit.SECONDS)
        .blockingGet();
  }
}
