package io.switchboard.spring.boot;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Adds the {@link SwitchboardHealthIndicator} (health contributor {@code switchboard}) when Spring
 * Boot's health support (the actuator) is on the classpath; {@code
 * management.health.switchboard.enabled=false} turns it off.
 */
@AutoConfiguration(after = SwitchboardAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(SwitchboardLifecycle.class)
@ConditionalOnEnabledHealthIndicator("switchboard")
public class SwitchboardHealthAutoConfiguration {

  /** The server's health. */
  @Bean
  @ConditionalOnMissingBean(name = "switchboardHealthIndicator")
  SwitchboardHealthIndicator switchboardHealthIndicator(SwitchboardLifecycle lifecycle) {
    return new SwitchboardHealthIndicator(lifecycle);
  }
}
