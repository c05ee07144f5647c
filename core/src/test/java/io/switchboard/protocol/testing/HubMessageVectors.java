package io.switchboard.protocol.testing;

import io.switchboard.protocol.AckMessage;
import io.switchboard.protocol.CancelInvocationMessage;
import io.switchboard.protocol.CloseMessage;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.PingMessage;
import io.switchboard.protocol.SequenceMessage;
import io.switchboard.protocol.StreamInvocationMessage;
import io.switchboard.protocol.StreamItemMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Tables A and B of the protocol reference: the wire forms (read verbatim from {@code
 * hub-message-vectors.tsv}) paired with the message each one encodes.
 */
public final class HubMessageVectors {

  /**
   * One vector.
   *
   * @param id table row, e.g. {@code A01}
   * @param name the reference test name
   * @param message the message
   * @param json JSON text without the record separator
   * @param payloadHex MessagePack payload
   * @param framedHex MessagePack payload with its VarInt length
   */
  public record Vector(
      String id, String name, HubMessage message, String json, String payloadHex, String framedHex) {
    @Override
    public String toString() {
      return id + " " + name;
    }
  }

  /** The headers of the reference tests, in their order. */
  public static final Map<String, String> TEST_HEADERS = testHeaders();

  private static final List<String> STREAM = List.of("__test_id__");
  private static final List<String> STREAMS = List.of("__test_id__", "__test_id2__");

  private HubMessageVectors() {}

  /** Every vector of tables A and B. */
  public static List<Vector> all() {
    Map<String, HubMessage> messages = messages();
    List<Vector> vectors =
        readRows().stream()
            .map(
                row -> {
                  HubMessage message = messages.get(row[0]);
                  if (message == null) {
                    throw new IllegalStateException("No message for vector " + row[0]);
                  }
                  return new Vector(row[0], row[1], message, row[2], row[3], row[4]);
                })
            .collect(Collectors.toList());
    if (vectors.size() != messages.size()) {
      throw new IllegalStateException("Vectors and messages differ in number");
    }
    return vectors;
  }

