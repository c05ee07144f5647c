package io.switchboard.bench.suite;

import io.netty.buffer.ByteBuf;
import io.switchboard.bench.client.BenchConnection;
import io.switchboard.bench.client.FrameListener;
import io.switchboard.bench.client.LoadClient;
import io.switchboard.bench.client.WireFormat;
import java.util.List;

/**
 * S1, echo throughput (the aspnet {@code echo} scenario): every connection keeps {@code inFlight}
 * {@code Invoke("Echo", payload)} calls outstanding and sends the next one as soon as a reply
 * arrives. Counts replies per second: Completions from the hub, the echoed Invocation from the raw
 * echo server.
 */
final class EchoScenario implements Scenario {
  private final String name;
  private final WireFormat format;
  private final int payloadBytes;
  private final int inFlight;

  EchoScenario(String name, WireFormat format, int payloadBytes, int inFlight) {
    this.name = name;
    this.format = format;
    this.payloadBytes = payloadBytes;
    this.inFlight = inFlight;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ServerKind ceiling() {
    return ServerKind.RAW_ECHO;
  }

  @Override
  public List<Measurement> run(ScenarioContext context) throws Exception {
    SuiteConfig config = context.config();
    ByteBuf[] ring = Frames.invocationRing(format, "Echo", Frames.payload(payloadBytes));
    Counter replies = new Counter();
    Flag running = new Flag();
    FrameListener listener =
        (connection, content) -> {
          int n = format.countMessages(content, WireFormat.INVOCATION | WireFormat.COMPLETION);
          replies.add(n);
          if (running.on()) {
            int[] next = (int[]) connection.attachment();
            for (int i = 0; i < n; i++) {
              connection.write(ring[next[0]++ % Frames.RING].duplicate());
            }
          }
        };
    List<BenchConnection> connections =
        context.client().connectAll(
            context.target(format), config.echoConnections, 64, listener, ScenarioContext.deadline(60_000));
    context.client()
        .loop()
        .execute(
            () -> {
              for (BenchConnection connection : connections) {
                int[] next = {0};
                connection.attach(next);
                for (int i = 0; i < inFlight; i++) {
                  connection.write(ring[next[0]++ % Frames.RING].duplicate());
                }
                connection.flush();
              }
            });
    Window window = Window.measure(context, replies::get, config.warmupMillis, config.measureMillis);
    running.off();
    LoadClient.closeAll(connections, 5_000);
    return List.of(
        new Measurement(
            name,
            window.rate(),
            "msg/s",
            window.cpuDetail("msg")
                + " connections=" + connections.size()
                + " inflight=" + inFlight
                + " payload=" + payloadBytes + "B"));
  }
}
