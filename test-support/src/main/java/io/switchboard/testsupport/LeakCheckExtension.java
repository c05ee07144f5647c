package io.switchboard.testsupport;

import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test class when Netty reported a buffer leak while it ran (or before, since the last
 * check). Registered for every test class of the modules that depend on this artifact, by JUnit's
 * extension auto-detection (switched on in the root pom's Surefire and Failsafe configuration).
 */
public final class LeakCheckExtension implements BeforeAllCallback, AfterAllCallback {

  @Override
  public void beforeAll(ExtensionContext context) {
    NettyLeaks.install();
  }

  @Override
  public void afterAll(ExtensionContext context) throws InterruptedException {
    NettyLeaks.collect();
    List<String> leaks = NettyLeaks.drain();
    if (!leaks.isEmpty()) {
      throw new AssertionError(
          leaks.size() + " Netty buffer leak(s) reported during or before "
              + context.getDisplayName() + ":\n" + String.join("\n", leaks));
    }
  }
}
