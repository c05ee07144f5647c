package io.switchboard.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;

/**
 * {@link Date} in MessagePack as the timestamp extension, by delegating to the mapper's
 * {@link Instant} handling (jackson-dataformat-msgpack's timestamp module).
 */
final class MessagePackDates {

  private MessagePackDates() {}

  static final class Serializer extends StdSerializer<Date> {
    private static final long serialVersionUID = 1L;

    Serializer() {
      super(Date.class);
    }

    @Override
    public void serialize(Date value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      provider.findValueSerializer(Instant.class).serialize(value.toInstant(), gen, provider);
    }
  }

  static final class Deserializer extends StdDeserializer<Date> {
    private static final long serialVersionUID = 1L;

    Deserializer() {
      super(Date.class);
    }

    @Override
    public Date deserialize(JsonParser parser, DeserializationContext context) throws IOException {
      return Date.from(context.readValue(parser, Instant.class));
    }
  }
}
