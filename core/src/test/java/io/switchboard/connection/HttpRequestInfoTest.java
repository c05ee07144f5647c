package io.switchboard.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    assertEquals(Map.of("numRedirects", List.of("3")), request.queryParameters());
  }

  @Test
  void emptyValuesAndNamesThatArePrefixesOfOthersAreKeptApart() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("X-Long-Name", List.of("long"));
    headers.put("X-Long", List.of(""));
    headers.put("Host", List.of("h"));
    HttpRequestInfo info = new HttpRequestInfo("GET", "/", Map.of(), headers, Map.of(), null);
    assertEquals("", info.header("x-long"));
    assertEquals("long", info.header("x-long-name"));
    assertEquals("h", info.header("HOST"));
    assertNull(info.header("X-Lon"));
    assertEquals(List.of(""), info.headers().get("X-LONG"));
    assertEquals(3, info.headers().size());
  }

  @Test
  void anEmptyFirstNameKeepsEveryPairInPlace() {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("", List.of("a"));
    headers.put("Host", List.of("h"));
    HttpRequestInfo info = new HttpRequestInfo("GET", "/", Map.of(), headers, Map.of(), null);
    assertEquals("h", info.header("host"));
    assertNull(info.header("a"));
    assertEquals(List.of("a"), info.headers().get(""));
    assertEquals(2, info.headers().size());
  }

  @Test
  void noHeadersAtAll() {
    HttpRequestInfo info = new HttpRequestInfo("GET", "/", Map.of(), Map.of(), Map.of(), null);
    assertNull(info.header("Host"));
    assertEquals(Map.of(), info.headers());
  }

  @Test
  void aLineFeedCannotBePartOfAHeader() {
    Map<String, List<String>> headers = Map.of("X-Bad", List.of("a\nb"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new HttpRequestInfo("GET", "/", Map.of(), headers, Map.of(), null));
  }

  @Test
  void queryValuesMayHoldAnyCharacter() {
    HttpRequestInfo info =
        new HttpRequestInfo("GET", "/", Map.of("q", List.of("a\nb")), Map.of(), Map.of(), null);
    assertEquals("a\nb", info.queryParameter("Q"));
  }
}
