package io.switchboard.bench.jmh;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.PayloadMappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Binding one 32-character string argument, the way the protocols do it today (a databind
 * {@code readValue} per argument, which for MessagePack builds a new parser and unpacker each time)
 * against a scalar fast path that reads the string straight from the streaming reader. Measures
 * what a fast path for String/number/boolean parameters would save per argument.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class PayloadBindingBenchmarks {
  private static final String TEXT = "0123456789abcdef0123456789abcdef";

  private ObjectMapper messagePackMapper;
  private ObjectMapper jsonMapper;
  private JavaType stringType;
  private byte[] packed;
  private byte[] json;
  private MessageUnpacker reusedUnpacker;

  /** Encodes the argument in both formats. */
  @Setup
  public void setUp() throws IOException {
    messagePackMapper = PayloadMappers.messagePack();
    jsonMapper = PayloadMappers.json();
    stringType = jsonMapper.constructType(String.class);
    packed = messagePackMapper.writeValueAsBytes(TEXT);
    reusedUnpacker = MessagePack.newDefaultUnpacker(packed);
    json = ("[\"" + TEXT + "\"]").getBytes(StandardCharsets.UTF_8);
  }

  /** Today's MessagePack path: databind over the argument's bytes. */
  @Benchmark
  public Object messagePackDatabind() throws IOException {
    return messagePackMapper.readValue(packed, 0, packed.length, stringType);
  }

  /** The fast path: unpack the string (the hub protocol already holds an unpacker). */
  @Benchmark
  public Object messagePackUnpacker() throws IOException {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(packed)) {
      return unpacker.unpackString();
    }
  }

  /** The fast path with one unpacker per thread, reset onto each message instead of created. */
  @Benchmark
  public Object messagePackReusedUnpacker() throws IOException {
    reusedUnpacker.reset(new ArrayBufferInput(packed));
    return reusedUnpacker.unpackString();
  }

  /** A new unpacker per message, as {@code MessagePackHubProtocol.parseFrame} does, but with no string read. */
  @Benchmark
  public Object messagePackNewUnpackerOnly() throws IOException {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(packed)) {
      return unpacker.getNextFormat();
    }
  }

  /** Today's JSON path: databind on the message's streaming parser. */
  @Benchmark
  public Object jsonDatabind() throws IOException {
    try (JsonParser parser = jsonMapper.getFactory().createParser(json)) {
      parser.nextToken();
      parser.nextToken();
      return jsonMapper.readValue(parser, stringType);
    }
  }

  /** The fast path: take the string token's text. */
  @Benchmark
  public Object jsonToken() throws IOException {
    try (JsonParser parser = jsonMapper.getFactory().createParser(json)) {
      parser.nextToken();
      parser.nextToken();
      return parser.getText();
    }
  }
}
