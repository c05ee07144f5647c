package io.switchboard.backplane.testkit;

import io.switchboard.hub.Hub;

/** The hub the test servers share: its method only shows that local invocations work. */
public class TestHub extends Hub {

  /** Returns its argument. */
  public String echo(String text) {
    return text;
  }
}
