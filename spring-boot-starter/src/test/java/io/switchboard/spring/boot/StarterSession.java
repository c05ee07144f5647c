package io.switchboard.spring.boot;

import com.microsoft.signalr.HttpHubConnectionBuilder;
import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.TransportEnum;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One test's application on the starter and the official client's connection to its greeting
 * hub, both ended after the test. Register it as a {@code @RegisterExtension} field.
 */
final class StarterSession implements AfterEachCallback {
  static final long PATIENCE_SECONDS = 30;

  private ConfigurableApplicationContext context;
  private HubConnection connection;

  /** Runs {@code application} as {@link GreetingApplication#run} does. */
  ConfigurableApplicationContext run(Class<?> application, String... properties) {
    context = GreetingApplication.run(application, properties);
    return context;
  }

  /** A started client of the application's greeting hub. */
  HubConnection connect(TransportEnum transport) {
    return connect(transport, null);
  }

  /** A started client, which says it forwards for {@code forwardedFor} unless that is null. */
  HubConnection connect(TransportEnum transport, String forwardedFor) {
    HttpHubConnectionBuilder builder =
        HubConnectionBuilder.create(GreetingApplication.baseUrl(context) + "/greet")
            .withTransport(transport);
    if (forwardedFor != null) {
      builder.withHeader("X-Forwarded-For", forwardedFor);
    }
    connection = builder.build();
    connection.start().timeout(PATIENCE_SECONDS, TimeUnit.SECONDS).blockingAwait();
    return connection;
  }

  @Override
  public void afterEach(ExtensionContext extension) {
    if (connection != null && connection.getConnectionState() != HubConnectionState.DISCONNECTED) {
      connection.stop().timeout(PATIENCE_SECONDS, TimeUnit.SECONDS).blockingAwait();
    }
    if (context != null) {
      context.close();
    }
  }
}
