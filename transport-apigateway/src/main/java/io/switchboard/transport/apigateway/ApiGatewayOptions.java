package io.switchboard.transport.apigateway;

import io.switchboard.backplane.Backplane;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/**
 * How Switchboard reaches one API Gateway WebSocket API's {@code @connections} management API,
 * and the limits it keeps to. Immutable; built by {@link #builder(URI)}.
 *
 * <p>The endpoint is the stage's management URL, {@code
 * https://{api-id}.execute-api.{region}.amazonaws.com/{stage}} (or an emulator's); the AWS SDK
 * appends {@code /@connections/{connectionId}}.
 *
 * <p>With a {@link Builder#backplane backplane}, any number of nodes may serve one API: a node that
 * gets a {@code $default} or {@code $disconnect} of a connection it does not hold forwards it to the
 * node that does (see {@link ApiGatewayTransport}).
 */
public final class ApiGatewayOptions {
  /** API Gateway's largest WebSocket message (and {@code @connections} payload): 128 KB. */
  public static final int MAX_MESSAGE_SIZE = 128 * 1024;

  private final URI connectionsEndpoint;
  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final int maxMessageSize;
  private final int senderThreads;
  private final Duration requestTimeout;
  private final Backplane backplane;
  private final String channelPrefix;

  private ApiGatewayOptions(Builder builder) {
    this.connectionsEndpoint = builder.connectionsEndpoint;
    this.region = builder.region;
    this.credentials = builder.credentials;
    this.maxMessageSize = builder.maxMessageSize;
    this.senderThreads = builder.senderThreads;
    this.requestTimeout = builder.requestTimeout;
    this.backplane = builder.backplane;
    this.channelPrefix = builder.channelPrefix;
  }

  /** Starts options for the management API at {@code connectionsEndpoint}. */
  public static Builder builder(URI connectionsEndpoint) {
    return new Builder(connectionsEndpoint);
  }

  /** The stage's management URL. */
  public URI connectionsEndpoint() {
    return connectionsEndpoint;
  }

  /** The API's region (signs the requests), or null for the SDK's default ({@code AWS_REGION}...). */
  public Region region() {
    return region;
  }

  /** The credentials that sign the {@code @connections} requests. */
  public AwsCredentialsProvider credentials() {
    return credentials;
  }

  /**
   * The largest payload of one {@code @connections} POST; a write is split at record separators
   * to fit, and one hub message larger than this closes its connection with an error.
   */
  public int maxMessageSize() {
    return maxMessageSize;
  }

  /** How many {@code @connections} requests may be in flight at once (one per connection at most). */
  public int senderThreads() {
    return senderThreads;
  }

  /** How long one {@code @connections} request may take before it fails. */
  public Duration requestTimeout() {
    return requestTimeout;
  }

  /**
   * The bus that carries a connection's messages to the node holding it, or null when one node
   * serves the API (a message for a connection it does not hold is answered 410).
   */
  public Backplane backplane() {
    return backplane;
  }

  /** What the per-connection channels' names start with: {@code {prefix}apigw:{connectionId}}. */
  public String channelPrefix() {
    return channelPrefix;
  }

  /** Builds {@link ApiGatewayOptions}. */
  public static final class Builder {
    private final URI connectionsEndpoint;
    private Region region;
    private AwsCredentialsProvider credentials;
    private int maxMessageSize = MAX_MESSAGE_SIZE;
    private int senderThreads = 32;
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Backplane backplane;
    private String channelPrefix = "";

    private Builder(URI connectionsEndpoint) {
      this.connectionsEndpoint = Objects.requireNonNull(connectionsEndpoint, "connectionsEndpoint");
    }

    /** The API's region; by default the SDK's region chain ({@code AWS_REGION}, the profile...). */
    public Builder region(Region value) {
      region = Objects.requireNonNull(value);
      return this;
    }

    /** The signing credentials; the SDK's default chain (environment, task role...) by default. */
    public Builder credentials(AwsCredentialsProvider value) {
      credentials = Objects.requireNonNull(value);
      return this;
    }

    /** See {@link ApiGatewayOptions#maxMessageSize()}; at most {@link #MAX_MESSAGE_SIZE}. */
    public Builder maxMessageSize(int value) {
      if (value < 1 || value > MAX_MESSAGE_SIZE) {
        throw new IllegalArgumentException(
            "maxMessageSize must be between 1 and " + MAX_MESSAGE_SIZE + ": " + value);
      }
      maxMessageSize = value;
      return this;
    }

    /** See {@link ApiGatewayOptions#senderThreads()}; 32 by default. */
    public Builder senderThreads(int value) {
      if (value < 1) {
        throw new IllegalArgumentException("senderThreads must be positive: " + value);
      }
      senderThreads = value;
      return this;
    }

    /** See {@link ApiGatewayOptions#requestTimeout()}; 10 seconds by default. */
    public Builder requestTimeout(Duration value) {
      if (value.isNegative() || value.isZero()) {
        throw new IllegalArgumentException("requestTimeout must be positive: " + value);
      }
      requestTimeout = value;
      return this;
    }

    /**
     * See {@link ApiGatewayOptions#backplane()}; usually the application's own. The transport does
     * not close it: its owner does, after the transport.
     */
    public Builder backplane(Backplane value) {
      backplane = Objects.requireNonNull(value);
      return this;
    }

    /**
     * See {@link ApiGatewayOptions#channelPrefix()}; empty by default (the Redis backplane adds its
     * own prefix). Give each API its own when several share a bus: API Gateway does not promise
     * connection ids unique across APIs.
     */
    public Builder channelPrefix(String value) {
      channelPrefix = Objects.requireNonNull(value);
      return this;
    }

    /** The options. */
    public ApiGatewayOptions build() {
      if (credentials == null) {
        credentials = DefaultCredentialsProvider.builder().build();
      }
      return new ApiGatewayOptions(this);
    }
  }
}
