/**
 * Switchboard behind an AWS API Gateway WebSocket API: the integration endpoints API Gateway
 * calls ({@code ApiGatewayServer}) and the transport that pushes through {@code @connections}.
 */
module io.switchboard.transport.apigateway {
  requires transitive io.switchboard.core;
  requires jdk.httpserver;
  requires org.slf4j;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.urlconnection;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.services.apigatewaymanagementapi;

  exports io.switchboard.transport.apigateway;
}
