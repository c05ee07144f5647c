package io.switchboard.connection;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A connection handler that records what happens to its connections. */
final class RecordingHandler implements ConnectionHandler {
  final List<Connection> connected = new CopyOnWriteArrayList<>();
  final List<Throwable> closed = new CopyOnWriteArrayList<>();
  final List<String> closeEvents = new CopyOnWriteArrayList<>();
  /** When set, each body pauses reading, as an application whose input is full does. */
  volatile boolean pauseOnData;

  @Override
  public ConnectionListener onConnected(Connection connection) {
    connected.add(connection);
    return new ConnectionListener() {
      @Override
      public void onData(ByteBuffer data) {
        if (pauseOnData) {
          connection.pauseReading();
        }
      }

      @Override
      public void onClosed(Throwable error) {
        closeEvents.add(connection.connectionId());
        if (error != null) {
          closed.add(error);
        }
      }
    };
  }
}
