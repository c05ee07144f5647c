package io.switchboard.backplane;

/** Told when a {@link Backplane} becomes unhealthy (unreachable) or healthy again. */
@FunctionalInterface
public interface BackplaneHealthListener {

  /** The backplane's health changed to {@code healthy}. */
  void healthChanged(boolean healthy);
}
