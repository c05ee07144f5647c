package io.switchboard.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.switchboard.protocol.internal.BoundValue;
import io.switchboard.protocol.internal.JsonReading;
import java.io.IOException;

/**
 * One payload property of a JSON message ({@code arguments}, {@code item} or {@code result}).
 * Properties come in any order (the JS client writes {@code arguments} before {@code target} and
 * {@code type}), so the value is bound where it stands when the message says enough to know its
 * type, and otherwise buffered as tokens and bound once the whole message has been read.
 */
final class JsonPayload {

  /** Binds the value that a reader is positioned on. */
  @FunctionalInterface
  interface Binding {
    BoundValue bind(JsonPayloadReader reader) throws IOException;
  }

  private boolean present;
  private TokenBuffer buffered;
  private BoundValue bound;

  boolean isPresent() {
    return present;
  }

  /**
   * Binds the value the parser is on and leaves the parser on its last token, however far a failed
   * binding got.
   */
  void bindInPlace(JsonParser parser, ObjectMapper mapper, Binding binding) throws IOException {
    present = true;
    JsonStreamContext enclosing =
        parser.currentToken().isStructStart()
            ? parser.getParsingContext().getParent()
            : parser.getParsingContext();
    bound = binding.bind(new JsonPayloadReader(parser, mapper));
    while (parser.getParsingContext() != enclosing) {
      if (parser.nextToken() == null) {
        throw JsonReading.readError(null);
      }
    }
  }

  /** Buffers the value the parser is on, to be bound by {@link #resolve}. */
  void buffer(JsonParser parser) throws IOException {
    present = true;
    buffered = TokenBuffer.asCopyOfValue(parser);
  }

  /** The bound value, binding the buffered tokens first if the value was buffered. */
  BoundValue resolve(ObjectMapper mapper, Binding binding) throws IOException {
    if (buffered != null) {
      try (JsonParser replay = buffered.asParser(mapper)) {
        replay.nextToken();
        bound = binding.bind(new JsonPayloadReader(replay, mapper));
      }
      buffered = null;
    }
    return bound;
  }
}
