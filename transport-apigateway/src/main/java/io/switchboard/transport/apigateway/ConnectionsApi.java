package io.switchboard.transport.apigateway;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClientBuilder;
import software.amazon.awssdk.services.apigatewaymanagementapi.model.GoneException;

/**
 * The {@code @connections} management API of one stage: a push to a client, and the server's
 * close. Calls block (the JDK's HTTP client): they run on the senders' threads, never on a
 * caller's.
 */
final class ConnectionsApi implements AutoCloseable {
  private final ApiGatewayManagementApiClient client;

  ConnectionsApi(ApiGatewayOptions options) {
    ApiGatewayManagementApiClientBuilder builder = ApiGatewayManagementApiClient.builder();
    if (options.region() != null) {
      builder.region(options.region());
    }
    this.client =
        builder
            .endpointOverride(options.connectionsEndpoint())
            .credentialsProvider(options.credentials())
            .httpClientBuilder(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(options.requestTimeout())
                    .socketTimeout(options.requestTimeout()))
            .overrideConfiguration(
                ClientOverrideConfiguration.builder()
                    .apiCallTimeout(options.requestTimeout().multipliedBy(2))
                    .build())
            .build();
  }

  /**
   * {@code POST @connections/{id}}: one WebSocket message to the client.
   *
   * @return false when API Gateway no longer knows the connection (410 Gone)
   */
  boolean post(String connectionId, byte[] payload) {
    try {
      client.postToConnection(
          request -> request.connectionId(connectionId).data(SdkBytes.fromByteArrayUnsafe(payload)));
      return true;
    } catch (GoneException gone) {
      return false;
    }
  }

  /** {@code DELETE @connections/{id}}: API Gateway closes the client's socket; a gone one is fine. */
  void delete(String connectionId) {
    try {
      client.deleteConnection(request -> request.connectionId(connectionId));
    } catch (GoneException alreadyGone) {
      // The client left first: nothing to close.
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
