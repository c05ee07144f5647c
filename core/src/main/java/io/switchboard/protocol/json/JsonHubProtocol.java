package io.switchboard.protocol.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvocationBinder;
import io.switchboard.protocol.PayloadMappers;
import io.switchboard.protocol.TransferFormat;
import io.switchboard.protocol.internal.ByteRange;
import io.switchboard.protocol.internal.DirectScalars;
import io.switchboard.protocol.internal.FrameLoop;
import io.switchboard.protocol.internal.HubMessageWriter;
import io.switchboard.protocol.internal.JsonReading;
import io.switchboard.protocol.internal.ReusableByteOutput;
import io.switchboard.protocol.internal.ReusePool;
import io.switchboard.protocol.internal.TextFraming;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

/**
 * The {@code json} hub protocol: one UTF-8 JSON object per message, each followed by the record
 * separator {@code 0x1E}. Parsing uses Jackson's streaming parser and binds payloads straight to
 * the parameter types with the payload mapper; properties may come in any order, unknown ones are
 * skipped, a repeated known one is rejected. Thread-safe.
 */
public final class JsonHubProtocol implements HubProtocol {

  private final ObjectMapper payloadMapper;
  private final ObjectWriter payloadWriter;
  private final DirectScalars scalars;
  /** Encoders of this protocol's mapper: a generator lives as long as its encoder. */
  private final ReusePool<Encoder> encoders = new ReusePool<>(this::newEncoder);

  /** A reusable output, a generator writing to it and the message writer on that generator. */
  private record Encoder(ReusableByteOutput output, JsonGenerator generator, JsonMessageWriter writer) {}

  /** A protocol with the default payload mapper, {@link PayloadMappers#json()}. */
  public JsonHubProtocol() {
    this(PayloadMappers.json());
  }

  /**
   * A protocol whose payloads (arguments, results, items) are read and written by {@code
   * payloadMapper}, which must be a JSON mapper.
   */
  public JsonHubProtocol(ObjectMapper payloadMapper) {
    if (!JsonFactory.FORMAT_NAME_JSON.equals(payloadMapper.getFactory().getFormatName())) {
      throw new IllegalArgumentException(
          "The JSON hub protocol needs a JSON mapper, not "
              + payloadMapper.getFactory().getFormatName());
    }
    this.payloadMapper = payloadMapper;
    this.payloadWriter = JsonMessageWriter.payloadWriter(payloadMapper);
    this.scalars = DirectScalars.of(payloadMapper);
  }

  private Encoder newEncoder() {
    ReusableByteOutput output = new ReusableByteOutput();
    try {
      JsonGenerator generator = payloadMapper.getFactory().createGenerator(output);
      // One generator writes message after message: no separator between these root values.
      generator.setRootValueSeparator(null);
      // As the payload writer would configure it before its first value.
      payloadWriter.getConfig().initialize(generator);
      return new Encoder(output, generator, new JsonMessageWriter(generator, payloadWriter, scalars));
    } catch (IOException e) {
      throw new UncheckedIOException("Could not create a JSON generator over memory", e);
    }
  }

  @Override
  public String name() {
    return "json";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public TransferFormat transferFormat() {
    return TransferFormat.TEXT;
  }

  @Override
  public HubMessage parseMessage(ByteBuffer input, InvocationBinder binder) {
    return FrameLoop.nextMessage(input, TextFraming::nextFrame, this::parseFrame, binder);
  }

  private HubMessage parseFrame(ByteRange frame, InvocationBinder binder) {
    try (JsonParser parser =
        payloadMapper.getFactory().createParser(frame.array(), frame.offset(), frame.length())) {
      return new JsonMessageReader(parser, payloadMapper, binder).read();
    } catch (IOException e) {
      throw JsonReading.readError(e);
    }
  }

  @Override
  public byte[] encode(HubMessage message) {
    Encoder encoder = encoders.acquire();
    ReusableByteOutput output = encoder.output();
    try {
      HubMessageWriter.write(message, encoder.writer());
      encoder.generator().flush();
      output.write(TextFraming.RECORD_SEPARATOR);
      byte[] encoded = output.toByteArray();
      output.reset();
      // Only a successful encode returns the encoder: after a failure the generator may be in
      // the middle of the message.
      encoders.release(encoder);
      return encoded;
    } catch (IOException e) {
      throw HubMessageWriter.encodingFailed(message, e);
    }
  }
}
