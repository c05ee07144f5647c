package io.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HttpRequestInfoTest {
  private final HttpRequestInfo request;

  HttpRequestInfoTest() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("User-Agent", List.of("agent"));
    headers.put("X-Many", List.of("one", "two"));
    request =
        new HttpRequestInfo(
            "GET", "/hub", Map.of("numRedirects", List.of("3")), headers, Map.of("c", "v"), null);
  }

  @Test
  void headersAreFoundWhateverTheCase() {
    assertEquals("agent", request.header("user-agent"));
    assertEquals("one", request.header("X-MANY"));
    assertNull(request.header("Missing"));
  }

  @Test
  void theMapViewKeepsEveryValue() {
    assertEquals(List.of("one", "two"), request.headers().get("x-many"));
    assertEquals(2, request.headers().size());
  }

  @Test
  void queryAndCookies() {
    assertEquals("3", request.queryParameter("NUMREDIRECTS"));
    assertEquals("v", request.cookie("c"));
    assertNull(request.queryParameter("id"));
  }
}
