package io.switchboard.protocol.json;

import static io.switchboard.protocol.json.JsonProperty.ARGUMENTS;
import static io.switchboard.protocol.json.JsonProperty.ERROR;
import static io.switchboard.protocol.json.JsonProperty.HEADERS;
import static io.switchboard.protocol.json.JsonProperty.INVOCATION_ID;
import static io.switchboard.protocol.json.JsonProperty.ITEM;
import static io.switchboard.protocol.json.JsonProperty.RESULT;
import static io.switchboard.protocol.json.JsonProperty.SEQUENCE_ID;
import static io.switchboard.protocol.json.JsonProperty.STREAM_IDS;
import static io.switchboard.protocol.json.JsonProperty.TARGET;
import static io.switchboard.protocol.json.JsonProperty.TYPE;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.switchboard.protocol.internal.JsonReading;
import io.switchboard.protocol.internal.PayloadBinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON hub message with the streaming parser: collects the top-level properties in any
 * order, then validates them for the message type and assembles the message. One instance per
 * message.
 */
final class JsonMessageReader {

  private final JsonParser parser;
  private final ObjectMapper mapper;
  private final InvocationBinder binder;

  private int seen;
  private Integer type;
  private Map<String, String> headers = Map.of();
  private String invocationId;
  private String target;
  private List<String> streamIds = List.of();
  private String error;
  private boolean allowReconnect;
  private Long sequenceId;
  private final JsonPayload arguments = new JsonPayload();
  private final JsonPayload item = new JsonPayload();
  private final JsonPayload result = new JsonPayload();

  JsonMessageReader(JsonParser parser, ObjectMapper mapper, InvocationBinder binder) {
    this.parser = parser;
    this.mapper = mapper;
    this.binder = binder;
  }

