package io.switchboard.spring.boot;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.switchboard.backplane.Backplane;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.events.SwitchboardTracer;
import io.switchboard.micrometer.SwitchboardMeters;
import io.switchboard.opentelemetry.SwitchboardTracing;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Traces and meters the auto-configured server with the application's own observability beans,
 * each when its Switchboard module is on the classpath: a {@link SwitchboardTracing} from its
 * {@link OpenTelemetry} bean ({@code switchboard-opentelemetry}), and {@link SwitchboardMeters}
 * on its {@link MeterRegistry} bean ({@code switchboard-micrometer}), bound to the {@link
 * Backplane} bean if there is one. A {@link SwitchboardTracer} or {@link SwitchboardMeters} bean of
 * the application's replaces each; the server takes the one {@link SwitchboardTracer} bean and
 * every {@link SwitchboardEvents} bean.
 */
@AutoConfiguration(
    before = SwitchboardAutoConfiguration.class,
    // Where Spring Boot creates the beans this one builds on (when the application has them).
    afterName = {
      "org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnProperty(
    prefix = "switchboard",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
public class SwitchboardObservabilityAutoConfiguration {

  /** Spans of hub invocations and events, on the application's OpenTelemetry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({SwitchboardTracing.class, OpenTelemetry.class})
  static class TracingConfiguration {

    @Bean
    @ConditionalOnBean(OpenTelemetry.class)
    @ConditionalOnMissingBean(SwitchboardTracer.class)
    SwitchboardTracing switchboardTracing(OpenTelemetry openTelemetry) {
      return SwitchboardTracing.create(openTelemetry);
    }
  }

  /** Switchboard's meters, on the application's meter registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({SwitchboardMeters.class, MeterRegistry.class})
  static class MetersConfiguration {

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean(SwitchboardMeters.class)
    SwitchboardMeters switchboardMeters(MeterRegistry registry, ObjectProvider<Backplane> backplane) {
      SwitchboardMeters meters = new SwitchboardMeters(registry);
      backplane.ifAvailable(meters::bindBackplane);
      return meters;
    }
  }
}
