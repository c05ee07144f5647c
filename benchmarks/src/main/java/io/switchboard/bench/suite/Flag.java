package io.switchboard.bench.suite;

/** A volatile on/off switch that tells load loops on the event loop to stop. */
final class Flag {
  private volatile boolean on = true;

  boolean on() {
    return on;
  }

  void off() {
    on = false;
  }
}
