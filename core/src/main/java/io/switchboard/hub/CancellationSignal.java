package io.switchboard.hub;

/**
 * Tells a streaming hub method that its stream was cancelled: by the client
 * ({@code CancelInvocation}) or because the connection ended. Declare a parameter of this type
 * and the dispatcher injects it; clients do not send it.
 */
public interface CancellationSignal {

  /** Whether the stream was cancelled. */
  boolean isCancelled();

  /**
   * Runs {@code action} once when the stream is cancelled, or at once if it already was. The
   * action runs on the thread that cancels and must not block.
   */
  void onCancel(Runnable action);
}
