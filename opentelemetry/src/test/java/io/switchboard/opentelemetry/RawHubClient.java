package io.switchboard.opentelemetry;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A JSON hub client written by hand over the JDK's WebSocket, for what no official client sends:
 * invocations with headers (the .NET 9+ client's {@code traceparent}).
 */
final class RawHubClient implements AutoCloseable {
  private static final String RS = "\u001e";

  private final WebSocket socket;
  private final BlockingQueue<String> messages;

  private RawHubClient(WebSocket socket, BlockingQueue<String> messages) {
    this.socket = socket;
    this.messages = messages;
  }

  /** Connects to {@code ws://127.0.0.1:port/path} without negotiate and shakes hands in JSON. */
  static RawHubClient connect(int port, String path) throws Exception {
    return connect(port, path, Map.of());
  }

  /** As {@link #connect(int, String)}, with {@code headers} on the WebSocket upgrade request. */
  static RawHubClient connect(int port, String path, Map<String, String> headers) throws Exception {
    StringBuilder partial = new StringBuilder();
    BlockingQueue<String> queue = new LinkedBlockingQueue<>();
    WebSocket.Listener listener =
        new WebSocket.Listener() {
          @Override
          public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            int end;
            while ((end = partial.indexOf(RS)) >= 0) {
              queue.add(partial.substring(0, end));
              partial.delete(0, end + 1);
            }
            webSocket.request(1);
            return null;
          }
        };
    WebSocket.Builder builder = HttpClient.newHttpClient().newWebSocketBuilder();
    headers.forEach(builder::header);
    WebSocket socket =
        builder
            .buildAsync(URI.create("ws://127.0.0.1:" + port + path), listener)
            .get(30, TimeUnit.SECONDS);
    RawHubClient client = new RawHubClient(socket, queue);
    client.send("{\"protocol\":\"json\",\"version\":1}");
    String handshake = client.next();
    if (!handshake.equals("{}")) {
      throw new AssertionError("handshake answered " + handshake);
    }
    return client;
  }

  /** Sends one JSON hub message (the record separator is added). */
  void send(String json) throws Exception {
    socket.sendText(json + RS, true).get(30, TimeUnit.SECONDS);
  }

  /** The next message other than a Ping, waiting for it. */
  String next() throws InterruptedException {
    while (true) {
      String message = messages.poll(30, TimeUnit.SECONDS);
      if (message == null) {
        throw new AssertionError("the server sent nothing");
      }
      if (!message.equals("{\"type\":6}")) {
        return message;
      }
    }
  }

  @Override
  public void close() throws Exception {
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(30, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // The server closed first, and the JDK has already answered its Close.
      if (!socket.isOutputClosed()) {
        throw e;
      }
    }
  }
}
