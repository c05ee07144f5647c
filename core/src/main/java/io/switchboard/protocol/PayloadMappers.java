package io.switchboard.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.util.BufferRecycler;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.core.util.RecyclerPool;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.cfg.MapperBuilder;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.switchboard.protocol.internal.ReusePool;
import java.util.Date;
import org.msgpack.jackson.dataformat.MessagePackFactory;
import org.msgpack.jackson.dataformat.MessagePackMapper;
import org.msgpack.jackson.dataformat.TimestampExtensionModule;

/**
 * The default Jackson mappers for hub-method payloads (arguments, results, stream items), mirroring
 * the reference server's serializer defaults. Pass your own mapper to a protocol's constructor to
 * change them, e.g. {@code jsonBuilder().propertyNamingStrategy(...).build()}.
 *
 * <p>Common to both: Java property names as declared, case-insensitive property matching on read,
 * unknown properties ignored, nulls written, and no scalar coercion (a string does not bind to a
 * number or boolean parameter, nor a number or boolean to a string; a fractional number does not
 * bind to an integer; null does not bind to a primitive), so a type mismatch is a binding error as
 * in the reference server.
 *
 * <p>JSON: java.time values as ISO-8601 strings ({@code 2017-04-11T00:00:00Z}), {@code byte[]} as
 * base64, enums as their ordinal (System.Text.Json writes enum numbers; names are accepted on
 * read), integral floating-point values without a fraction ({@code 2.0f} → {@code 2}).
 *
 * <p>MessagePack: {@code byte[]} as bin, {@link java.time.Instant} and {@link Date} as the
 * timestamp extension (type −1), UUIDs as strings, enums as names; only str binds to a {@code
 * String} (not ext, not bin).
 *
 * <p>Both recycle Jackson's parser and generator buffers in one shared pool rather than per
 * thread: hub methods run on virtual threads on Java 21+, which live for one task and would
 * otherwise allocate fresh buffers for every message.
 */
public final class PayloadMappers {

  private PayloadMappers() {}

  /** A new default JSON payload mapper. */
  public static ObjectMapper json() {
    return jsonBuilder().build();
  }

  /**
   * Jackson's buffers, shared by all threads (virtual threads never reuse a thread-local one) and
   * bounded like {@code ReusePool}: a burst of concurrent calls leaves at most this many behind.
   */
  private static RecyclerPool<BufferRecycler> recyclers() {
    return JsonRecyclerPools.newBoundedPool(ReusePool.MAX_IDLE);
  }

  /** A builder preset with the JSON defaults, to adjust before building. */
  public static JsonMapper.Builder jsonBuilder() {
    SimpleModule numbers = new SimpleModule("switchboard-json-numbers");
    JsonNumberSerializers.register(numbers);
    return common(
            JsonMapper.builder(
                JsonFactory.builder().recyclerPool(recyclers()).build()))
        .enable(SerializationFeature.WRITE_ENUMS_USING_INDEX)
        .addModule(numbers);
  }

  /** A new default MessagePack payload mapper. */
  public static ObjectMapper messagePack() {
    return messagePackBuilder().build();
  }

  /** A builder preset with the MessagePack defaults, to adjust before building. */
  public static MessagePackMapper.Builder messagePackBuilder() {
    SimpleModule values = new SimpleModule("switchboard-msgpack-values");
    values.addSerializer(Date.class, new MessagePackDates.Serializer());
    values.addDeserializer(Date.class, new MessagePackDates.Deserializer());
    values.addDeserializer(String.class, new MessagePackStrings());
    // Registered after JavaTimeModule so that its Instant handling takes precedence.
    MessagePackFactory factory = new MessagePackFactory();
    factory.setRecyclerPool(recyclers());
    return common(MessagePackMapper.builder(factory))
        .addModule(TimestampExtensionModule.INSTANCE)
        .addModule(values);
  }

  private static <M extends ObjectMapper, B extends MapperBuilder<M, B>> B common(B builder) {
    return builder
        .addModule(new JavaTimeModule())
        .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
        .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(
            LogicalType.Textual,
            config ->
                config
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .withCoercionConfig(
            LogicalType.Integer,
            config -> config.setCoercion(CoercionInputShape.Float, CoercionAction.Fail));
  }
}
