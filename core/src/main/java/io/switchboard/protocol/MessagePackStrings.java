package io.switchboard.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import java.io.IOException;

/**
 * Strings of the MessagePack payload mapper: only str (and nil) bind to a {@code String}, as in
 * MessagePack-CSharp. Jackson's own deserializer would turn an ext value into its {@code
 * toString()} and a bin value into base64.
 */
final class MessagePackStrings extends StringDeserializer {
  private static final long serialVersionUID = 1L;

  @Override
  public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
    if (parser.hasToken(JsonToken.VALUE_EMBEDDED_OBJECT)) {
      return (String) context.handleUnexpectedToken(String.class, parser);
    }
    return super.deserialize(parser, context);
  }
}
