package io.switchboard.transport.netty;

import io.switchboard.connection.Connection;
import io.switchboard.connection.ConnectionHandler;
import io.switchboard.connection.ConnectionListener;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An echo that survives stateful re-attaches the way the hub layer should: what it sends while
 * the transport is detached is kept, and sent again from {@code onTransportReattached} after a
 * {@code resumed} marker, under the same lock as every other send.
 */
final class ReplayingHandler implements ConnectionHandler {
  final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final List<String> unsent = new ArrayList<>();
  private volatile Connection connection;
  private boolean detached;

  @Override
  public ConnectionListener onConnected(Connection connected) {
    connection = connected;
    events.add("connected");
    return new ConnectionListener() {
      @Override
      public void onData(ByteBuffer data) {
        send(StandardCharsets.UTF_8.decode(data).toString());
      }

      @Override
      public void onClosed(Throwable error) {
        events.add("closed");
      }

      @Override
      public void onTransportLost(Throwable cause) {
        synchronized (ReplayingHandler.this) {
          detached = true;
        }
        events.add("lost");
      }

      @Override
      public void onTransportReattached() {
        synchronized (ReplayingHandler.this) {
          detached = false;
          write("resumed");
          unsent.forEach(ReplayingHandler.this::write);
          unsent.clear();
        }
        events.add("reattached");
      }
    };
  }

  synchronized void send(String text) {
    if (detached) {
      unsent.add(text);
    } else {
      write(text);
    }
  }

  Connection connection() {
    return connection;
  }

  private void write(String text) {
    connection.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
