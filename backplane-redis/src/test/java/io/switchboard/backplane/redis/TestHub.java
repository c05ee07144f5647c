package io.switchboard.backplane.redis;

import io.switchboard.hub.Hub;

/** The hub the test servers share: its methods only show that local invocations work. */
public class TestHub extends Hub {

  /** Returns its argument. */
  public String echo(String text) {
    return text;
  }
}
