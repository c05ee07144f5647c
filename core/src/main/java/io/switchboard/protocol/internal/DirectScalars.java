package io.switchboard.protocol.internal;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.BooleanSerializer;
import com.fasterxml.jackson.databind.ser.std.NullSerializer;
import com.fasterxml.jackson.databind.ser.std.NumberSerializers;
import com.fasterxml.jackson.databind.ser.std.StringSerializer;

/**
 * Which payload values an encoder may write itself instead of through the payload mapper: {@code
 * null}, and {@code String}, {@code Integer}, {@code Long} and {@code Boolean} values, each only
 * when the mapper serializes it with Jackson's standard serializer (a mapper with its own
 * serializer for one of them keeps it). Writing these directly gives the same bytes without the
 * serializer context Jackson creates for every value, the bulk of an echo's encoding allocations.
 */
public final class DirectScalars {
  private final boolean nulls;
  private final boolean strings;
  private final boolean integers;
  private final boolean longs;
  private final boolean booleans;

  private DirectScalars(ObjectMapper mapper) {
    SerializerProvider provider = mapper.getSerializerProviderInstance();
    nulls = provider.getDefaultNullValueSerializer() instanceof NullSerializer;
    strings = standard(provider, String.class, StringSerializer.class);
    integers = standard(provider, Integer.class, NumberSerializers.IntegerSerializer.class);
    longs = standard(provider, Long.class, NumberSerializers.LongSerializer.class);
    booleans = standard(provider, Boolean.class, BooleanSerializer.class);
  }

  /** What {@code mapper} lets an encoder write directly. */
  public static DirectScalars of(ObjectMapper mapper) {
    return new DirectScalars(mapper);
  }

  private static boolean standard(SerializerProvider provider, Class<?> type, Class<?> serializer) {
    try {
      JsonSerializer<Object> found = provider.findValueSerializer(type);
      return found.getClass() == serializer;
    } catch (JsonMappingException e) {
      return false; // no serializer to compare with: leave the type to the mapper
    }
  }

  /** Whether {@code value} may be written directly: its bytes would be the mapper's. */
  public boolean isDirect(Object value) {
    if (value == null) {
      return nulls;
    }
    Class<?> type = value.getClass();
    return type == String.class ? strings
        : type == Integer.class ? integers
        : type == Long.class ? longs
        : type == Boolean.class && booleans;
  }
}
