package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A WebSocket whose send fails is closed with 1011 (protocol §1.6); normal ends keep 1000. */
@Timeout(30)
class SendFailureTest {
  private final EchoHandler echo = new EchoHandler();
  private SwitchboardServer server;
  private Http http;

  /** Fails every outgoing write that contains {@code boom}, as a broken encoder would. */
  @Sharable
  private static final class FailingWrites extends ChannelOutboundHandlerAdapter {
    private static final byte[] BOOM = "boom".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
      if (msg instanceof ByteBuf buf && ByteBufUtil.indexOf(Unpooled.wrappedBuffer(BOOM), buf) >= 0) {
        ReferenceCountUtil.release(msg);
        promise.setFailure(new IllegalStateException("refused by the test"));
      } else {
        ctx.write(msg, promise);
      }
    }
  }

  @BeforeEach
  void start() {
    server =
        SwitchboardServer.builder()
            .host("127.0.0.1")
            .port(0)
            .endpoint("/echo", echo)
            .pipeline(pipeline -> pipeline.addFirst(new FailingWrites()))
            .start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aFailedSendClosesWith1011() throws Exception {
    WsClient client = http.webSocket("/echo");
    client.sendText("fine");
    assertEquals("fine", client.awaitText());
    client.sendText("boom");
    assertEquals(1011, Await.poll(client.closeCodes));
    assertTrue(echo.awaitClosed().isPresent(), "the connection failed");
  }

  @Test
  void aNormalCloseKeeps1000() throws Exception {
    WsClient client = http.webSocket("/echo");
    client.sendText("close");
    assertEquals("bye", client.awaitText());
    assertEquals(1000, Await.poll(client.closeCodes));
  }
}
