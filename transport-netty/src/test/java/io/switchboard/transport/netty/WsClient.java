package io.switchboard.transport.netty;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A JDK WebSocket client that queues what it receives, one entry per complete message. */
final class WsClient implements WebSocket.Listener {
  final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
  final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
  final BlockingQueue<Integer> closeCodes = new LinkedBlockingQueue<>();
  final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
  private final StringBuilder text = new StringBuilder();
  private final java.io.ByteArrayOutputStream binary = new java.io.ByteArrayOutputStream();
  WebSocket socket;

  static WsClient connect(HttpClient http, String url) throws Exception {
    WsClient client = new WsClient();
    client.socket =
        http.newWebSocketBuilder()
            .buildAsync(URI.create(url), client)
            .get(Await.SECONDS, TimeUnit.SECONDS);
    return client;
  }

  void sendText(String message) throws Exception {
    socket.sendText(message, true).get(Await.SECONDS, TimeUnit.SECONDS);
  }

  void sendBinary(byte[] message) throws Exception {
    socket.sendBinary(ByteBuffer.wrap(message), true).get(Await.SECONDS, TimeUnit.SECONDS);
  }

  String awaitText() throws InterruptedException {
    return Await.poll(texts);
  }

  @Override
  public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
    text.append(data);
    if (last) {
      texts.add(text.toString());
      text.setLength(0);
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
    byte[] bytes = new byte[data.remaining()];
    data.get(bytes);
    binary.writeBytes(bytes);
    if (last) {
      binaries.add(binary.toByteArray());
      binary.reset();
    }
    webSocket.request(1);
    return null;
  }

  @Override
  public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
    closeCodes.add(statusCode);
    return null;
  }

  @Override
  public void onError(WebSocket webSocket, Throwable error) {
    errors.add(error);
  }
}
