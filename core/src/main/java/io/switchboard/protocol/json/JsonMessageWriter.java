package io.switchboard.protocol.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.switchboard.protocol.CancelInvocationMessage;
import io.switchboard.protocol.CloseMessage;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.StreamItemMessage;
import io.switchboard.protocol.internal.DirectScalars;
import io.switchboard.protocol.internal.HubMessageTypes;
import io.switchboard.protocol.internal.HubMessageWriter;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Writes one JSON hub message with the reference writer's property order and omissions (compact,
 * {@code type} first, {@code headers} only when not empty). Payload values are serialized with the
 * payload mapper straight into the same generator, or written by the generator itself when they
 * are {@link DirectScalars}. Reused for message after message, by one thread at a time.
 */
final class JsonMessageWriter implements HubMessageWriter {

  private final JsonGenerator generator;
  private final ObjectWriter payloadWriter;
  private final DirectScalars scalars;

  JsonMessageWriter(JsonGenerator generator, ObjectWriter payloadWriter, DirectScalars scalars) {
    this.generator = generator;
    this.payloadWriter = payloadWriter;
    this.scalars = scalars;
  }

  /** The payload writer to pass to the constructor: one per protocol instance. */
  static ObjectWriter payloadWriter(ObjectMapper mapper) {
    // Flushing after every argument would only cost time: the target is in memory.
    return mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
  }

  @Override
  public void invocation(
      int type,
      Map<String, String> headers,
      String invocationId,
      String target,
      Object[] arguments,
      List<String> streamIds)
      throws IOException {
    start(type, headers);
    writeInvocationId(invocationId);
    generator.writeStringField("target", target);
    generator.writeArrayFieldStart("arguments");
    for (Object argument : arguments) {
      writePayload(argument);
    }
    generator.writeEndArray();
    if (!streamIds.isEmpty()) {
      generator.writeArrayFieldStart("streamIds");
      for (String streamId : streamIds) {
        generator.writeString(streamId);
      }
      generator.writeEndArray();
    }
    generator.writeEndObject();
  }

  @Override
  public void streamItem(StreamItemMessage message) throws IOException {
    start(message.type(), message.headers());
    writeInvocationId(message.invocationId());
    generator.writeFieldName("item");
    writePayload(message.item());
    generator.writeEndObject();
  }

  @Override
  public void completion(CompletionMessage message) throws IOException {
    start(message.type(), message.headers());
    writeInvocationId(message.invocationId());
    if (message.error() != null && !message.error().isEmpty()) {
      generator.writeStringField("error", message.error());
    } else if (message.hasResult()) {
      generator.writeFieldName("result");
      writePayload(message.result());
    }
    generator.writeEndObject();
  }

  @Override
  public void cancelInvocation(CancelInvocationMessage message) throws IOException {
    start(message.type(), message.headers());
    writeInvocationId(message.invocationId());
    generator.writeEndObject();
  }

  @Override
  public void ping() throws IOException {
    start(HubMessageTypes.PING, Map.of());
    generator.writeEndObject();
  }

  @Override
  public void close(CloseMessage message) throws IOException {
    start(message.type(), Map.of());
    if (message.error() != null) {
      generator.writeStringField("error", message.error());
    }
    if (message.allowReconnect()) {
      generator.writeBooleanField("allowReconnect", true);
    }
    generator.writeEndObject();
  }

  @Override
  public void sequenceId(int type, long sequenceId) throws IOException {
    start(type, Map.of());
    generator.writeNumberField("sequenceId", sequenceId);
    generator.writeEndObject();
  }

  private void start(int type, Map<String, String> headers) throws IOException {
    generator.writeStartObject();
    generator.writeNumberField("type", type);
    // Older Java clients fail on any "headers" property, so an empty map is left out.
    if (!headers.isEmpty()) {
      generator.writeObjectFieldStart("headers");
      for (Map.Entry<String, String> header : headers.entrySet()) {
        generator.writeStringField(header.getKey(), header.getValue());
      }
      generator.writeEndObject();
    }
  }

  private void writePayload(Object value) throws IOException {
    if (!scalars.isDirect(value)) {
      payloadWriter.writeValue(generator, value);
    } else if (value == null) {
      generator.writeNull();
    } else if (value instanceof String text) {
      generator.writeString(text);
    } else if (value instanceof Integer number) {
      generator.writeNumber(number);
    } else if (value instanceof Long number) {
      generator.writeNumber(number);
    } else {
      generator.writeBoolean((Boolean) value);
    }
  }

  private void writeInvocationId(String invocationId) throws IOException {
    if (invocationId != null && !invocationId.isEmpty()) {
      generator.writeStringField("invocationId", invocationId);
    }
  }
}
