package io.switchboard.protocol.msgpack;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.internal.ArgumentSource;
import io.switchboard.protocol.internal.ByteRange;
import java.io.IOException;
import java.lang.reflect.Type;
import org.msgpack.core.MessageFormat;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Positional, typed reads from one MessagePack frame with the reference reader's failure texts
 * ({@code Reading '<field>' as <Type> failed.}). Payload values are bound by the payload mapper
 * from their own bytes, whose extent the unpacker finds by skipping the value.
 */
final class MessagePackFieldReader implements ArgumentSource {

  @FunctionalInterface
  private interface Read<T> {
    T read() throws IOException;
  }

  private final MessageUnpacker unpacker;
  private final ByteRange frame;
  private final ObjectMapper mapper;
  private int argumentsLeft;

  MessagePackFieldReader(MessageUnpacker unpacker, ByteRange frame, ObjectMapper mapper) {
    this.unpacker = unpacker;
    this.frame = frame;
    this.mapper = mapper;
  }

  int readArrayLength(String field) {
    return read(unpacker::unpackArrayHeader, "Reading array length for '" + field + "' failed.");
  }

  int readMapLength(String field) {
    return read(unpacker::unpackMapHeader, "Reading map length for '" + field + "' failed.");
  }

  int readInt(String field) {
    return read(unpacker::unpackInt, typedFailure(field, "Int32"));
  }

  long readLong(String field) {
    return read(unpacker::unpackLong, typedFailure(field, "Int64"));
  }

  boolean readBoolean(String field) {
    return read(unpacker::unpackBoolean, typedFailure(field, "Boolean"));
  }

  /** Reads a string; {@code nil} reads as null. */
  String readString(String field) {
    return read(this::unpackNullableString, typedFailure(field, "String"));
  }

  @Override
  public int start() {
    argumentsLeft = readArrayLength("arguments");
    return argumentsLeft;
  }

  @Override
  public boolean hasNext() {
    if (argumentsLeft == 0) {
      return false;
    }
    argumentsLeft--;
    return true;
  }

  @Override
  public Object read(Type type) throws IOException {
    int start = (int) unpacker.getTotalReadBytes();
    unpacker.skipValue();
    int length = (int) unpacker.getTotalReadBytes() - start;
    try {
      return mapper.readValue(
          frame.array(), frame.offset() + start, length, mapper.constructType(type));
    } catch (JsonParseException e) {
      // The bytes are well-formed MessagePack (just skipped), so this is a binding problem.
      throw new InvalidDataException(e.getOriginalMessage(), e);
    }
  }

  @Override
  public void skip() throws IOException {
    unpacker.skipValue();
  }

  private String unpackNullableString() throws IOException {
    if (unpacker.getNextFormat() == MessageFormat.NIL) {
      unpacker.unpackNil();
      return null;
    }
    return unpacker.unpackString();
  }

  private static <T> T read(Read<T> read, String failure) {
    try {
      return read.read();
    } catch (IOException | MessagePackException e) {
      throw new InvalidDataException(failure, e);
    }
  }

  private static String typedFailure(String field, String type) {
    return "Reading '" + field + "' as " + type + " failed.";
  }
}
