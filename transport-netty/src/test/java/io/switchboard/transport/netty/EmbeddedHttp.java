package io.switchboard.transport.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One client connection to Switchboard's whole pipeline on an {@link EmbeddedChannel}: raw
 * request bytes in, raw response bytes out (read as ISO-8859-1 text, byte for char).
 */
final class EmbeddedHttp implements AutoCloseable {
  private static final Pattern TOKEN = Pattern.compile("\"connectionToken\":\"([^\"]+)\"");

  final EmbeddedChannel channel;

  EmbeddedHttp(SwitchboardHttpHandler switchboard) {
    channel = new EmbeddedChannel(new SwitchboardChannelInitializer(switchboard));
  }

  /** Writes {@code bytes} as one read. */
  void send(byte[] bytes) {
    channel.writeInbound(Unpooled.wrappedBuffer(bytes));
  }

  /** Writes {@code text} (ISO-8859-1) as one read. */
  void send(String text) {
    send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** Runs the queued tasks and returns everything written since the last call. */
  String written() {
    channel.runPendingTasks();
    StringBuilder text = new StringBuilder();
    for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
      ByteBuf bytes = (ByteBuf) out;
      text.append(bytes.toString(StandardCharsets.ISO_8859_1));
      bytes.release();
    }
    return text.toString();
  }

  /** Negotiates version 1 on {@code path} and returns the connection token. */
  String token(String path) {
    send("POST " + path + "/negotiate?negotiateVersion=1 HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\n\r\n");
    Matcher token = TOKEN.matcher(written());
    if (!token.find()) {
      throw new AssertionError("no token negotiated");
    }
    return token.group(1);
  }

  /** A request without a body. */
  static String request(String method, String pathAndQuery, String... headerLines) {
    return method
        + " "
        + pathAndQuery
        + " HTTP/1.1\r\nHost: x\r\n"
        + String.join("", java.util.Arrays.stream(headerLines).map(h -> h + "\r\n").toList())
        + (method.equals("GET") ? "" : "Content-Length: 0\r\n")
        + "\r\n";
  }

  /** A POST carrying {@code body}. */
  static String post(String pathAndQuery, String body) {
    return "POST " + pathAndQuery + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
  }

  /** Closes the channel and releases whatever it still holds, which must be nothing. */
  @Override
  public void close() {
    if (channel.finishAndReleaseAll()) {
      throw new AssertionError("messages were left unread in the channel");
    }
  }
}
