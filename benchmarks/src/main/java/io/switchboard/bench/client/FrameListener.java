package io.switchboard.bench.client;

import io.netty.buffer.ByteBuf;

/**
 * Receives the data frames of ready connections, on the client's single event loop (so listeners
 * need no locks). Writes made with {@link BenchConnection#write} are flushed after the read batch.
 */
@FunctionalInterface
public interface FrameListener {
  /** Ignores every frame. */
  FrameListener NONE = (connection, content) -> {};

  /** A Text or Binary frame arrived; {@code content} is released after the call. */
  void onFrame(BenchConnection connection, ByteBuf content);
}
