package io.switchboard.transport.netty;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a server channel's pipeline around a {@link SwitchboardHttpHandler}:
 *
 * <pre>
 * REQUEST_START → HTTP_CODEC → HTTP_TIMEOUTS → HTTP_AGGREGATOR → SWITCHBOARD
 *     → (the customizer's handlers) → NOT_FOUND
 * </pre>
 *
 * The codec and the aggregator enforce the {@link NettyTransportOptions} request limits, the
 * timeout handlers its keep-alive, request-headers and body-rate timeouts, and a channel over
 * {@code maxConcurrentConnections} is closed before its pipeline is built. Requests the codec
 * failed on are answered by Switchboard (414, 431 or 400), so the application's handlers see only
 * whole ones.
 *
 * The customizer adds the application's own HTTP handlers: with {@code addLast} after Switchboard
 * (they receive {@link io.netty.handler.codec.http.FullHttpRequest}s for every path that is not an
 * endpoint), or with {@code addBefore(SWITCHBOARD, ...)} to see every request first (e.g. to
 * authenticate or to decorate negotiate responses). Requests nobody answers get an empty 404.
 * On an upgraded WebSocket, outbound handlers there see each message as a {@code WebSocketFrame},
 * except a broadcast's, which is written already framed, as a {@code ByteBuf} shared by its
 * recipients.
 */
public final class SwitchboardChannelInitializer extends ChannelInitializer<Channel> {
  private static final Logger LOG = LoggerFactory.getLogger(SwitchboardChannelInitializer.class);

  /** Name of the {@link HttpServerCodec}. */
  public static final String HTTP_CODEC = "switchboard-http-codec";

  /** Name of the handler before the codec that starts the request-headers timeout. */
  public static final String REQUEST_START = HttpTimeouts.REQUEST_START;

  /** Name of the handler after the codec that runs the keep-alive and request-headers timeouts. */
  public static final String HTTP_TIMEOUTS = HttpTimeouts.EXCHANGES;

  /** Name of the {@link HttpObjectAggregator}. */
  public static final String HTTP_AGGREGATOR = "switchboard-http-aggregator";

  /** Name of the {@link SwitchboardHttpHandler}. */
  public static final String SWITCHBOARD = "switchboard";

  /** Name of the final handler that answers 404. */
  public static final String NOT_FOUND = "switchboard-not-found";

  private final SwitchboardHttpHandler switchboard;
  private final Consumer<ChannelPipeline> customizer;

  /** A pipeline with Switchboard only. */
  public SwitchboardChannelInitializer(SwitchboardHttpHandler switchboard) {
    this(switchboard, pipeline -> {});
  }

  /** A pipeline with Switchboard and the application's handlers added by {@code customizer}. */
  public SwitchboardChannelInitializer(
      SwitchboardHttpHandler switchboard, Consumer<ChannelPipeline> customizer) {
    this.switchboard = Objects.requireNonNull(switchboard);
    this.customizer = Objects.requireNonNull(customizer);
  }

  @Override
  protected void initChannel(Channel channel) {
    if (!switchboard.connectionLimits().tryOpen(channel)) {
      LOG.warn(
          "Connection from {} refused: {} connections open",
          channel.remoteAddress(),
          switchboard.transportOptions().maxConcurrentConnections());
      channel.close();
      return;
    }
    NettyTransportOptions options = switchboard.transportOptions();
    ChannelPipeline pipeline = channel.pipeline();
    pipeline.addLast(
        HTTP_CODEC,
        new HttpServerCodec(
            new HttpDecoderConfig()
                .setMaxInitialLineLength(options.maxRequestLineSize())
                .setMaxHeaderSize(options.maxRequestHeadersSize())));
    HttpTimeouts.install(pipeline, HTTP_CODEC, options);
    pipeline.addLast(HTTP_AGGREGATOR, new RequestAggregator(switchboard));
    pipeline.addLast(SWITCHBOARD, switchboard);
    customizer.accept(pipeline);
    pipeline.addLast(NOT_FOUND, NotFoundHandler.INSTANCE);
  }
}
