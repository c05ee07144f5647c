package io.switchboard.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.testing.CustomObject;
import io.switchboard.protocol.testing.Hex;
import io.switchboard.protocol.testing.TestEnum;
import java.io.IOException;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The default payload mappers: the reference serializer defaults, mapped to Java. */
class PayloadMappersTest {

  private static final ObjectMapper JSON = PayloadMappers.json();
  private static final ObjectMapper MESSAGE_PACK = PayloadMappers.messagePack();
  private static final Instant APRIL_11 = Instant.parse("2017-04-11T00:00:00Z");
  private static final UUID ID = UUID.fromString("0F8FAD5B-D9CB-469F-A165-70867728950E");

  @Test
  void jsonWritesReferenceForms() throws JsonProcessingException {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("instant", APRIL_11);
    values.put("fraction", Instant.parse("2017-04-11T00:00:00.5Z"));
    values.put("bytes", new byte[] {1, 2, 3});
    values.put("uuid", ID);
    values.put("none", null);
    values.put("enum", TestEnum.One);
    values.put("float", 2.0f);
    values.put("double", 6.2831853071);
    values.put("negativeZero", -0.0);

    assertEquals(
        "{\"instant\":\"2017-04-11T00:00:00Z\",\"fraction\":\"2017-04-11T00:00:00.500Z\","
            + "\"bytes\":\"AQID\",\"uuid\":\"0f8fad5b-d9cb-469f-a165-70867728950e\",\"none\":null,"
            + "\"enum\":1,\"float\":2,\"double\":6.2831853071,\"negativeZero\":-0.0}",
        JSON.writeValueAsString(values));
  }

  @Test
  void jsonReadsCaseInsensitivelyAndIgnoresUnknownProperties() throws IOException {
    CustomObject read =
        JSON.readValue(
            "{\"StringProp\":\"SignalR!\",\"DATETIMEPROP\":\"2017-04-11T00:00:00Z\",\"extra\":1}",
            CustomObject.class);

    assertEquals(new CustomObject(), read);
  }

  @Test
  void jsonReadsEnumsByNumberOrName() throws IOException {
    assertEquals(TestEnum.One, JSON.readValue("1", TestEnum.class));
    assertEquals(TestEnum.One, JSON.readValue("\"One\"", TestEnum.class));
  }

  @ParameterizedTest(name = "{0} as {1}")
  @CsvSource({
    "'\"42\"', java.lang.Integer",
    "'\"42\"', int",
    "42, java.lang.String",
    "true, java.lang.String",
    "1.5, int",
    "null, int",
    "'\"true\"', boolean",
    "1, boolean",
    "[1], java.lang.String"
  })
  void jsonDoesNotCoerceScalars(String json, String typeName) throws ClassNotFoundException {
    Class<?> type = typeName.equals("int") ? int.class : typeName.equals("boolean") ? boolean.class
        : Class.forName(typeName);

    assertThrows(JsonProcessingException.class, () -> JSON.readValue(json, type));
  }

  @Test
  void jsonStillReadsIntegersAsFloatingPoint() throws IOException {
    assertEquals(42.0f, JSON.readValue("42", Float.class));
  }

  @Test
  void messagePackWritesTimestampsBinaryAndNames() throws IOException {
    assertEquals("D6 FF 58 EC 1C 80", Hex.format(MESSAGE_PACK.writeValueAsBytes(APRIL_11)));
    assertEquals(
        "D6 FF 58 EC 1C 80", Hex.format(MESSAGE_PACK.writeValueAsBytes(Date.from(APRIL_11))));
    assertEquals("C4 03 01 02 03", Hex.format(MESSAGE_PACK.writeValueAsBytes(new byte[] {1, 2, 3})));
    assertEquals("A3 4F 6E 65", Hex.format(MESSAGE_PACK.writeValueAsBytes(TestEnum.One)));
    assertEquals(
        "D9 24 " + Hex.format("0f8fad5b-d9cb-469f-a165-70867728950e".getBytes()),
        Hex.format(MESSAGE_PACK.writeValueAsBytes(ID)));
  }

  @Test
  void messagePackReadsWhatItWrites() throws IOException {
    byte[] timestamp = Hex.bytes("D6 FF 58 EC 1C 80");

    assertEquals(APRIL_11, MESSAGE_PACK.readValue(timestamp, Instant.class));
    assertEquals(Date.from(APRIL_11), MESSAGE_PACK.readValue(timestamp, Date.class));
    assertArrayEquals(
        new byte[] {1, 2, 3}, MESSAGE_PACK.readValue(Hex.bytes("C4 03 01 02 03"), byte[].class));
    assertEquals(TestEnum.One, MESSAGE_PACK.readValue(Hex.bytes("A3 4F 6E 65"), TestEnum.class));
    assertEquals(ID, MESSAGE_PACK.readValue(MESSAGE_PACK.writeValueAsBytes(ID), UUID.class));
  }

  @Test
  void messagePackDoesNotCoerceScalars() {
    assertThrows(
        JsonProcessingException.class,
        () -> MESSAGE_PACK.readValue(Hex.bytes("2A"), String.class));
    assertThrows(
        JsonProcessingException.class,
        () -> MESSAGE_PACK.readValue(Hex.bytes("A2 34 32"), Integer.class));
  }
}
