package io.switchboard.bench.jmh;

import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvocationBinder;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.internal.HandshakeProtocol;
import io.switchboard.protocol.internal.TextFraming;
import io.switchboard.protocol.internal.VarIntFraming;
import io.switchboard.protocol.json.JsonHubProtocol;
import io.switchboard.protocol.msgpack.MessagePackHubProtocol;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Scenario S8: the hub protocols' hot paths on one small invocation ({@code Send("alice", <32
 * chars>, 42)}, about 80 bytes), the echo's completion, the handshake and the two framings, plus
 * the lower bound: copying an array of the encoded size. Run with {@code -prof gc} for allocations
 * per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ProtocolBenchmarks {
  /** The invocation's target. */
  static final String TARGET = "Send";

  /** The invocation's arguments: a user, a 32-character text and a number. */
  static final Object[] ARGUMENTS = {"alice", "0123456789abcdef0123456789abcdef", 42};

  private static final byte[] HANDSHAKE =
      "{\"protocol\":\"messagepack\",\"version\":1}\u001e".getBytes(StandardCharsets.UTF_8);

  @Param({"json", "messagepack"})
  public String protocol;

  private HubProtocol hubProtocol;
  private InvocationBinder binder;
  private InvocationMessage invocation;
  private CompletionMessage completion;
  private byte[] encodedInvocation;
  private ByteBuffer invocationInput;
  private ByteBuffer handshakeInput;

  /** Builds the protocol and the pre-encoded inputs. */
  @Setup
  public void setUp() {
    hubProtocol = "json".equals(protocol) ? new JsonHubProtocol() : new MessagePackHubProtocol();
    binder = new FixedBinder(List.of(String.class, String.class, int.class));
    invocation = new InvocationMessage(Map.of(), "1", TARGET, ARGUMENTS, List.of());
    completion = CompletionMessage.withResult("1", ARGUMENTS[1]);
    encodedInvocation = hubProtocol.encode(invocation);
    invocationInput = ByteBuffer.wrap(encodedInvocation);
    handshakeInput = ByteBuffer.wrap(HANDSHAKE);
    HubMessage check = decodeInvocation();
    if (!(check instanceof InvocationMessage parsed) || !TARGET.equals(parsed.target())) {
      throw new IllegalStateException("Round trip failed: " + check);
    }
  }

  /** Encodes the invocation with its framing. */
  @Benchmark
  public byte[] encodeInvocation() {
    return hubProtocol.encode(invocation);
  }

  /** Parses the invocation and binds its arguments. */
  @Benchmark
  public HubMessage decodeInvocation() {
    invocationInput.position(0);
    return hubProtocol.parseMessage(invocationInput, binder);
  }

  /** Encodes the echo's reply, a completion carrying the 32-character text. */
  @Benchmark
  public byte[] encodeCompletion() {
    return hubProtocol.encode(completion);
  }

  /** Finds the frame boundary only (record separator, or VarInt prefix). */
  @Benchmark
  public ByteBuffer frame() {
    invocationInput.position(0);
    return "json".equals(protocol)
        ? TextFraming.nextFrame(invocationInput)
        : VarIntFraming.nextFrame(invocationInput);
  }

  /** Parses a handshake request (always JSON; the parameter does not change it). */
  @Benchmark
  public Object handshake() {
    handshakeInput.position(0);
    return HandshakeProtocol.parseRequest(handshakeInput);
  }

  /** The lower bound: copying an array as large as the encoded invocation. */
  @Benchmark
  public byte[] copyBaseline() {
    return encodedInvocation.clone();
  }

  /** A binder that knows one target. */
  private record FixedBinder(List<Type> parameterTypes) implements InvocationBinder {
    @Override
    public List<Type> parameterTypes(String target) {
      return parameterTypes;
    }

    @Override
    public Type returnType(String invocationId) {
      return Object.class;
    }

    @Override
    public Type streamItemType(String streamId) {
      return Object.class;
    }
  }
}
