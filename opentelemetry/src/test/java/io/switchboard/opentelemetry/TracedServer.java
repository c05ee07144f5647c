package io.switchboard.opentelemetry;

import io.switchboard.hub.Hub;
import io.switchboard.transport.netty.SwitchboardServer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One server with one hub that a test class's tests share, traced into its own {@link
 * RecordedSpans}, as are the hubs' own spans ({@link TracedHub#application}). Register it as a
 * static {@code @RegisterExtension} field.
 */
final class TracedServer implements BeforeAllCallback, AfterAllCallback {
  private final String path;
  private final Class<? extends Hub> hub;
  private RecordedSpans spans;
  private SwitchboardServer server;

  TracedServer(String path, Class<? extends Hub> hub) {
    this.path = path;
    this.hub = hub;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    spans = new RecordedSpans();
    TracedHub.application = spans.tracer("application");
    server = spans.serverBuilder().hub(path, hub).start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
    spans.close();
  }

  RecordedSpans spans() {
    return spans;
  }

  int port() {
    return server.port();
  }
}
