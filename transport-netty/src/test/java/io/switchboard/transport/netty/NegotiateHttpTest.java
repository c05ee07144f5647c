package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NegotiateHttpTest {
  private SwitchboardServer server;
  private Http http;

  @BeforeEach
  void start() {
    server =
        SwitchboardServer.builder().host("127.0.0.1").port(0).endpoint("/echo", new EchoHandler()).start();
    http = new Http(server.port());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void version1() throws Exception {
    HttpResponse<String> response = http.send("POST", "/echo/negotiate?negotiateVersion=1");
    assertEquals(200, response.statusCode());
    assertEquals("application/json", response.headers().firstValue("content-type").orElseThrow());
    assertEquals(
        String.valueOf(response.body().length()),
        response.headers().firstValue("content-length").orElseThrow());
    assertTrue(
        response.body().startsWith("{\"negotiateVersion\":1,\"connectionId\":\""), response.body());
    JsonNode body = http.negotiate("/echo", "?negotiateVersion=1");
    assertNotEquals(body.get("connectionId"), body.get("connectionToken"));
    assertEquals(3, body.get("availableTransports").size());
  }

  @Test
  void version0() throws Exception {
    JsonNode body = http.negotiate("/echo", "");
    assertEquals(0, body.get("negotiateVersion").intValue());
    assertFalse(body.has("connectionToken"));
    assertEquals(22, body.get("connectionId").textValue().length());
  }

  @Test
  void versionErrorsAre200() throws Exception {
    HttpResponse<String> response = http.send("POST", "/echo/negotiate?negotiateVersion=x");
    assertEquals(200, response.statusCode());
    assertEquals(
        "{\"error\":\"The client requested a non-integer protocol version.\"}", response.body());
  }

  @Test
  void pathsMatchCaseInsensitively() throws Exception {
    assertEquals(200, http.send("POST", "/ECHO/Negotiate?negotiateVersion=1").statusCode());
    assertEquals(200, http.send("POST", "/echo/negotiate/?negotiateVersion=1").statusCode());
  }

  @Test
  void otherMethodsOnNegotiateAreAnEmpty405() throws Exception {
    HttpResponse<String> response = http.send("GET", "/echo/negotiate");
    assertEquals(405, response.statusCode());
    assertEquals("text/plain", response.headers().firstValue("content-type").orElseThrow());
    assertEquals("", response.body());
  }

  @Test
  void unknownPathsAre404() throws Exception {
    assertEquals(404, http.send("POST", "/other/negotiate").statusCode());
  }
}
