package io.switchboard.protocol.msgpack;

import io.switchboard.protocol.AckMessage;
import io.switchboard.protocol.CancelInvocationMessage;
import io.switchboard.protocol.CloseMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.InvocationBinder;
import io.switchboard.protocol.PingMessage;
import io.switchboard.protocol.SequenceMessage;
import io.switchboard.protocol.internal.BoundValue;
import io.switchboard.protocol.internal.HubMessageAssembly;
import io.switchboard.protocol.internal.HubMessageTypes;
import io.switchboard.protocol.internal.PayloadBinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one MessagePack hub message: an array whose elements are read by position. Shorter forms
 * sent by the JS client (5-element invocations, 2-element Close) are accepted, elements after the
 * known ones are ignored, and empty ids, targets and header entries are rejected as by the newest
 * reference reader.
 */
final class MessagePackMessageReader {

  private final MessagePackFieldReader reader;
  private final InvocationBinder binder;

  MessagePackMessageReader(MessagePackFieldReader reader, InvocationBinder binder) {
    this.reader = reader;
    this.binder = binder;
  }

  /** Reads the message; null when its type is unknown. */
  HubMessage read() throws IOException {
    int length = reader.readArrayLength("message");
    int type = reader.readInt("messageType");
    return switch (type) {
      case HubMessageTypes.INVOCATION -> invocation(false, length);
      case HubMessageTypes.STREAM_ITEM -> streamItem();
      case HubMessageTypes.COMPLETION -> completion();
      case HubMessageTypes.STREAM_INVOCATION -> invocation(true, length);
      case HubMessageTypes.CANCEL_INVOCATION -> cancelInvocation();
      case HubMessageTypes.PING -> PingMessage.INSTANCE;
      case HubMessageTypes.CLOSE -> close(length);
      case HubMessageTypes.ACK -> new AckMessage(reader.readLong("sequenceId"));
      case HubMessageTypes.SEQUENCE -> new SequenceMessage(reader.readLong("sequenceId"));
      default -> null;
    };
  }

  private HubMessage invocation(boolean streaming, int length) throws IOException {
    String kind = streaming ? "StreamInvocation" : "Invocation";
    Map<String, String> headers = readHeaders();
    // An Invocation's empty id means non-blocking, like an absent one.
    String invocationId =
        streaming ? readInvocationId(kind) : emptyToNull(reader.readString("invocationId"));
    String target = requireNonEmpty(reader.readString("target"), "target for " + kind + " message");
    BoundValue arguments = PayloadBinding.arguments(binder, target, reader);
    // After a binding failure the position is unknown; the stream ids are not needed then.
    List<String> streamIds = length > 5 && !arguments.isFailed() ? readStreamIds() : List.of();
    return HubMessageAssembly.invocation(
        streaming, headers, invocationId, target, arguments, streamIds);
  }

  private HubMessage streamItem() throws IOException {
    Map<String, String> headers = readHeaders();
    String invocationId = readInvocationId("StreamItem");
    return HubMessageAssembly.streamItem(
        headers, invocationId, PayloadBinding.streamItem(binder, invocationId, reader));
  }

  private HubMessage completion() throws IOException {
    Map<String, String> headers = readHeaders();
    String invocationId = readInvocationId("Completion");
    int resultKind = reader.readInt("resultKind");
    return switch (resultKind) {
      case ResultKind.ERROR -> HubMessageAssembly.completion(
          headers, invocationId, reader.readString("error"), null);
      case ResultKind.VOID -> HubMessageAssembly.completion(headers, invocationId, null, null);
      case ResultKind.NON_VOID -> HubMessageAssembly.completion(
          headers, invocationId, null, PayloadBinding.result(binder, invocationId, reader));
      default -> throw new InvalidDataException("Invalid invocation result kind.");
    };
  }

  private HubMessage cancelInvocation() {
    Map<String, String> headers = readHeaders();
    return new CancelInvocationMessage(headers, readInvocationId("CancelInvocation"));
  }

  private HubMessage close(int length) {
    String error = reader.readString("error");
    boolean allowReconnect = length > 2 && reader.readBoolean("allowReconnect");
    // An empty error means no error.
    return new CloseMessage(emptyToNull(error), allowReconnect);
  }

  private Map<String, String> readHeaders() {
    int count = reader.readMapLength("headers");
    if (count == 0) {
      return Map.of();
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String key = requireNonEmpty(reader.readString("headers[" + i + "].Key"), "key in header");
      String value =
          requireNonEmpty(reader.readString("headers[" + i + "].Value"), "value in header");
      headers.put(key, value);
    }
    return headers;
  }

  private List<String> readStreamIds() {
    int count = reader.readArrayLength("streamIds");
    // Not sized by the count: a header may announce 2^31 ids in a frame of a few bytes.
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(
          requireNonEmpty(
              reader.readString("streamIds[" + i + "]"), "value in streamIds received"));
    }
    return ids;
  }

  private String readInvocationId(String kind) {
    return requireNonEmpty(
        reader.readString("invocationId"), "invocation ID for " + kind + " message");
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }

  private static String requireNonEmpty(String value, String what) {
    if (value == null || value.isEmpty()) {
      throw new InvalidDataException("Null or empty " + what + ".");
    }
    return value;
  }
}