  /** Reads the message; null when its type is unknown. */
  HubMessage read() throws IOException {
    JsonReading.readObjectStart(parser);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      readProperty(parser.currentName());
    }
    return assemble();
  }

  private void readProperty(String name) throws IOException {
    JsonProperty property = JsonProperty.of(name);
    if (property == null) {
      parser.nextToken();
      parser.skipChildren();
      return;
    }
    // A repeated property could bind arguments for one target and dispatch another.
    if ((seen & property.bit()) != 0) {
      throw new InvalidDataException("Duplicate '" + name + "' property is not allowed.");
    }
    seen |= property.bit();
    switch (property) {
      case TYPE -> type = JsonReading.readInt(parser, TYPE.wireName);
      case HEADERS -> headers = readHeaders();
      case INVOCATION_ID -> invocationId = JsonReading.readString(parser, INVOCATION_ID.wireName);
      case TARGET -> target = JsonReading.readString(parser, TARGET.wireName);
      case ARGUMENTS -> readArguments();
      case STREAM_IDS -> streamIds = readStreamIds();
      case ITEM -> readPayload(item, isType(HubMessageTypes.STREAM_ITEM), this::bindItem);
      case RESULT -> readPayload(result, isType(HubMessageTypes.COMPLETION), this::bindResult);
      case ERROR -> error = JsonReading.readString(parser, ERROR.wireName);
      case ALLOW_RECONNECT -> allowReconnect = readAllowReconnect();
      case SEQUENCE_ID -> sequenceId = JsonReading.readLong(parser, SEQUENCE_ID.wireName);
    }
  }

  private Map<String, String> readHeaders() throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw JsonReading.wrongType(HEADERS.wireName, "Object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      if (parser.nextToken() != JsonToken.VALUE_STRING) {
        throw new InvalidDataException("Expected header '" + key + "' to be of type String.");
      }
      values.put(key, parser.getText());
    }
    return values;
  }

  private List<String> readStreamIds() throws IOException {
    if (parser.nextToken() != JsonToken.START_ARRAY) {
      throw JsonReading.wrongType(STREAM_IDS.wireName, "Array");
    }
    List<String> ids = new ArrayList<>();
    for (JsonToken token = parser.nextToken();
        token != JsonToken.END_ARRAY;
        token = parser.nextToken()) {
      if (token == JsonToken.VALUE_NULL) {
        throw new InvalidDataException("Null value for 'streamIds' is not valid.");
      }
      if (token != JsonToken.VALUE_STRING) {
        throw new InvalidDataException("Expected 'streamIds' to contain only strings.");
      }
      ids.add(parser.getText());
    }
    return ids;
  }

  private boolean readAllowReconnect() throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.VALUE_TRUE && token != JsonToken.VALUE_FALSE) {
      throw new InvalidDataException("Expected 'allowReconnect' to be true or false.");
    }
    return token == JsonToken.VALUE_TRUE;
  }

  private void readArguments() throws IOException {
    if (parser.nextToken() != JsonToken.START_ARRAY) {
      throw JsonReading.wrongType(ARGUMENTS.wireName, "Array");
    }
    boolean invocation =
        isType(HubMessageTypes.INVOCATION) || isType(HubMessageTypes.STREAM_INVOCATION);
    bindOrBuffer(arguments, invocation && hasTarget(), this::bindArguments);
  }

  // An item or result: its type depends on the invocation id.
  private void readPayload(JsonPayload payload, boolean expectedType, JsonPayload.Binding binding)
      throws IOException {
    parser.nextToken();
    bindOrBuffer(payload, expectedType && hasInvocationId(), binding);
  }

  // Binds in place when the message has already said what type the value has.
  private void bindOrBuffer(JsonPayload payload, boolean typeKnown, JsonPayload.Binding binding)
      throws IOException {
    if (typeKnown) {
      payload.bindInPlace(parser, mapper, binding);
    } else {
      payload.buffer(parser);
    }
  }

  private BoundValue bindArguments(JsonPayloadReader reader) throws IOException {
    return PayloadBinding.arguments(binder, target, reader);
  }

  private BoundValue bindItem(JsonPayloadReader reader) throws IOException {
    return PayloadBinding.streamItem(binder, invocationId, reader);
  }

  private BoundValue bindResult(JsonPayloadReader reader) throws IOException {
    return PayloadBinding.result(binder, invocationId, reader);
  }

  private HubMessage assemble() throws IOException {
    if (type == null) {
      throw JsonReading.missingProperty(TYPE.wireName);
    }
    return switch (type) {
      case HubMessageTypes.INVOCATION -> invocation(false);
      case HubMessageTypes.STREAM_ITEM -> streamItem();
      case HubMessageTypes.COMPLETION -> completion();
      case HubMessageTypes.STREAM_INVOCATION -> invocation(true);
      case HubMessageTypes.CANCEL_INVOCATION ->
          new CancelInvocationMessage(headers, requireInvocationId());
      case HubMessageTypes.PING -> PingMessage.INSTANCE;
      case HubMessageTypes.CLOSE -> new CloseMessage(error, allowReconnect);
      case HubMessageTypes.ACK -> new AckMessage(requireSequenceId());
      case HubMessageTypes.SEQUENCE -> new SequenceMessage(requireSequenceId());
      default -> null;
    };
  }

  private HubMessage invocation(boolean streaming) throws IOException {
    // An empty id on an Invocation means non-blocking; a StreamInvocation needs one.
    String id = streaming ? requireInvocationId() : emptyToNull(invocationId);
    if (!hasTarget()) {
      throw JsonReading.missingProperty(TARGET.wireName);
    }
    if (!arguments.isPresent()) {
      throw JsonReading.missingProperty(ARGUMENTS.wireName);
    }
    BoundValue bound = arguments.resolve(mapper, this::bindArguments);
    return HubMessageAssembly.invocation(streaming, headers, id, target, bound, streamIds);
  }

  private HubMessage streamItem() throws IOException {
    String id = requireInvocationId();
    if (!item.isPresent()) {
      throw JsonReading.missingProperty(ITEM.wireName);
    }
    return HubMessageAssembly.streamItem(headers, id, item.resolve(mapper, this::bindItem));
  }

  private HubMessage completion() throws IOException {
    String id = requireInvocationId();
    if (error != null && result.isPresent()) {
      throw new InvalidDataException("The 'error' and 'result' properties are mutually exclusive.");
    }
    BoundValue bound = result.isPresent() ? result.resolve(mapper, this::bindResult) : null;
    return HubMessageAssembly.completion(headers, id, error, bound);
  }

  private boolean isType(int expected) {
    return type != null && type == expected;
  }

  private boolean hasInvocationId() {
    return invocationId != null && !invocationId.isEmpty();
  }

  private boolean hasTarget() {
    return target != null && !target.isEmpty();
  }

  private String requireInvocationId() {
    if (!hasInvocationId()) {
      throw JsonReading.missingProperty(INVOCATION_ID.wireName);
    }
    return invocationId;
  }

  private long requireSequenceId() {
    if (sequenceId == null) {
      throw JsonReading.missingProperty(SEQUENCE_ID.wireName);
    }
    return sequenceId;
  }

  private static String emptyToNull(String value) {
    return value == null || value.isEmpty() ? null : value;
  }
}
