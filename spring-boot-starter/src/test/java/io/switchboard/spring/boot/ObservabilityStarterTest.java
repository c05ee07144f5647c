package io.switchboard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.TransportEnum;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.switchboard.events.SwitchboardTracer;
import io.switchboard.micrometer.SwitchboardMeters;
import io.switchboard.opentelemetry.SwitchboardTracing;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The starter traces and meters its server with the application's OpenTelemetry and meter
 * registry beans: an official client invokes, and the span and the meters are there.
 */
class ObservabilityStarterTest {
  private static final long PATIENCE_SECONDS = StarterSession.PATIENCE_SECONDS;
  private static final String HUB = GreetingHub.class.getName();

  private ConfigurableApplicationContext context;

  @RegisterExtension final StarterSession session = new StarterSession();

  @Test
  void anInvocationIsASpanOfTheApplicationsOpenTelemetry() {
    context = session.run(TracedApplication.class);
    greet();

    InMemorySpanExporter exporter = context.getBean(InMemorySpanExporter.class);
    List<SpanData> spans = exporter.getFinishedSpanItems();
    SpanData invocation = only(spans, HUB + "/Greet");
    assertEquals(SpanKind.SERVER, invocation.getKind());
    assertEquals(SwitchboardTracing.INSTRUMENTATION_SCOPE, invocation.getInstrumentationScopeInfo().getName());
    assertEquals(SpanKind.INTERNAL, only(spans, HUB + "/OnConnectedAsync").getKind());
  }

  @Test
  void anApplicationsOwnTracerReplacesTheStartersOne() {
    context = session.run(OwnTracerApplication.class);

    assertSame(OwnTracerApplication.TRACER, context.getBean(SwitchboardTracer.class));
  }

  @Test
  void withoutAnOpenTelemetryBeanNothingIsTraced() {
    context = session.run(GreetingApplication.class);

    assertTrue(context.getBeansOfType(SwitchboardTracer.class).isEmpty());
  }

  @Test
  void anInvocationIsMeteredOnTheApplicationsMeterRegistry() {
    context = session.run(GreetingApplication.class);
    assertNotNull(context.getBean(SwitchboardMeters.class));
    greet();

    MeterRegistry registry = context.getBean(MeterRegistry.class);
    Timer invocations =
        registry.find("switchboard.invocations").tag("method", "Greet").tag("outcome", "success").timer();
    assertNotNull(invocations, () -> "meters: " + registry.getMeters());
    assertEquals(1, invocations.count());
    Gauge active =
        registry.find("signalr.server.active_connections").tag("signalr.transport", "web_sockets").gauge();
    assertNotNull(active, () -> "meters: " + registry.getMeters());
    assertEquals(1, active.value());
  }

  private void greet() {
    HubConnection connection = session.connect(TransportEnum.WEBSOCKETS);
    assertEquals(
        GreetingApplication.GREETING + ", Ada",
        connection.invoke(String.class, "Greet", "Ada").timeout(PATIENCE_SECONDS, TimeUnit.SECONDS).blockingGet());
  }

  private static SpanData only(List<SpanData> spans, String name) {
    List<SpanData> named = spans.stream().filter(span -> span.getName().equals(name)).toList();
    assertEquals(1, named.size(), () -> "spans named " + name + " in " + spans);
    return named.get(0);
  }

  /** The greeting application with an OpenTelemetry SDK of its own, exporting to memory. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(GreetingApplication.class)
  static class TracedApplication {
    @Bean
    InMemorySpanExporter spanExporter() {
      return InMemorySpanExporter.create();
    }

    @Bean(destroyMethod = "close")
    OpenTelemetrySdk openTelemetry(InMemorySpanExporter exporter) {
      return OpenTelemetrySdk.builder()
          .setTracerProvider(
              SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
          .build();
    }
  }

  /** The traced application with a tracer of its own. */
  @SpringBootConfiguration
  @EnableAutoConfiguration
  @Import(TracedApplication.class)
  static class OwnTracerApplication {
    static final SwitchboardTracer TRACER = new SwitchboardTracer() {};

    @Bean
    SwitchboardTracer ownTracer() {
      return TRACER;
    }
  }
}
