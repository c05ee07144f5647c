package io.switchboard.protocol.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.internal.ArgumentSource;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * Reads payload values straight from a JSON parser with the payload mapper. For a single value the
 * parser is on the value's first token; for arguments it is on the array's start.
 */
final class JsonPayloadReader implements ArgumentSource {

  private final JsonParser parser;
  private final ObjectMapper mapper;

  JsonPayloadReader(JsonParser parser, ObjectMapper mapper) {
    this.parser = parser;
    this.mapper = mapper;
  }

  @Override
  public int start() {
    return -1; // JSON arrays do not announce their length
  }

  @Override
  public boolean hasNext() throws IOException {
    return parser.nextToken() != JsonToken.END_ARRAY;
  }

  @Override
  public Object read(Type type) throws IOException {
    return mapper.readValue(parser, mapper.constructType(type));
  }

  @Override
  public void skip() throws IOException {
    parser.skipChildren();
  }
}
