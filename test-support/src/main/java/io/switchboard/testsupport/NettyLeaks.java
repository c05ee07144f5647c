package io.switchboard.testsupport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;

/**
 * Records the buffer leaks Netty's leak detector reports in this JVM (with {@code
 * -Dio.netty.leakDetection.level=paranoid}, every buffer is tracked). Netty reports a leak when
 * the leaked buffer has been collected and a later buffer is tracked: {@link #collect()} forces
 * both.
 */
public final class NettyLeaks {

  private static final List<String> LEAKS = new ArrayList<>();
  private static boolean installed;

  private NettyLeaks() {}

  /** Starts recording; idempotent. */
  public static synchronized void install() {
    if (!installed) {
      ByteBufUtil.setLeakListener(NettyLeaks::record);
      installed = true;
    }
  }

  private static synchronized void record(String resourceType, String records) {
    LEAKS.add("LEAK: " + resourceType + ".release() was not called before it's garbage-collected."
        + (records.isEmpty() ? "" : "\n" + records));
  }

  /**
   * Lets pending leaks be reported: collects garbage (leaked buffers' trackers are then queued)
   * and tracks a few new buffers (which makes the detector report the queue), a few times over.
   */
  public static void collect() throws InterruptedException {
    for (int round = 0; round < 3; round++) {
      System.gc();
      Thread.sleep(50); // reference processing runs concurrently with the caller
      for (ByteBufAllocator allocator :
          List.of(PooledByteBufAllocator.DEFAULT, Unpooled.buffer().alloc())) {
        ByteBuf probe = allocator.buffer(1);
        probe.release();
        probe = allocator.directBuffer(1);
        probe.release();
      }
    }
  }

  /** The leaks recorded so far, and forgets them. */
  public static synchronized List<String> drain() {
    List<String> leaks = new ArrayList<>(LEAKS);
    LEAKS.clear();
    return leaks;
  }
}
