package io.switchboard.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * Writes integral float and double values without a fraction ({@code 2.0} → {@code 2}), as the
 * reference server's JSON writer does; other values keep Jackson's shortest form.
 */
final class JsonNumberSerializers {

  // Beyond 2^53 a double no longer holds every integer; leave such values to Jackson.
  private static final double EXACT_INTEGER_LIMIT = 9_007_199_254_740_992d;

  private JsonNumberSerializers() {}

  static void register(SimpleModule module) {
    DoubleSerializer doubles = new DoubleSerializer();
    FloatSerializer floats = new FloatSerializer();
    module.addSerializer(Double.class, doubles);
    module.addSerializer(Double.TYPE, doubles);
    module.addSerializer(Float.class, floats);
    module.addSerializer(Float.TYPE, floats);
  }

  private static boolean isPlainInteger(double value) {
    return value == Math.rint(value)
        && Math.abs(value) < EXACT_INTEGER_LIMIT
        && !(value == 0 && 1 / value < 0); // keep -0.0 distinct from 0
  }

  private static final class DoubleSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    DoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      double v = value;
      if (isPlainInteger(v)) {
        gen.writeNumber((long) v);
      } else {
        gen.writeNumber(v);
      }
    }
  }

  private static final class FloatSerializer extends StdSerializer<Float> {
    private static final long serialVersionUID = 1L;

    FloatSerializer() {
      super(Float.class);
    }

    @Override
    public void serialize(Float value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      float v = value;
      if (isPlainInteger(v)) {
        gen.writeNumber((long) v);
      } else {
        gen.writeNumber(v);
      }
    }
  }
}
