package io.switchboard.transport.netty;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCounted;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Serves a request once work off the event loop (an authentication that may block) is done: the
 * request is retained until then and released after, whatever happens, and its channel reads
 * nothing more meanwhile, so that later requests on it wait their turn.
 */
final class HeldRequests {
  private HeldRequests() {}

  /**
   * Runs {@code serve} on the channel's event loop once {@code work} completes, unless the
   * channel closed meanwhile.
   */
  static void serveAfter(
      ChannelHandlerContext ctx, ReferenceCounted request, CompletableFuture<?> work, Runnable serve) {
    request.retain();
    ChannelConfig config = ctx.channel().config();
    boolean autoRead = config.isAutoRead();
    config.setAutoRead(false);
    work.whenComplete(
        (ignored, error) -> {
          try {
            ctx.executor().execute(() -> resume(ctx, request, autoRead, serve));
          } catch (RejectedExecutionException e) {
            request.release(); // the event loop is shutting down with its channels
          }
        });
  }

  private static void resume(
      ChannelHandlerContext ctx, ReferenceCounted request, boolean autoRead, Runnable serve) {
    try {
      ctx.channel().config().setAutoRead(autoRead);
      if (ctx.channel().isActive()) {
        serve.run();
      }
    } finally {
      request.release();
    }
  }
}
