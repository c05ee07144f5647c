package io.switchboard.connection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.fuzz.FuzzLoop;
import io.switchboard.fuzz.Mutator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.regex.Pattern;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the negotiate query ({@code negotiateVersion}, {@code useStatefulReconnect}, repeated,
 * padded, odd and binary values): every request gets 200 with a connection of the version asked
 * for (capped at 1), or one of the reference's two version errors, and nothing throws.
 */
class NegotiateQueryFuzzTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NON_INTEGER = "The client requested a non-integer protocol version.";
  private static final Pattern UNSUPPORTED =
      Pattern.compile("The client requested version '-?\\d+', but the server does not support"
          + " this version\\.");
  private static final List<String> NAMES =
      List.of("negotiateVersion", "NEGOTIATEVERSION", "useStatefulReconnect", "id", "x");
  private static final List<String> VALUES =
      List.of("0", "1", "2", "-1", " 1 ", "+1", "01", "2147483647", "2147483648", "", "true",
          "True", " true", "false", "1,1", "1.0", "1e1", "0x1", "\u0000", "\uFFFD");
  /** Negotiated connections wait for their transport; a fresh endpoint every so often drops them. */
  private static final int NEGOTIATES_PER_ENDPOINT = 1_000;

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private ConnectionEndpoint endpoint;
  private int negotiates;

  @AfterEach
  void stop() {
    endpoint.shutdown().join();
    scheduler.shutdownNow();
  }

  @Test
  void answersEveryQueryWithAConnectionOrAVersionError() throws InterruptedException {
    endpoint = newEndpoint();
    FuzzLoop.run("negotiate-query", NegotiateQueryFuzzTest::query, this::negotiate);
  }

  private ConnectionEndpoint newEndpoint() {
    return new ConnectionEndpoint(
        new RecordingHandler(), EndpointOptions.builder().allowStatefulReconnects(true).build(), scheduler);
  }

  // The input is the query as name=value lines (values taken verbatim: decoding is the transport's).
  private void negotiate(byte[] input) throws Exception {
    if (++negotiates % NEGOTIATES_PER_ENDPOINT == 0) {
      endpoint.shutdown().join();
      endpoint = newEndpoint();
    }
    Map<String, List<String>> query = new LinkedHashMap<>();
    for (String line : new String(input, StandardCharsets.UTF_8).split("\n", -1)) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        query.computeIfAbsent(line.substring(0, eq), n -> new ArrayList<>()).add(line.substring(eq + 1));
      }
    }
    HttpRequestInfo request = new HttpRequestInfo("POST", "/hub", query, Map.of(), Map.of(), null);
    TransportResponse response = endpoint.negotiate(request);
    JsonNode body = JSON.readTree(response.body());
    if (response.status() != 200) {
      throw new AssertionError("Status " + response.status());
    }
    if (body.has("error")) {
      String error = body.get("error").asText();
      if (!error.equals(NON_INTEGER) && !UNSUPPORTED.matcher(error).matches()) {
        throw new AssertionError("Error text " + error);
      }
    } else if (!body.hasNonNull("connectionId")
        || body.get("negotiateVersion").asInt() > 1
        || body.get("negotiateVersion").asInt() < 0) {
      throw new AssertionError("Body " + body);
    }
  }

  private static byte[] query(RandomGenerator random) {
    StringBuilder text = new StringBuilder();
    for (int count = random.nextInt(4); count > 0; count--) {
      String value =
          random.nextInt(5) == 0
              ? new String(Mutator.randomBytes(random, 12), StandardCharsets.UTF_8)
              : VALUES.get(random.nextInt(VALUES.size()));
      text.append(NAMES.get(random.nextInt(NAMES.size()))).append('=').append(value).append('\n');
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
