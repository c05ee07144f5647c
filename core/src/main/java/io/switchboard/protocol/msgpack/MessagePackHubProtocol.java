package io.switchboard.protocol.msgpack;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.InvocationBinder;
import io.switchboard.protocol.PayloadMappers;
import io.switchboard.protocol.TransferFormat;
import io.switchboard.protocol.internal.ByteRange;
import io.switchboard.protocol.internal.DirectScalars;
import io.switchboard.protocol.internal.FrameLoop;
import io.switchboard.protocol.internal.HubMessageWriter;
import io.switchboard.protocol.internal.ReusableByteOutput;
import io.switchboard.protocol.internal.ReusePool;
import io.switchboard.protocol.internal.VarIntFraming;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.core.buffer.ArrayBufferInput;
import org.msgpack.jackson.dataformat.MessagePackFactory;

/**
 * The {@code messagepack} hub protocol: each message is a MessagePack array preceded by its
 * VarInt length. Envelopes are read and written with msgpack-core's unpacker and packer; payloads
 * (arguments, results, items) with the payload mapper, which must be built on {@link
 * MessagePackFactory}. Thread-safe.
 */
public final class MessagePackHubProtocol implements HubProtocol {

  /** A reusable output, a packer writing to it and the message writer on both. */
  private record Encoder(ReusableByteOutput output, MessagePacker packer, MessagePackMessageWriter writer) {}

  private static final byte[] NO_BYTES = new byte[0];
  private static final ReusePool<MessageUnpacker> UNPACKERS =
      new ReusePool<>(() -> MessagePack.newDefaultUnpacker(NO_BYTES));

  private final ObjectMapper payloadMapper;
  private final ObjectWriter payloadWriter;
  private final DirectScalars scalars;
  /** Encoders of this protocol's mapper. */
  private final ReusePool<Encoder> encoders = new ReusePool<>(this::newEncoder);

  /** A protocol with the default payload mapper, {@link PayloadMappers#messagePack()}. */
  public MessagePackHubProtocol() {
    this(PayloadMappers.messagePack());
  }

  /**
   * A protocol whose payloads are read and written by {@code payloadMapper}, which must be built
   * on {@link MessagePackFactory}.
   */
  public MessagePackHubProtocol(ObjectMapper payloadMapper) {
    if (!(payloadMapper.getFactory() instanceof MessagePackFactory)) {
      throw new IllegalArgumentException(
          "The MessagePack hub protocol needs a mapper built on MessagePackFactory");
    }
    this.payloadMapper = payloadMapper;
    this.payloadWriter = payloadMapper.writer();
    this.scalars = DirectScalars.of(payloadMapper);
  }

  private Encoder newEncoder() {
    ReusableByteOutput output = new ReusableByteOutput();
    MessagePacker packer = MessagePack.newDefaultPacker(output);
    return new Encoder(output, packer, new MessagePackMessageWriter(packer, output, payloadWriter, scalars));
  }

  @Override
  public String name() {
    return "messagepack";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public TransferFormat transferFormat() {
    return TransferFormat.BINARY;
  }

  @Override
  public HubMessage parseMessage(ByteBuffer input, InvocationBinder binder) {
    return FrameLoop.nextMessage(input, VarIntFraming::nextFrame, this::parseFrame, binder);
  }

  private HubMessage parseFrame(ByteRange frame, InvocationBinder binder) {
    // A fresh unpacker allocates a 16 KB string buffer on its first string: reuse pooled ones.
    MessageUnpacker unpacker = UNPACKERS.acquire();
    try {
      unpacker.reset(new ArrayBufferInput(frame.array(), frame.offset(), frame.length()));
      MessagePackFieldReader reader = new MessagePackFieldReader(unpacker, frame, payloadMapper);
      return new MessagePackMessageReader(reader, binder).read();
    } catch (IOException | MessagePackException e) {
      throw new InvalidDataException("Invalid MessagePack data.", e);
    } finally {
      release(unpacker);
    }
  }

  /** Back to the pool without the frame: an idle unpacker must not keep a connection's buffer. */
  private static void release(MessageUnpacker unpacker) {
    try {
      unpacker.reset(new ArrayBufferInput(NO_BYTES));
      UNPACKERS.release(unpacker);
    } catch (IOException e) {
      // Swapping an array input does no I/O; were it to fail, the unpacker is just not reused.
    }
  }

  @Override
  public byte[] encode(HubMessage message) {
    Encoder encoder = encoders.acquire();
    ReusableByteOutput output = encoder.output();
    try {
      HubMessageWriter.write(message, encoder.writer());
      encoder.packer().flush();
      int length = output.size();
      byte[] framed = new byte[VarIntFraming.prefixLength(length) + length];
      output.copyTo(framed, VarIntFraming.writePrefix(length, framed, 0));
      output.reset();
      // Only a successful encode returns the encoder: after a failure the packer may still hold
      // part of the message.
      encoders.release(encoder);
      return framed;
    } catch (IOException e) {
      throw HubMessageWriter.encodingFailed(message, e);
    }
  }
}
