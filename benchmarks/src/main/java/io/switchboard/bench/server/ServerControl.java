package io.switchboard.bench.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufAllocatorMetricProvider;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;

/**
 * The line protocol between the suite and a server process: the server prints {@code READY
 * port=<port>} once it listens, then answers commands read from standard input until {@code quit}
 * or end of input.
 *
 * <ul>
 *   <li>{@code heap}: runs full collections and prints {@code HEAP <bytes used>}
 *   <li>{@code memory}: prints {@code MEMORY heap=<bytes used> direct=<bytes>} at once, without a
 *       collection: heap in use (garbage included) and the direct memory of Netty's default
 *       allocator, where outbound buffers live
 *   <li>{@code quit}: returns, so that the caller closes the server
 *   <li>anything else: handed to the server's own {@link Commands}, if it has some
 * </ul>
 */
public final class ServerControl {
  private ServerControl() {}

  /** A server's own commands: answers one line, printing its replies; false if unknown. */
  @FunctionalInterface
  public interface Commands {
    /** Runs the command {@code line}; returns false when it is not one of this server's. */
    boolean run(String line) throws Exception;
  }

  /** Announces the port and serves commands until told to quit. */
  public static void serve(int port) throws IOException {
    serve(port, line -> false);
  }

  /** Announces the port and serves the common commands and {@code commands} until told to quit. */
  public static void serve(int port, Commands commands) throws IOException {
    System.out.println("READY port=" + port);
    System.out.flush();
    BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    String line;
    while ((line = in.readLine()) != null) {
      switch (line.trim()) {
        case "heap" -> System.out.println("HEAP " + heapAfterGc());
        case "memory" -> System.out.println("MEMORY heap=" + heapNow() + " direct=" + nettyDirect());
        case "quit" -> {
          return;
        }
        default -> {
          try {
            if (!commands.run(line.trim())) {
              System.out.println("ERROR unknown command " + line);
            }
          } catch (Exception e) {
            System.out.println("ERROR " + line + ": " + e);
          }
        }
      }
      System.out.flush();
    }
  }

  private static long heapNow() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** Direct memory in use by Netty's default allocator, or -1 if it does not say. */
  private static long nettyDirect() {
    return ByteBufAllocator.DEFAULT instanceof ByteBufAllocatorMetricProvider metrics
        ? metrics.metric().usedDirectMemory()
        : -1;
  }

  /**
   * Heap in use after full collections settle (three rounds, a short pause between). Then one
   * buffer is taken and released: under a leak detector, that reports what the collections found.
   */
  static long heapAfterGc() {
    for (int i = 0; i < 3; i++) {
      System.gc();
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    ByteBufAllocator.DEFAULT.buffer(1).release();
    return heapNow();
  }
}
