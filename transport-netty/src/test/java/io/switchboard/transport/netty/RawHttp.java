package io.switchboard.transport.netty;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;

/**
 * A plain-socket HTTP/1.1 client for requests the JDK client will not send (WebSocket upgrades
 * whose rejection bodies are asserted, clients that stop reading).
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;

  /** A parsed response; the body of a chunked one is left unread. */
  record Response(int status, Map<String, String> headers, String body, String version) {}

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout((int) (Await.SECONDS * 1000));
  }

  /** Sends a WebSocket upgrade for {@code pathAndQuery} and reads the response head and body. */
  Response upgrade(String pathAndQuery) throws IOException {
    return upgrade(pathAndQuery, "");
  }

  /** The same with more header lines, each ending in CRLF. */
  Response upgrade(String pathAndQuery, String headerLines) throws IOException {
    send(upgradeRequest(pathAndQuery, headerLines));
    return read();
  }

  /** A WebSocket upgrade request for {@code pathAndQuery}. */
  static String upgradeRequest(String pathAndQuery) {
    return upgradeRequest(pathAndQuery, "");
  }

  /** The same with more header lines, each ending in CRLF. */
  static String upgradeRequest(String pathAndQuery, String headerLines) {
    return "GET "
        + pathAndQuery
        + " HTTP/1.1\r\n"
        + "Host: 127.0.0.1\r\n"
        + "Upgrade: websocket\r\n"
        + "Connection: Upgrade\r\n"
        + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + headerLines
        + "\r\n";
  }

  /** Writes a masked client text frame. */
  void sendMaskedText(String text) throws IOException {
    send(maskedText(text));
  }

  /** A masked client text frame carrying {@code text} (short payloads only). */
  static byte[] maskedText(String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    frame.write(0x81);
    frame.write(0x80 | payload.length);
    byte[] mask = {1, 2, 3, 4};
    frame.writeBytes(mask);
    for (int i = 0; i < payload.length; i++) {
      frame.write(payload[i] ^ mask[i % 4]);
    }
    return frame.toByteArray();
  }

  /** Writes {@code bytes} in one write. */
  void send(byte[] bytes) throws IOException {
    socket.getOutputStream().write(bytes);
    socket.getOutputStream().flush();
  }

  /** Writes {@code text} (US-ASCII) in one write. */
  void send(String text) throws IOException {
    send(text.getBytes(StandardCharsets.US_ASCII));
  }

  /** Reads one response head and its {@code Content-Length} body (none if chunked). */
  Response read() throws IOException {
    return readResponseHead(readHead(socket.getInputStream()));
  }

  /** Reads one unmasked server text frame with a short payload. */
  String readText() throws IOException {
    InputStream in = socket.getInputStream();
    int opcode = in.read();
    int length = in.read();
    if (opcode != 0x81 || length > 125) {
      throw new IOException("not a short text frame: " + opcode + ", " + length);
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  /** Reads the next byte from the server: -1 at the end of the stream. */
  int readByte() throws IOException {
    return socket.getInputStream().read();
  }

  /** Reads and drops {@code count} bytes from the server, or throws at the end of the stream. */
  void skip(long count) throws IOException {
    InputStream in = socket.getInputStream();
    byte[] buffer = new byte[64 << 10];
    for (long left = count; left > 0; ) {
      int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
      if (read < 0) {
        throw new IOException("closed with " + left + " bytes to go");
      }
      left -= read;
    }
  }

  /** Reads up to and including {@code end}, or throws at the end of the stream. */
  String readUntil(String end) throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream read = new ByteArrayOutputStream();
    while (!read.toString(StandardCharsets.US_ASCII).endsWith(end)) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("closed before " + end + " after " + read);
      }
      read.write(b);
    }
    return read.toString(StandardCharsets.UTF_8);
  }

  /**
   * Whether the server closed the connection: reads (and drops) until the end of the stream or a
   * reset; false if the read timed out with the connection still open.
   */
  boolean awaitClosedByServer() throws IOException {
    InputStream in = socket.getInputStream();
    try {
      while (in.read() >= 0) {
        // drop what precedes the end
      }
      return true;
    } catch (java.net.SocketTimeoutException e) {
      return false;
    } catch (java.net.SocketException e) {
      return true; // reset
    }
  }

  private Response readResponseHead(String head) throws IOException {
    InputStream in = socket.getInputStream();
    String[] lines = head.split("\r\n");
    int status = Integer.parseInt(lines[0].split(" ")[1]);
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      headers.put(lines[i].substring(0, colon).trim(), lines[i].substring(colon + 1).trim());
    }
    int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
    byte[] body = in.readNBytes(length);
    return new Response(status, headers, new String(body, StandardCharsets.UTF_8), lines[0].split(" ")[0]);
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the response head");
      }
      head.write(b);
      matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.US_ASCII).trim();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
