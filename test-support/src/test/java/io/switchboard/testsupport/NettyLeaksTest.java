package io.switchboard.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.util.ResourceLeakDetector;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The recorder sees a leak that Netty's paranoid detector reports: the check that makes every
 * test class of the Netty modules fail on a leak. (The leak made here is drained, so this class
 * itself passes its own check.)
 */
class NettyLeaksTest {

  @Test
  void testJvmsRunTheParanoidDetector() {
    assertEquals(ResourceLeakDetector.Level.PARANOID, ResourceLeakDetector.getLevel());
  }

  @Test
  void aBufferCollectedUnreleasedIsRecorded() throws InterruptedException {
    NettyLeaks.install();
    NettyLeaks.collect();
    NettyLeaks.drain();

    leakOneBuffer();
    NettyLeaks.collect();
    List<String> leaks = NettyLeaks.drain();

    assertEquals(1, leaks.size(), String.join("\n", leaks));
    assertTrue(leaks.get(0).contains("leakOneBuffer"), leaks.get(0)); // paranoid: where it was made
  }

  @Test
  void releasedBuffersAreNotRecorded() throws InterruptedException {
    NettyLeaks.install();
    NettyLeaks.collect();
    NettyLeaks.drain();

    ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(64);
    buffer.writeLong(42);
    buffer.release();
    NettyLeaks.collect();

    assertEquals(List.of(), NettyLeaks.drain());
  }

  private static void leakOneBuffer() {
    ByteBuf leaked = PooledByteBufAllocator.DEFAULT.directBuffer(64);
    leaked.writeLong(42);
  }
}
