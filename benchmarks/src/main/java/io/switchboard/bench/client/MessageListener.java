package io.switchboard.bench.client;

import io.netty.buffer.ByteBuf;

/**
 * Receives the hub messages of a receive-only connection (Server-Sent Events, long polling), on the
 * client's single event loop: whole JSON messages only, perhaps with the transport's framing
 * between them (see {@link JsonMessageStream}).
 */
@FunctionalInterface
public interface MessageListener {
  /** One or more whole messages arrived; {@code messages} is released after the call. */
  void onMessages(ByteBuf messages);
}
