package io.switchboard.backplane.testkit;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.HubConnectionState;
import com.microsoft.signalr.TransportEnum;
import io.reactivex.rxjava3.core.Single;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The official Java SignalR client (JSON over WebSockets): it records the texts servers send to
 * its {@code Receive} handler, and answers {@code Ask} client results with 42.
 */
public final class TestClient {
  /** The answer to every {@code Ask}. */
  public static final int ANSWER = 42;

  private final HubConnection connection;
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

  private TestClient(String url) {
    connection = HubConnectionBuilder.create(url).withTransport(TransportEnum.WEBSOCKETS).build();
    connection.on("Receive", received::add, String.class);
    connection.onWithResult("Ask", () -> Single.just(ANSWER));
  }

  /** Starts a client of the hub at {@code url}, waiting until it is connected. */
  static TestClient start(String url) {
    TestClient client = new TestClient(url);
    client.connection.start().timeout(TestNode.PATIENCE.toSeconds(), TimeUnit.SECONDS).blockingAwait();
    return client;
  }

  /** The client's connection id. */
  public String connectionId() {
    return connection.getConnectionId();
  }

  /** The next text a server sent, waiting for it. */
  public String next() throws InterruptedException {
    String text = received.poll(TestNode.PATIENCE.toSeconds(), TimeUnit.SECONDS);
    if (text == null) {
      throw new AssertionError("Client " + connectionId() + " received nothing");
    }
    return text;
  }

  /** Calls the hub's echo method. */
  public String echo(String text) {
    return connection.invoke(String.class, "echo", text)
        .timeout(TestNode.PATIENCE.toSeconds(), TimeUnit.SECONDS)
        .blockingGet();
  }

  void close() {
    if (connection.getConnectionState() != HubConnectionState.DISCONNECTED) {
      connection.stop().timeout(TestNode.PATIENCE.toSeconds(), TimeUnit.SECONDS).blockingAwait();
    }
  }
}
