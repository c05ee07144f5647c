package io.switchboard.protocol.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.protocol.HubMessage;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;

/** Field-by-field comparison of hub messages, arrays compared by content. */
public final class MessageAssertions {

  private MessageAssertions() {}

  /** Asserts that {@code actual} is a message of the same kind with equal fields. */
  public static void assertMessageEquals(HubMessage expected, HubMessage actual) {
    assertInstanceOf(expected.getClass(), actual);
    for (RecordComponent component : expected.getClass().getRecordComponents()) {
      Object want = valueOf(component, expected);
      Object got = valueOf(component, actual);
      assertTrue(
          Objects.deepEquals(want, got),
          () -> component.getName() + ": expected " + show(want) + " but was " + show(got));
    }
    assertEquals(expected.type(), actual.type());
  }

  private static Object valueOf(RecordComponent component, HubMessage message) {
    try {
      return component.getAccessor().invoke(message);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static String show(Object value) {
    return value instanceof Object[] array ? Arrays.deepToString(array) : String.valueOf(value);
  }
}
