package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpServerCodec;
import io.switchboard.server.SwitchboardApplication;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Application HTTP routes on the same port as Switchboard endpoints. */
class AppRoutesTest {

  private static void assertBothServed(int port) throws Exception {
    Http http = new Http(port);
    java.net.http.HttpResponse<String> hello = http.send("GET", "/hello");
    assertEquals(200, hello.statusCode());
    assertEquals("hello", hello.body());
    WsClient client = http.webSocket("/echo?id=" + http.token("/echo"));
    client.sendText("ping");
    assertEquals("ping", client.awaitText());
    assertEquals(404, http.send("GET", "/missing").statusCode());
  }

  @Test
  void theServerBuilderAddsApplicationHandlers() throws Exception {
    try (SwitchboardServer server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/echo", new EchoHandler())
            .httpHandler(HelloHandler::new)
            .start()) {
      assertBothServed(server.port());
    }
  }

  @Test
  void theHandlerEmbedsInAnApplicationsOwnPipeline() throws Exception {
    SwitchboardApplication application =
        SwitchboardApplication.builder().endpoint("/echo", new EchoHandler()).build();
    SwitchboardHttpHandler switchboard = SwitchboardHttpHandler.builder(application).build();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(NioIoHandler.newFactory());
    try {
      Channel server =
          new ServerBootstrap()
              .group(group)
              .channel(NioServerSocketChannel.class)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                      channel
                          .pipeline()
                          .addLast(
                              new HttpServerCodec(),
                              new HttpObjectAggregator(1 << 16),
                              switchboard,
                              new HelloHandler(),
                              new NotFound());
                    }
                  })
              .bind("127.0.0.1", 0)
              .sync()
              .channel();
      assertBothServed(((InetSocketAddress) server.localAddress()).getPort());
      application.shutdown().get(Await.SECONDS, TimeUnit.SECONDS);
      server.close().sync();
    } finally {
      application.close();
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void aHandlerBeforeSwitchboardDecoratesItsResponses() throws Exception {
    try (SwitchboardServer server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/echo", new EchoHandler())
            .pipeline(
                pipeline ->
                    pipeline.addBefore(
                        SwitchboardChannelInitializer.SWITCHBOARD,
                        "negotiate-cookies",
                        new NegotiateCookies()))
            .start()) {
      java.net.http.HttpResponse<String> negotiated =
          new Http(server.port()).send("POST", "/echo/negotiate?negotiateVersion=1");
      assertEquals(200, negotiated.statusCode());
      assertEquals("testCookie=testValue", negotiated.headers().firstValue("set-cookie").orElseThrow());
    }
  }

  /** Sets a cookie on responses to negotiate requests, as the interop server does. */
  private static final class NegotiateCookies extends ChannelDuplexHandler {
    private boolean negotiate;

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      if (msg instanceof HttpRequest request) {
        negotiate = request.uri().contains("/negotiate");
      }
      ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (negotiate && msg instanceof HttpResponse response) {
        response.headers().add(HttpHeaderNames.SET_COOKIE, "testCookie=testValue");
      }
      ctx.write(msg, promise);
    }
  }

  /** The embedding application's own fallback. */
  private static final class NotFound extends io.netty.channel.ChannelInboundHandlerAdapter {
    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
      io.netty.util.ReferenceCountUtil.release(msg);
      io.netty.handler.codec.http.FullHttpResponse response =
          new io.netty.handler.codec.http.DefaultFullHttpResponse(
              io.netty.handler.codec.http.HttpVersion.HTTP_1_1,
              io.netty.handler.codec.http.HttpResponseStatus.NOT_FOUND);
      response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
      ctx.writeAndFlush(response);
    }
  }
}
