package io.switchboard.protocol.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextFramingTest {

  @Test
  void splitsOnRecordSeparator() {
    ByteBuffer input = utf8("{\"type\":6}\u001e\u001e{\"type\":7}\u001e");

    assertEquals("{\"type\":6}", text(TextFraming.nextFrame(input)));
    assertEquals("", text(TextFraming.nextFrame(input)));
    assertEquals("{\"type\":7}", text(TextFraming.nextFrame(input)));
    assertNull(TextFraming.nextFrame(input));
  }

  @Test
  void waitsForTheSeparator() {
    ByteBuffer input = utf8("{\"type\":6}\u001e{\"type\"");
    TextFraming.nextFrame(input);
    int position = input.position();

    assertNull(TextFraming.nextFrame(input));
    assertEquals(position, input.position());
  }

  @Test
  void readsFromDirectBuffers() {
    byte[] bytes = "{}\u001e".getBytes(StandardCharsets.UTF_8);
    ByteBuffer input = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();

    assertEquals("{}", text(TextFraming.nextFrame(input)));
    assertEquals(3, input.position());
  }

  private static ByteBuffer utf8(String text) {
    return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String text(ByteBuffer frame) {
    return StandardCharsets.UTF_8.decode(frame).toString();
  }
}
