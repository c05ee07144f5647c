package io.switchboard.hub;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link CancellationSignal} of one server-to-client stream. */
final class StreamCancellation implements CancellationSignal {
  private static final Logger log = LoggerFactory.getLogger(StreamCancellation.class);
  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();

  @Override
  public boolean isCancelled() {
    return cancelled.get();
  }

  @Override
  public void onCancel(Runnable action) {
    actions.add(action);
    if (cancelled.get() && actions.remove(action)) {
      run(action);
    }
  }

  /**
   * Cancels the stream at once and runs the registered actions, once, on {@code executor}: they
   * are application code, which the receive loop that cancels must not run.
   */
  void cancel(Executor executor) {
    if (cancelled.compareAndSet(false, true)) {
      executor.execute(
          () -> {
            for (Runnable action : actions) {
              if (actions.remove(action)) {
                run(action);
              }
            }
          });
    }
  }

  private static void run(Runnable action) {
    try {
      action.run();
    } catch (RuntimeException e) {
      log.warn("A stream cancellation action failed", e);
    }
  }
}
