package io.switchboard.transport.netty;

import io.switchboard.auth.AuthenticationOutcome;
import io.switchboard.connection.Connection;
import io.switchboard.connection.ConnectionHandler;
import io.switchboard.connection.ConnectionListener;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.protocol.TransferFormat;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * A raw connection handler that echoes every received chunk as one message. The text commands
 * {@code close} and {@code abort} make it answer {@code bye} and close, or abort.
 */
final class EchoHandler implements ConnectionHandler {
  final BlockingQueue<Connection> connected = new LinkedBlockingQueue<>();
  final BlockingQueue<Optional<Throwable>> closed = new LinkedBlockingQueue<>();
  private final TransferFormat format;

  EchoHandler() {
    this(TransferFormat.TEXT);
  }

  EchoHandler(TransferFormat format) {
    this.format = format;
  }

  @Override
  public ConnectionListener onConnected(Connection connection) {
    connection.transferFormat(format);
    connected.add(connection);
    return new ConnectionListener() {
      @Override
      public void onData(ByteBuffer data) {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        String text = new String(copy, StandardCharsets.UTF_8);
        if (text.equals("close")) {
          connection.write("bye".getBytes(StandardCharsets.UTF_8));
          connection.close();
        } else if (text.equals("abort")) {
          connection.abort();
        } else {
          connection.write(copy);
        }
      }

      @Override
      public void onClosed(Throwable error) {
        closed.add(Optional.ofNullable(error));
      }
    };
  }

  /** This echo, on an endpoint whose requests {@code authentication} decides. */
  ConnectionHandler authenticatedBy(Function<HttpRequestInfo, AuthenticationOutcome> authentication) {
    return new ConnectionHandler() {
      @Override
      public ConnectionListener onConnected(Connection connection) {
        return EchoHandler.this.onConnected(connection);
      }

      @Override
      public AuthenticationOutcome authenticate(HttpRequestInfo request) {
        return authentication.apply(request);
      }
    };
  }

  /** The next connection handed to this handler. */
  Connection awaitConnection() throws InterruptedException {
    return Await.poll(connected);
  }

  /** The error (or empty for a clean end) of the next connection that ends. */
  Optional<Throwable> awaitClosed() throws InterruptedException {
    return Await.poll(closed);
  }
}
