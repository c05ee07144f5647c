package io.switchboard.spring.boot;

import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.redis.RedisBackplane;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.events.SwitchboardTracer;
import io.switchboard.transport.netty.SwitchboardServer;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configures a {@link SwitchboardServer} from the {@code switchboard.*} properties ({@link
 * SwitchboardProperties}), mounting every {@link SwitchboardHub} bean, scaled out over a {@link
 * Backplane} bean if there is one (a Redis one from {@code switchboard.redis.url}), traced by the
 * {@link SwitchboardTracer} bean and heard by every {@link SwitchboardEvents} bean (see {@link
 * SwitchboardObservabilityAutoConfiguration}), and run by a {@link SwitchboardLifecycle}. {@code
 * switchboard.enabled=false} turns it off.
 */
@AutoConfiguration
@ConditionalOnClass(SwitchboardServer.class)
@ConditionalOnProperty(
    prefix = "switchboard",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(SwitchboardProperties.class)
public class SwitchboardAutoConfiguration {
  /** Spring Boot's default of {@code spring.lifecycle.timeout-per-shutdown-phase}. */
  private static final Duration DEFAULT_PHASE_TIMEOUT = Duration.ofSeconds(30);

  /** The server, started when the context is refreshed and stopped when it closes. */
  @Bean
  @ConditionalOnMissingBean
  SwitchboardLifecycle switchboardLifecycle(
      SwitchboardProperties properties,
      ConfigurableListableBeanFactory beans,
      ObjectProvider<Backplane> backplane,
      ObjectProvider<SwitchboardTracer> tracer,
      ObjectProvider<SwitchboardEvents> events,
      ObjectProvider<SwitchboardServerCustomizer> customizers,
      Environment environment) {
    SwitchboardServer.Builder builder =
        SwitchboardServer.builder().host(properties.host()).port(properties.port());
    if (properties.keepAliveInterval() != null) {
      builder.keepAliveInterval(properties.keepAliveInterval());
    }
    if (properties.longPollTimeout() != null) {
      builder.longPollTimeout(properties.longPollTimeout());
    }
    if (properties.healthPath() != null) {
      builder.health(properties.healthPath());
    }
    if (!properties.trustedProxies().isEmpty()) {
      builder.trustForwardedHeaders(properties.trustedProxies()::contains);
    }
    Backplane scaleOut = backplane.getIfAvailable();
    if (scaleOut != null) {
      builder.backplane(scaleOut);
    } else if (properties.redis().url() != null) {
      throw new IllegalStateException(
          "switchboard.redis.url is set, but io.switchboard:switchboard-backplane-redis is not on"
              + " the classpath");
    }
    tracer.ifAvailable(builder::tracer);
    events.orderedStream().forEach(builder::events);
    HubBeans.mount(beans, builder, properties);
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    Duration phaseTimeout =
        environment.getProperty(
            "spring.lifecycle.timeout-per-shutdown-phase", Duration.class, DEFAULT_PHASE_TIMEOUT);
    return new SwitchboardLifecycle(builder, properties.drainDelay(), phaseTimeout);
  }

  /** The Redis backplane, when {@code switchboard.redis.url} is set and the module is present. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(RedisBackplane.class)
  @ConditionalOnProperty(prefix = "switchboard.redis", name = "url")
  static class RedisBackplaneConfiguration {

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(Backplane.class)
    RedisBackplane switchboardRedisBackplane(SwitchboardProperties properties) {
      return RedisBackplane.create(properties.redis().url());
    }
  }
}
