package io.switchboard.examples.chat;

import io.switchboard.transport.netty.SwitchboardServer;
import java.util.concurrent.CountDownLatch;
import sun.misc.Signal;

/**
 * The chat example: {@link ChatHub} at {@code /chat}, the page at {@code /}, in memory. Listens
 * on 127.0.0.1:5000; the environment variables {@code HOST} and {@code PORT} change that
 * ({@code PORT=0} picks a free port).
 */
public final class ChatServer {
  private ChatServer() {}

  /** Starts the chat and runs until SIGTERM or SIGINT. */
  public static void main(String[] args) throws InterruptedException {
    String host = System.getenv().getOrDefault("HOST", "127.0.0.1");
    int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "5000"));
    SwitchboardServer server =
        SwitchboardServer.builder()
            .host(host)
            .port(port)
            .hub("/chat", ChatHub.class)
            .httpHandler(StaticFiles::new)
            .start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runnable stop =
        () -> {
          server.close();
          stopped.countDown();
        };
    Signal.handle(new Signal("TERM"), signal -> stop.run());
    Signal.handle(new Signal("INT"), signal -> stop.run());
    System.out.println("Now listening on: http://" + host + ":" + server.port());
    System.out.flush();
    stopped.await();
    System.exit(0);
  }
}
