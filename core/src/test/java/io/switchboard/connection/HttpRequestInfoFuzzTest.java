package io.switchboard.connection;

import io.switchboard.fuzz.FuzzLoop;
import io.switchboard.fuzz.Mutator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the request snapshot against a plain model: for any headers and query (empty names and
 * values, names differing in case, repeated names, every character), each lookup answers as a
 * case-insensitive multimap would, and only a line feed in a header is refused.
 */
class HttpRequestInfoFuzzTest {

  private static final List<String> PARTS =
      List.of("", "a", "A", "id", "ID", "Cookie", "x-y", " ", "\r", "\t", "\u00e9", "\u0000", "=",
          "a\nb", "\n");

  @Test
  void answersLikeACaseInsensitiveMultimap() throws InterruptedException {
    FuzzLoop.run("request-info", HttpRequestInfoFuzzTest::entries, HttpRequestInfoFuzzTest::check);
  }

  // The input holds name/value pairs: parts separated by 0x00 0x01 (headers) or 0x00 0x02 (query).
  private static void check(byte[] input) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    Map<String, List<String>> query = new LinkedHashMap<>();
    String[] parts = new String(input, StandardCharsets.UTF_8).split("\u0000", -1);
    for (int i = 1; i + 1 < parts.length; i += 2) {
      Map<String, List<String>> target = parts[i].startsWith("\u0001") ? headers : query;
      String name = parts[i].substring(1);
      target.computeIfAbsent(name, n -> new ArrayList<>()).add(parts[i + 1]);
    }
    HttpRequestInfo info;
    try {
      info = new HttpRequestInfo("GET", "/", query, headers, Map.of(), null);
    } catch (IllegalArgumentException e) {
      if (!hasLineFeed(headers)) {
        throw new AssertionError("Refused headers without a line feed", e);
      }
      return;
    }
    if (hasLineFeed(headers)) {
      throw new AssertionError("Accepted a line feed in a header");
    }
    checkAgainstModel(headers, info.headers(), info::header);
    checkAgainstModel(query, info.queryParameters(), info::queryParameter);
    for (String name : model(query).keySet()) {
      String joined = String.join(",", model(query).get(name));
      if (!joined.equals(info.joinedQueryParameter(name))) {
        throw new AssertionError("Joined query " + name);
      }
    }
  }

  private interface Lookup {
    String first(String name);
  }

  private static void checkAgainstModel(
      Map<String, List<String>> given, Map<String, List<String>> actual, Lookup lookup) {
    TreeMap<String, List<String>> model = model(given);
    if (!model.equals(new TreeMap<>(actual)) || model.size() != actual.size()) {
      throw new AssertionError("Map " + actual + " differs from " + model);
    }
    for (String name : PARTS) {
      List<String> values = model.get(name);
      String expected = values == null ? null : values.get(0);
      if (!Objects.equals(expected, lookup.first(name))) {
        throw new AssertionError("Lookup of '" + name + "'");
      }
    }
  }

  private static TreeMap<String, List<String>> model(Map<String, List<String>> given) {
    TreeMap<String, List<String>> model = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    given.forEach((name, values) -> model.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values));
    return model;
  }

  private static boolean hasLineFeed(Map<String, List<String>> headers) {
    return headers.entrySet().stream()
        .anyMatch(e -> e.getKey().contains("\n") || e.getValue().stream().anyMatch(v -> v.contains("\n")));
  }

  private static byte[] entries(RandomGenerator random) {
    StringBuilder text = new StringBuilder();
    for (int count = random.nextInt(6); count > 0; count--) {
      text.append('\u0000').append(random.nextBoolean() ? '\u0001' : '\u0002')
          .append(part(random)).append('\u0000').append(part(random));
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String part(RandomGenerator random) {
    if (random.nextInt(6) == 0) {
      return new String(Mutator.randomBytes(random, 6), StandardCharsets.UTF_8).replace("\u0000", "");
    }
    return PARTS.get(random.nextInt(PARTS.size())).replace("\u0000", "");
  }
}
