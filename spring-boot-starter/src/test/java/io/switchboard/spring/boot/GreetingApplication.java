package io.switchboard.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/** A Spring Boot application with one hub bean and the bean it injects. */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(GreetingHub.class)
public class GreetingApplication {
  static final String GREETING = "Hello from a Spring bean";

  @Bean
  Greeter greeter() {
    return new Greeter(GREETING);
  }

  /** Runs the application (no web server of Spring's) on a free port, with more properties. */
  static ConfigurableApplicationContext run(Class<?> application, String... properties) {
    return new SpringApplicationBuilder(application)
        .web(WebApplicationType.NONE)
        .properties("switchboard.port=0")
        .properties(properties)
        .run();
  }

  /** The base URL of the application's server. */
  static String baseUrl(ConfigurableApplicationContext context) {
    return "http://127.0.0.1:" + context.getBean(SwitchboardLifecycle.class).server().port();
  }

  /** The innermost cause of a failed startup. */
  static Throwable rootCause(Throwable error) {
    Throwable cause = error;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }
}
