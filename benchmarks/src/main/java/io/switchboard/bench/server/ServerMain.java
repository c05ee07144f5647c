package io.switchboard.bench.server;

import io.switchboard.transport.netty.SwitchboardServer;

/**
 * Entry point of a server process of the suite: {@code switchboard} (the hub on {@code /bench}),
 * or a raw-Netty ceiling, {@code raw-echo} or {@code raw-fanout} (WebSockets on {@code /raw}).
 * Binds an ephemeral port on 127.0.0.1 and then follows {@link ServerControl}.
 */
public final class ServerMain {
  private ServerMain() {}

  /** Usage: {@code ServerMain switchboard|raw-echo|raw-fanout}. */
  public static void main(String[] args) throws Exception {
    String kind = args.length > 0 ? args[0] : "switchboard";
    switch (kind) {
      case "switchboard" -> {
        SwitchboardServer server =
            SwitchboardServer.builder().host("127.0.0.1").port(0).hub("/bench", BenchHub.class).start();
        try {
          ServerControl.serve(server.port());
        } finally {
          server.close();
        }
      }
      case "raw-echo", "raw-fanout" -> {
        try (RawWebSocketServer server =
            RawWebSocketServer.start(
                "raw-echo".equals(kind) ? RawWebSocketServer.Mode.ECHO : RawWebSocketServer.Mode.FANOUT)) {
          ServerControl.serve(server.port());
        }
      }
      default -> throw new IllegalArgumentException("Unknown server kind " + kind);
    }
    System.exit(0);
  }
}
