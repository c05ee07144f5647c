package io.switchboard.protocol.msgpack;

import com.fasterxml.jackson.databind.ObjectWriter;
import io.switchboard.protocol.CancelInvocationMessage;
import io.switchboard.protocol.CloseMessage;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.StreamItemMessage;
import io.switchboard.protocol.internal.DirectScalars;
import io.switchboard.protocol.internal.HubMessageTypes;
import io.switchboard.protocol.internal.HubMessageWriter;
import io.switchboard.protocol.internal.ReusableByteOutput;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessagePacker;

/**
 * Writes one MessagePack hub message in the reference writer's layouts: 6-element invocations
 * (empty headers map and stream-id array included), {@code nil} for an absent id or error, result
 * kinds 1/2/3, 3-element Close. Payload values are serialized by the payload mapper straight into
 * the packer's output, or packed directly when they are {@link DirectScalars}. Reused for message
 * after message, by one thread at a time.
 */
final class MessagePackMessageWriter implements HubMessageWriter {

  private final MessagePacker packer;
  private final ReusableByteOutput output;
  private final ObjectWriter payloadWriter;
  private final DirectScalars scalars;
  private final StringPacker strings;

  /** A writer appending to {@code output}, through {@code packer} which must write to it. */
  MessagePackMessageWriter(
      MessagePacker packer, ReusableByteOutput output, ObjectWriter payloadWriter, DirectScalars scalars) {
    this.packer = packer;
    this.output = output;
    this.payloadWriter = payloadWriter;
    this.scalars = scalars;
    this.strings = new StringPacker(packer);
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
    start(6, type, headers);
    writeNullableString(invocationId);
    strings.pack(target);
    packer.packArrayHeader(arguments.length);
    for (Object argument : arguments) {
      writePayload(argument);
    }
    packer.packArrayHeader(streamIds.size());
    for (String streamId : streamIds) {
      strings.pack(streamId);
    }
  }

  @Override
  public void streamItem(StreamItemMessage message) throws IOException {
    start(4, message.type(), message.headers());
    writeNullableString(message.invocationId());
    writePayload(message.item());
  }

  @Override
  public void completion(CompletionMessage message) throws IOException {
    int resultKind =
        message.error() != null
            ? ResultKind.ERROR
            : message.hasResult() ? ResultKind.NON_VOID : ResultKind.VOID;
    start(resultKind == ResultKind.VOID ? 4 : 5, message.type(), message.headers());
    writeNullableString(message.invocationId());
    packer.packInt(resultKind);
    if (resultKind == ResultKind.ERROR) {
      strings.pack(message.error());
    } else if (resultKind == ResultKind.NON_VOID) {
      writePayload(message.result());
    }
  }

  @Override
  public void cancelInvocation(CancelInvocationMessage message) throws IOException {
    start(3, message.type(), message.headers());
    writeNullableString(message.invocationId());
  }

  @Override
  public void ping() throws IOException {
    packer.packArrayHeader(1);
    packer.packInt(HubMessageTypes.PING);
  }

  @Override
  public void close(CloseMessage message) throws IOException {
    packer.packArrayHeader(3);
    packer.packInt(message.type());
    writeNullableString(message.error());
    packer.packBoolean(message.allowReconnect());
  }

  @Override
  public void sequenceId(int type, long sequenceId) throws IOException {
    packer.packArrayHeader(2);
    packer.packInt(type);
    packer.packLong(sequenceId);
  }

  private void start(int elements, int type, Map<String, String> headers) throws IOException {
    packer.packArrayHeader(elements);
    packer.packInt(type);
    packer.packMapHeader(headers.size());
    for (Map.Entry<String, String> header : headers.entrySet()) {
      strings.pack(header.getKey());
      strings.pack(header.getValue());
    }
  }

  // Null and empty both travel as nil, as in the reference writer.
  private void writeNullableString(String value) throws IOException {
    if (value == null || value.isEmpty()) {
      packer.packNil();
    } else {
      strings.pack(value);
    }
  }

  private void writePayload(Object value) throws IOException {
    if (!scalars.isDirect(value)) {
      packer.flush(); // the mapper appends to the output directly, after what the packer holds
      payloadWriter.writeValue(output, value);
    } else if (value == null) {
      packer.packNil();
    } else if (value instanceof String text) {
      strings.pack(text);
    } else if (value instanceof Integer number) {
      packer.packInt(number);
    } else if (value instanceof Long number) {
      packer.packLong(number);
    } else {
      packer.packBoolean((Boolean) value);
    }
  }
}
