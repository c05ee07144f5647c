package io.switchboard.bench.client;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;

/** A ready load-generator connection of any transport, as far as opening and closing them in bulk goes. */
public interface LoadConnection {
  /** The channel that carries the connection's messages to the client. */
  Channel channel();

  /** Starts closing the connection; any thread. The future completes once the channel is closed. */
  ChannelFuture close();
}
