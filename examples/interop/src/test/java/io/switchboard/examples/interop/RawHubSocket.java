package io.switchboard.examples.interop;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A WebSocket to a hub that sends exactly the bytes a test gives it (the JDK's client, no SignalR
 * client in between), as a hostile client would, and collects whole WebSocket messages and the
 * close frame. The hub protocol is the test's business.
 */
final class RawHubSocket implements AutoCloseable {
  /** A whole WebSocket message: its bytes and whether it came as a text frame. */
  record Frame(byte[] bytes, boolean text) {
    String asText() {
      return new String(bytes, StandardCharsets.UTF_8);
    }
  }

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocket socket;

  private RawHubSocket(String url) {
    socket =
        CLIENT
            .newWebSocketBuilder()
            .connectTimeout(Hubs.TIMEOUT)
            .buildAsync(URI.create(url.replaceFirst("^http", "ws")), new Collector())
            .orTimeout(Hubs.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .join();
  }

  /** Opens a WebSocket on {@code url} (an {@code http://} URL of a hub, with its query). */
  static RawHubSocket open(String url) {
    return new RawHubSocket(url);
  }

  /** Sends one text frame. */
  RawHubSocket text(String text) {
    socket.sendText(text, true).orTimeout(Hubs.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
    return this;
  }

  /**
   * Sends one text frame that the server may stop reading before its end (it answers an oversized
   * input once it has seen enough of it, then closes): a send cut off by the close is not an error.
   */
  RawHubSocket textUntilCut(String text) {
    try {
      return text(text);
    } catch (CompletionException e) {
      if (!(e.getCause() instanceof IOException)) {
        throw e;
      }
      return this;
    }
  }

  /** Sends one binary frame. */
  RawHubSocket binary(byte[] bytes) {
    socket
        .sendBinary(ByteBuffer.wrap(bytes), true)
        .orTimeout(Hubs.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
        .join();
    return this;
  }

  /** The next whole message; fails the test if none comes within the timeout. */
  Frame next() throws InterruptedException {
    Frame frame = frames.poll(Hubs.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    if (frame == null) {
      throw new AssertionError("no WebSocket message within " + Hubs.TIMEOUT);
    }
    return frame;
  }

  /** The status of the server's close frame; fails the test if the socket does not close. */
  int awaitClose() {
    return closed.orTimeout(Hubs.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  /** Whether the server has closed the socket yet. */
  boolean isClosed() {
    return closed.isDone();
  }

  @Override
  public void close() {
    socket.abort();
  }

  private final class Collector implements WebSocket.Listener {
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      return collect(webSocket, data.toString().getBytes(StandardCharsets.UTF_8), last, true);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
      byte[] bytes = new byte[data.remaining()];
      data.get(bytes);
      return collect(webSocket, bytes, last, false);
    }

    private CompletionStage<?> collect(WebSocket webSocket, byte[] bytes, boolean last, boolean text) {
      pending.writeBytes(bytes);
      if (last) {
        frames.add(new Frame(pending.toByteArray(), text));
        pending.reset();
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closed.complete(statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
      closed.complete(-1);
    }
  }
}
