package io.switchboard.connection;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A transport session that records calls and ends its connection when closed or aborted (or loses
 * it when dropped).
 */
final class RecordingSession implements TransportSession {
  final List<byte[]> written = new CopyOnWriteArrayList<>();
  ManagedConnection connection;
  int closes;
  int aborts;
  int pauses;

  @Override
  public void write(byte[] data) {
    written.add(data);
  }

  @Override
  public void close() {
    closes++;
    connection.transportEnded(this, null);
  }

  @Override
  public void abort() {
    aborts++;
    connection.transportEnded(this, null);
  }

  @Override
  public void pauseReading() {
    pauses++;
  }

  @Override
  public void drop() {
    connection.transportLost(this, new java.io.IOException("dropped"));
  }
}
