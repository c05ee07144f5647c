package io.switchboard.protocol.msgpack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePacker;

/** {@link StringPacker} packs every string exactly as msgpack-core's packString does. */
class StringPackerTest {
  static Stream<String> strings() {
    return Stream.of(
        "",
        "a",
        "x".repeat(31),
        "x".repeat(32),
        "x".repeat(255),
        "x".repeat(256),
        "x".repeat(511),
        "x".repeat(512),
        "é".repeat(200),
        "€".repeat(511),
        "😀".repeat(255),
        "a😀b\u0000\u001e\u007f\u0080\u07ff\u0800\uffff",
        "lone high \ud800 surrogate",
        "lone low \udc00 surrogate",
        "reversed \udc00\ud800 pair",
        "ends with a high surrogate \ud83d");
  }

  private static byte[] packed(String value, boolean byMsgpackCore) throws IOException {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    MessagePacker packer = MessagePack.newDefaultPacker(output);
    if (byMsgpackCore) {
      packer.packString(value);
    } else {
      new StringPacker(packer).pack(value);
    }
    packer.flush();
    return output.toByteArray();
  }

  @ParameterizedTest
  @MethodSource("strings")
  void packsAsMsgpackCoreDoes(String value) throws IOException {
    assertArrayEquals(packed(value, true), packed(value, false));
  }
}
