package io.switchboard.examples.interop;

import io.switchboard.connection.Connection;
import io.switchboard.connection.ConnectionHandler;
import io.switchboard.connection.ConnectionListener;
import java.nio.ByteBuffer;

/** {@code /echo}: a raw connection, no hub protocol, that sends back every payload it receives. */
final class EchoConnectionHandler implements ConnectionHandler {

  @Override
  public ConnectionListener onConnected(Connection connection) {
    return new ConnectionListener() {
      @Override
      public void onData(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        connection.write(copy);
      }

      @Override
      public void onClosed(Throwable error) {}
    };
  }
}
