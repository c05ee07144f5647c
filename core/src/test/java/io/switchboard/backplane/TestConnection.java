package io.switchboard.backplane;

import io.switchboard.lifetime.HubConnection;
import io.switchboard.lifetime.SerializedHubMessage;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.json.JsonHubProtocol;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A hub connection as the hub layer presents one to lifetime managers, speaking one protocol: it
 * records the bytes written to its client, and lets the test answer client results.
 */
final class TestConnection implements HubConnection {
  private final String connectionId;
  private final String userIdentifier;
  private final HubProtocol protocol;
  private final BlockingQueue<byte[]> written = new LinkedBlockingQueue<>();
  private final Map<String, CompletableFuture<CompletionMessage>> expected = new ConcurrentHashMap<>();
  private final BlockingQueue<String> expectedIds = new LinkedBlockingQueue<>();
  private volatile boolean failWrites;

  TestConnection(String connectionId, String userIdentifier, HubProtocol protocol) {
    this.connectionId = connectionId;
    this.userIdentifier = userIdentifier;
    this.protocol = protocol;
  }

  TestConnection(String connectionId, String userIdentifier) {
    this(connectionId, userIdentifier, new JsonHubProtocol());
  }

  TestConnection(String connectionId) {
    this(connectionId, null);
  }

  @Override
  public String connectionId() {
    return connectionId;
  }

  @Override
  public String userIdentifier() {
    return userIdentifier;
  }

  @Override
  public HubProtocol protocol() {
    return protocol;
  }

  /** Makes every later write throw, like a connection whose writes fail. */
  void failWrites() {
    failWrites = true;
  }

  @Override
  public void write(SerializedHubMessage message) {
    if (failWrites) {
      throw new IllegalStateException("write failed");
    }
    written.add(message.encodedFor(protocol));
  }

  @Override
  public <T> CompletableFuture<T> invoke(String method, Object[] args, Class<T> resultType) {
    return CompletableFuture.failedFuture(new IOException("local invoke is not under test"));
  }

  @Override
  public CompletableFuture<CompletionMessage> expectCompletion(String invocationId) {
    return expected.computeIfAbsent(
        invocationId,
        id -> {
          expectedIds.add(id);
          return new CompletableFuture<>();
        });
  }

  /** The id of the next client result another server asked of this client, waiting for it. */
  String nextExpectedResult() throws InterruptedException {
    String id = expectedIds.poll(10, TimeUnit.SECONDS);
    if (id == null) {
      throw new AssertionError("No client result was asked of " + connectionId);
    }
    return id;
  }

  /** The client answers the client result {@code invocationId}. */
  void answer(CompletionMessage completion) {
    expectCompletion(completion.invocationId()).complete(completion);
  }

  /** The next bytes written, waiting for them. */
  byte[] next() throws InterruptedException {
    byte[] next = written.poll(10, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("Nothing was written to " + connectionId);
    }
    return next;
  }

  /** The next message written, as JSON text without its record separator. */
  String nextText() throws InterruptedException {
    String text = new String(next(), StandardCharsets.UTF_8);
    return text.substring(0, text.length() - 1);
  }
}
