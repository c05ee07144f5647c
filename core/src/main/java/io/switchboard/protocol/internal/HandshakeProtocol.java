package io.switchboard.protocol.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.switchboard.protocol.InvalidDataException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The hub handshake, which is JSON terminated by the record separator whatever hub protocol
 * follows. Parsing follows the reference parser: properties in any order, unknown ones skipped, the
 * last occurrence of a repeated one wins, and only the first JSON object before the separator is
 * read.
 */
public final class HandshakeProtocol {

  private static final String PROTOCOL = "protocol";
  private static final String VERSION = "version";
  private static final JsonFactory JSON = new JsonFactory();
  private static final byte[] SUCCESS = {'{', '}', TextFraming.RECORD_SEPARATOR};

  private HandshakeProtocol() {}

  /**
   * Parses a handshake request from {@code input}.
   *
   * @return the request, with the position advanced past its separator (bytes after it are hub
   *     messages and stay in the buffer); or null when the separator has not arrived yet (the
   *     position is then unchanged)
   * @throws InvalidDataException when the request is malformed
   */
  public static HandshakeRequest parseRequest(ByteBuffer input) {
    ByteBuffer frame = TextFraming.nextFrame(input);
    if (frame == null) {
      return null;
    }
    ByteRange bytes = ByteRange.of(frame);
    String protocol = null;
    Integer version = null;
    try (JsonParser parser = JSON.createParser(bytes.array(), bytes.offset(), bytes.length())) {
      JsonReading.readObjectStart(parser);
      while (parser.nextToken() == JsonToken.FIELD_NAME) {
        switch (parser.currentName()) {
          case PROTOCOL -> protocol = JsonReading.readString(parser, PROTOCOL);
          case VERSION -> version = JsonReading.readInt(parser, VERSION);
          default -> {
            parser.nextToken();
            parser.skipChildren();
          }
        }
      }
    } catch (IOException e) {
      throw JsonReading.readError(e);
    }
    if (protocol == null) {
      throw missing(PROTOCOL, bytes);
    }
    if (version == null) {
      throw missing(VERSION, bytes);
    }
    return new HandshakeRequest(protocol, version);
  }

  /** The success response, {@code {}} and the separator (bytes {@code 7B 7D 1E}). */
  public static byte[] successResponse() {
    return SUCCESS.clone();
  }

  /** The failure response {@code {"error":"<message>"}} and the separator. */
  public static byte[] errorResponse(String message) {
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    try (JsonGenerator generator = JSON.createGenerator(output)) {
      generator.writeStartObject();
      generator.writeStringField("error", message);
      generator.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // cannot happen: the output is in memory
    }
    output.write(TextFraming.RECORD_SEPARATOR);
    return output.toByteArray();
  }

  private static InvalidDataException missing(String property, ByteRange request) {
    String content =
        new String(request.array(), request.offset(), request.length(), StandardCharsets.UTF_8);
    return new InvalidDataException(
        JsonReading.missingPropertyText(property) + " Message content: " + content);
  }
}