  private static List<String[]> readRows() {
    try (BufferedReader reader =
        new BufferedReader(
            new InputStreamReader(
                HubMessageVectors.class.getResourceAsStream(
                    "/io/switchboard/protocol/hub-message-vectors.tsv"),
                StandardCharsets.UTF_8))) {
      return reader
          .lines()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split("\t"))
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, HubMessage> messages() {
    Map<String, HubMessage> m = new LinkedHashMap<>();
    m.put("A01", invocation(null, "123", "Target", List.of(), 1, "Foo"));
    m.put("A02", invocation(null, null, "Target", List.of(), true));
    m.put("A03", invocation(null, null, "Target", List.of(), (Object) null));
    m.put("A04", invocation(null, null, "Target", STREAM));
    m.put("A05", invocation(null, null, "Target", STREAM, 42));
    m.put("A06", invocation(null, null, "Target", STREAMS));
    m.put("A07", invocation(null, null, "Target", List.of(), 1, "Foo", 2.0f));
    m.put("A08", invocation(TEST_HEADERS, "123", "Target", List.of(), 1, "Foo", 2.0f));
    m.put("A09", invocation(null, null, "Target", List.of(), new CustomObject()));
    m.put("A10", new StreamItemMessage(null, "123", 1));
    m.put("A11", new StreamItemMessage(null, "123", "Foo"));
    m.put("A12", new StreamItemMessage(null, "123", true));
    m.put("A13", new StreamItemMessage(null, "123", null));
    m.put("A14", CompletionMessage.withResult("123", 1));
    m.put("A15", CompletionMessage.withResult("123", "Foo"));
    m.put("A16", CompletionMessage.withResult("123", true));
    m.put("A17", CompletionMessage.withResult("123", null));
    m.put("A18", CompletionMessage.empty("123"));
    m.put("A19", CompletionMessage.withError("123", "Whoops!"));
    m.put("A20", new CompletionMessage(TEST_HEADERS, "123", "Whoops!", null, false));
    m.put("A21", streamInvocation("123", "Target", List.of(), 1, "Foo"));
    m.put("A22", streamInvocation("123", "Target", STREAM));
    m.put("A23", new CancelInvocationMessage(null, "123"));
    m.put("A24", new CancelInvocationMessage(TEST_HEADERS, "123"));
    m.put("A25", PingMessage.INSTANCE);
    m.put("A26", CloseMessage.EMPTY);
    m.put("A27", new CloseMessage("Error!", false));
    m.put("A28", new CloseMessage("", false));
    m.put("A29", new CloseMessage(null, true));
    m.put("A30", new CloseMessage("Error!", true));
    m.put("A31", new AckMessage(1394));
    m.put("A32", new SequenceMessage(1234));

    m.put("B01", invocation(null, "xyz", "method", List.of()));
    m.put("B02", invocation(null, null, "method", List.of()));
    m.put("B03", invocation(null, null, "method", List.of(), 42));
    m.put("B04", invocation(null, null, "method", List.of(), 42, "string"));
    m.put("B05", invocation(null, null, "method", List.of(), (Object) null));
    m.put("B06", invocation(null, null, "method", List.of(), 42, TestEnum.One));
    m.put("B07", invocation(null, null, "Target", STREAM));
    m.put("B08", invocation(null, null, "Target", STREAM, 42));
    m.put("B09", invocation(null, null, "Target", STREAMS));
    m.put("B10", new StreamItemMessage(null, "xyz", 42));
    m.put("B11", new StreamItemMessage(null, "xyz", 42.0f));
    m.put("B12", new StreamItemMessage(null, "xyz", "string"));
    m.put("B13", new StreamItemMessage(null, "xyz", true));
    m.put("B14", new StreamItemMessage(null, "xyz", null));
    m.put("B15", new StreamItemMessage(null, "xyz", TestEnum.One));
    m.put("B16", new StreamItemMessage(null, "xyz", new CustomObject()));
    m.put("B17", CompletionMessage.withError("xyz", "Error not found!"));
    m.put("B18", new CompletionMessage(TEST_HEADERS, "xyz", "Error not found!", null, false));
    m.put("B19", CompletionMessage.empty("xyz"));
    m.put("B20", new CompletionMessage(TEST_HEADERS, "xyz", null, null, false));
    m.put("B21", CompletionMessage.withResult("xyz", 42));
    m.put("B22", CompletionMessage.withResult("xyz", 42.0f));
    m.put("B23", CompletionMessage.withResult("xyz", "string"));
    m.put("B24", CompletionMessage.withResult("xyz", true));
    m.put("B25", CompletionMessage.withResult("xyz", null));
    m.put("B26", CompletionMessage.withResult("xyz", TestEnum.One));
    m.put("B27", streamInvocation("xyz", "method", List.of()));
    m.put("B28", streamInvocation("xyz", "method", List.of(), 42));
    m.put("B29", streamInvocation("xyz", "method", List.of(), (Object) null));
    m.put("B30", streamInvocation("xyz", "method", STREAM));
    m.put("B31", streamInvocation("xyz", "method", STREAM, 42));
    m.put("B32", streamInvocation("xyz", "method", List.of(), 42, "string"));
    m.put("B33", new CancelInvocationMessage(null, "xyz"));
    m.put("B34", new CancelInvocationMessage(TEST_HEADERS, "xyz"));
    m.put("B35", PingMessage.INSTANCE);
    m.put("B36", CloseMessage.EMPTY);
    m.put("B37", new CloseMessage("Error!", false));
    m.put("B38", new CloseMessage(null, true));
    m.put("B39", new CloseMessage("Error!", true));
    m.put("B40", new AckMessage(42));
    m.put("B41", new SequenceMessage(146));
    return m;
  }

  private static InvocationMessage invocation(
      Map<String, String> headers,
      String invocationId,
      String target,
      List<String> streamIds,
      Object... arguments) {
    return new InvocationMessage(headers, invocationId, target, arguments, streamIds);
  }

  private static StreamInvocationMessage streamInvocation(
      String invocationId, String target, List<String> streamIds, Object... arguments) {
    return new StreamInvocationMessage(null, invocationId, target, arguments, streamIds);
  }

  private static Map<String, String> testHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Foo", "Bar");
    headers.put("KeyWith\nNew\r\nLines", "Still Works");
    headers.put("ValueWithNewLines", "Also\nWorks\r\nFine");
    return java.util.Collections.unmodifiableMap(headers);
  }
}
