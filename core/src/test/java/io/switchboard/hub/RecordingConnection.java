package io.switchboard.hub;

import io.switchboard.connection.Connection;
import io.switchboard.connection.ConnectionListener;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.TransportType;
import io.switchboard.connection.internal.WriteBatch;
import io.switchboard.events.EndpointEvents;
import io.switchboard.protocol.TransferFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory transport for hub-layer unit tests: records what the hub layer writes, and feeds
 * it client bytes. It plays the transport's part of the {@link Connection} contract: once closed
 * it tells the listener.
 */
final class RecordingConnection implements Connection {
  private final String connectionId;
  private final TransportType transport;
  private final BlockingQueue<byte[]> written = new LinkedBlockingQueue<>();
  private final Map<Object, Object> items = new ConcurrentHashMap<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final AtomicInteger batchedWrites = new AtomicInteger();
  private volatile TransferFormat format = TransferFormat.TEXT;
  private volatile ConnectionListener listener;
  private volatile boolean statefulReconnect;
  private volatile io.switchboard.auth.AuthenticatedUser user;
  private volatile EndpointEvents events = EndpointEvents.NONE;
  private volatile boolean textOnly;

  RecordingConnection(String connectionId) {
    this(connectionId, TransportType.WEB_SOCKETS);
  }

  RecordingConnection(String connectionId, TransportType transport) {
    this.connectionId = connectionId;
    this.transport = transport;
  }

  /** Carries no binary data, as API Gateway's WebSockets. */
  RecordingConnection textOnly() {
    textOnly = true;
    return this;
  }

  @Override
  public boolean binarySupported() {
    return !textOnly && Connection.super.binarySupported();
  }

  /** Reports to {@code reported}, as an endpoint with listeners does. */
  RecordingConnection withEvents(EndpointEvents reported) {
    events = reported;
    return this;
  }

  @Override
  public EndpointEvents events() {
    return events;
  }

  /** Pretends negotiate granted stateful reconnect. */
  RecordingConnection withStatefulReconnect() {
    statefulReconnect = true;
    return this;
  }

  /** Pretends the transport authenticated the connection's requests as {@code authenticated}. */
  RecordingConnection withUser(io.switchboard.auth.AuthenticatedUser authenticated) {
    user = authenticated;
    return this;
  }

  @Override
  public io.switchboard.auth.AuthenticatedUser user() {
    return user;
  }

  @Override
  public boolean statefulReconnect() {
    return statefulReconnect;
  }

  /** Attaches the connection to a handler, as a transport does on its first request. */
  RecordingConnection connectTo(HubEndpoint<?> endpoint) {
    listener = endpoint.onConnected(this);
    return this;
  }

  /**
   * Attaches the connection and completes a handshake, asserting the server's {@code {}} answer.
   */
  RecordingConnection handshake(HubEndpoint<?> endpoint, String protocol, int version)
      throws InterruptedException {
    connectTo(endpoint);
    receive("{\"protocol\":\"" + protocol + "\",\"version\":" + version + "}\u001e");
    String answer = nextText();
    if (!answer.equals("{}\u001e")) {
      throw new AssertionError("Handshake refused: " + answer);
    }
    return this;
  }

  ConnectionListener listener() {
    return listener;
  }

  /** Sends UTF-8 text from the client. */
  void receive(String text) {
    receive(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Sends bytes from the client. */
  void receive(byte[] bytes) {
    listener.onData(ByteBuffer.wrap(bytes));
  }

  /** The next unit the hub layer wrote, waiting for it. */
  byte[] nextWrite() throws InterruptedException {
    byte[] next = written.poll(10, TimeUnit.SECONDS);
    if (next == null) {
      throw new AssertionError("Nothing was written to " + connectionId);
    }
    return next;
  }

  /** The next write as UTF-8 text. */
  String nextText() throws InterruptedException {
    return new String(nextWrite(), StandardCharsets.UTF_8);
  }

  /** Whatever was written and not taken yet. */
  List<byte[]> drainWrites() {
    List<byte[]> all = new java.util.ArrayList<>();
    written.drainTo(all);
    return all;
  }

  boolean awaitClosed() throws InterruptedException {
    return closed.await(10, TimeUnit.SECONDS);
  }

  boolean isClosed() {
    return closed.getCount() == 0;
  }

  TransferFormat format() {
    return format;
  }

  @Override
  public String connectionId() {
    return connectionId;
  }

  @Override
  public TransportType transportType() {
    return transport;
  }

  @Override
  public HttpRequestInfo request() {
    return new HttpRequestInfo(
        "GET",
        "/hub",
        Map.of("id", List.of("token")),
        Map.of("User-Agent", List.of("test-agent")),
        Map.of("cookie", "value"),
        "127.0.0.1");
  }

  @Override
  public Map<Object, Object> items() {
    return items;
  }

  @Override
  public void transferFormat(TransferFormat format) {
    this.format = format;
  }

  @Override
  public void write(byte[] data) {
    if (WriteBatch.piece(this, () -> () -> {}) != null) {
      batchedWrites.incrementAndGet();
    }
    written.add(data);
  }

  /** How many writes came inside a {@link WriteBatch}, which a transport hands over together. */
  int batchedWrites() {
    return batchedWrites.get();
  }

  @Override
  public void close() {
    end(null);
  }

  @Override
  public void abort() {
    end(null);
  }

  /** The client or the network ends the connection. */
  void end(Throwable error) {
    if (closed.getCount() > 0) {
      closed.countDown();
      listener.onClosed(error);
    }
  }

  @Override
  public void pauseReading() {}

  @Override
  public void resumeReading() {}
}
