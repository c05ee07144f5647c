package io.switchboard.fuzz;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Random JSON texts: objects whose property names are mostly the ones a parser looks for, with
 * values of every JSON type, odd numbers and strings, and nesting.
 */
public final class JsonTexts {

  private static final List<String> STRINGS =
      List.of("", "123", "xyz", "Target", "method", "foo", "json", "messagepack", "__test_id__",
          "\\u0000", "\\ud800", "\\udc00\\ud800", "\\\"", "\\n\\r", "日本", "\uD83D\uDE00");
  private static final List<String> NUMBERS =
      List.of("0", "1", "-1", "9", "10", "2147483647", "2147483648", "-2147483649",
          "9223372036854775807", "9223372036854775808", "1.5", "2.0", "1e3", "-0", "1E400",
          "12345678901234567890123456789");

  private final List<String> names;
  private final RandomGenerator random;
  private final StringBuilder text = new StringBuilder();

  private JsonTexts(List<String> names, RandomGenerator random) {
    this.names = names;
    this.random = random;
  }

  /** A random object whose property names come mostly from {@code names}. */
  public static String object(List<String> names, RandomGenerator random) {
    JsonTexts texts = new JsonTexts(names, random);
    texts.object(0);
    return texts.text.toString();
  }

  /** A random JSON value. */
  public static String value(RandomGenerator random) {
    JsonTexts texts = new JsonTexts(List.of("a"), random);
    texts.value(2);
    return texts.text.toString();
  }

  private void object(int depth) {
    text.append('{');
    for (int i = random.nextInt(7); i > 0; i--) {
      string(random.nextInt(8) == 0 ? "p" + random.nextInt(3) : pick(names));
      text.append(':');
      value(depth + 1);
      if (i > 1) {
        text.append(',');
      }
    }
    text.append('}');
  }

  private void value(int depth) {
    int kind = random.nextInt(depth > 3 ? 5 : 7);
    switch (kind) {
      case 0 -> text.append(pick(NUMBERS));
      case 1 -> string(pick(STRINGS));
      case 2 -> text.append(random.nextBoolean() ? "true" : "false");
      case 3 -> text.append("null");
      case 4 -> text.append(random.nextInt(1, 10));
      case 5 -> array(depth);
      default -> object(depth);
    }
  }

  private void array(int depth) {
    text.append('[');
    for (int i = random.nextInt(5); i > 0; i--) {
      value(depth + 1);
      if (i > 1) {
        text.append(',');
      }
    }
    text.append(']');
  }

  private void string(String content) {
    text.append('"').append(content).append('"');
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }
}
