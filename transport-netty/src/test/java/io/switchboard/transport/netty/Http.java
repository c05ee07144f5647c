package io.switchboard.transport.netty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Plain HTTP requests against a test server with the JDK client. */
final class Http {
  private static final ObjectMapper JSON = new ObjectMapper();

  final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final int port;

  Http(int port) {
    this.port = port;
  }

  HttpResponse<String> send(String method, String pathAndQuery) throws Exception {
    return send(method, pathAndQuery, "");
  }

  /** Sends {@code body} (none when empty) with {@code headers} (name, value, name, value...). */
  HttpResponse<String> send(String method, String pathAndQuery, String body, String... headers)
      throws Exception {
    return sendAsync(method, pathAndQuery, body, headers).get(Await.SECONDS, TimeUnit.SECONDS);
  }

  CompletableFuture<HttpResponse<String>> sendAsync(
      String method, String pathAndQuery, String body, String... headers) {
    return client.sendAsync(request(method, pathAndQuery, body, headers), HttpResponse.BodyHandlers.ofString());
  }

  HttpRequest request(String method, String pathAndQuery, String body, String... headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(url("http", pathAndQuery)))
            .method(
                method,
                body.isEmpty()
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (headers.length > 0) {
      request.headers(headers);
    }
    return request.build();
  }

  /** Negotiates and returns the parsed body. */
  JsonNode negotiate(String path, String query) throws Exception {
    HttpResponse<String> response = send("POST", path + "/negotiate" + query);
    return JSON.readTree(response.body());
  }

  /** Negotiates version 1 and returns the connection token. */
  String token(String path) throws Exception {
    return negotiate(path, "?negotiateVersion=1").get("connectionToken").textValue();
  }

  String url(String scheme, String pathAndQuery) {
    return scheme + "://127.0.0.1:" + port + pathAndQuery;
  }

  WsClient webSocket(String pathAndQuery) throws Exception {
    return WsClient.connect(client, url("ws", pathAndQuery));
  }
}
