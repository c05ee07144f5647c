package io.switchboard.protocol.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.switchboard.protocol.InvalidDataException;
import java.io.IOException;

/**
 * Typed reads of JSON envelope properties with the reference server's error texts; used by the
 * JSON hub protocol and the handshake. Each method reads the next token.
 */
public final class JsonReading {

  private JsonReading() {}

  /** Reads the start of the top-level object. */
  public static void readObjectStart(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token == null) {
      throw readError(null);
    }
    if (token != JsonToken.START_OBJECT) {
      throw new InvalidDataException(
          "Unexpected JSON Token Type '" + tokenTypeName(token) + "'. Expected a JSON Object.");
    }
  }

  /** Reads a string value. */
  public static String readString(JsonParser parser, String property) throws IOException {
    if (parser.nextToken() != JsonToken.VALUE_STRING) {
      throw wrongType(property, "String");
    }
    return parser.getText();
  }

  /** Reads an integer that fits an int. */
  public static int readInt(JsonParser parser, String property) throws IOException {
    if (parser.nextToken() != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() != JsonParser.NumberType.INT) {
      throw wrongType(property, "Number");
    }
    return parser.getIntValue();
  }

  /** Reads an integer that fits a long. */
  public static long readLong(JsonParser parser, String property) throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.VALUE_NUMBER_INT
        || parser.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
      throw wrongType(property, "Number");
    }
    return parser.getLongValue();
  }

  /** {@code Missing required property '<property>'.} */
  public static InvalidDataException missingProperty(String property) {
    return new InvalidDataException(missingPropertyText(property));
  }

  /** The text of {@link #missingProperty(String)}, for callers that add to it. */
  public static String missingPropertyText(String property) {
    return "Missing required property '" + property + "'.";
  }

  /** {@code Expected '<property>' to be of type <type>.} */
  public static InvalidDataException wrongType(String property, String type) {
    return new InvalidDataException("Expected '" + property + "' to be of type " + type + ".");
  }

  /** Malformed JSON: {@code Error reading JSON.} */
  public static InvalidDataException readError(Exception cause) {
    return new InvalidDataException("Error reading JSON.", cause);
  }

  // The names System.Text.Json gives these tokens, which appear in the reference texts.
  private static String tokenTypeName(JsonToken token) {
    return switch (token) {
      case START_ARRAY -> "Array";
      case VALUE_STRING -> "String";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "Number";
      case VALUE_TRUE -> "True";
      case VALUE_FALSE -> "False";
      case VALUE_NULL -> "Null";
      default -> token.name();
    };
  }
}
