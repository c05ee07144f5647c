package io.switchboard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code switchboard.long-poll-timeout}: a raw long-polling client's poll after the handshake is
 * answered empty once it ran out (long polling gets no keep-alive pings: each poll is one), where
 * the default of 90 s would outlast this test's patience.
 */
class LongPollTimeoutPropertyTest {
  private static final String HANDSHAKE = "{\"protocol\":\"json\",\"version\":1}\u001e";
  private static final String HANDSHAKE_RESPONSE = "{}\u001e";
  private static final int MAX_POLLS_BEFORE_HANDSHAKE = 3;
  private static final Pattern TOKEN = Pattern.compile("\"connectionToken\":\"([^\"]+)\"");
  private static final Duration PATIENCE = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void aPollWithNothingToSendIsAnsweredEmptyAfterTheTimeout() throws Exception {
    try (ConfigurableApplicationContext context =
        GreetingApplication.run(GreetingApplication.class, "switchboard.long-poll-timeout=1s")) {
      assertEquals("", pollAfterHandshake(GreetingApplication.baseUrl(context) + "/greet"));
    }
  }

  /** Connects over long polling and returns the body of the first poll after the handshake's. */
  private String pollAfterHandshake(String hubUrl) throws IOException, InterruptedException {
    String negotiated =
        send(
            HttpRequest.newBuilder(URI.create(hubUrl + "/negotiate?negotiateVersion=1"))
                .POST(HttpRequest.BodyPublishers.noBody()));
    Matcher token = TOKEN.matcher(negotiated);
    assertTrue(token.find(), negotiated);
    URI connection = URI.create(hubUrl + "?id=" + token.group(1));
    // The first poll opens the transport (and answers at once), as every client's does.
    send(HttpRequest.newBuilder(connection).GET());
    send(HttpRequest.newBuilder(connection).POST(HttpRequest.BodyPublishers.ofString(HANDSHAKE)));
    for (int poll = 0; poll < MAX_POLLS_BEFORE_HANDSHAKE; poll++) {
      if (send(HttpRequest.newBuilder(connection).GET()).startsWith(HANDSHAKE_RESPONSE)) {
        return send(HttpRequest.newBuilder(connection).GET());
      }
    }
    throw new AssertionError("No handshake response in " + MAX_POLLS_BEFORE_HANDSHAKE + " polls");
  }

  private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response =
        http.send(request.timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), response.body());
    return response.body();
  }
}
