package io.switchboard.bench.client;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.ChannelPool;
import io.netty.channel.pool.SimpleChannelPool;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * POSTs over a pool of kept-alive HTTP/1.1 connections per server port. Browsers and the official
 * clients reuse connections so too (their HTTP stacks pool them per origin): a full connect then
 * costs the server one new TCP connection, the transport's, not a second one for negotiate.
 */
final class HttpPosts {
  private static final int MAX_RESPONSE = 64 * 1024;

  private final Bootstrap bootstrap;
  private final Map<Integer, ChannelPool> pools = new ConcurrentHashMap<>();

  HttpPosts(Bootstrap bootstrap) {
    this.bootstrap = bootstrap;
  }

  /** POSTs {@code body} to {@code uri} on 127.0.0.1:{@code port}. */
  CompletableFuture<HttpCall.Reply> post(int port, String uri, byte[] body) {
    ChannelPool pool = pools.computeIfAbsent(port, this::newPool);
    CompletableFuture<HttpCall.Reply> reply = new CompletableFuture<>();
    pool.acquire()
        .addListener(
            acquired -> {
              if (!acquired.isSuccess()) {
                reply.completeExceptionally(acquired.cause());
                return;
              }
              Channel channel = (Channel) acquired.getNow();
              // Released whatever happened: the pool drops a connection that is no longer active.
              reply.whenComplete((answer, error) -> pool.release(channel));
              channel.pipeline().get(HttpCall.class).post(uri, body, reply);
            });
    return reply;
  }

  private ChannelPool newPool(int port) {
    return new SimpleChannelPool(
        bootstrap.clone().remoteAddress(Target.HOST, port),
        new AbstractChannelPoolHandler() {
          @Override
          public void channelCreated(Channel channel) {
            channel
                .pipeline()
                .addLast(new HttpClientCodec(), new HttpObjectAggregator(MAX_RESPONSE), new HttpCall());
          }
        });
  }
}
