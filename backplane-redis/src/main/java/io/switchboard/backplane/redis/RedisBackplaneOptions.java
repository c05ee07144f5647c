package io.switchboard.backplane.redis;

import io.lettuce.core.RedisURI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where the Redis backplane connects and how. Most settings come from a Redis URI:
 *
 * <ul>
 *   <li>{@code redis://host:6379}: plain TCP; {@code rediss://host:6380}: TLS;
 *   <li>{@code redis://:password@host} or {@code redis://user:password@host} (Redis 6 ACL user);
 *   <li>{@code redis://host/2}: database 2 (pub/sub ignores databases: every database sees every
 *       channel; use {@link Builder#channelPrefix} to isolate applications);
 *   <li>{@code redis://host?timeout=2s}: how long a command (PUBLISH, SUBSCRIBE) may take before
 *       it fails; 5 s when not given.
 * </ul>
 *
 * Further options: a raw channel prefix, a trusted certificate for TLS with a private CA, the
 * connect timeout, and the longest delay between reconnect attempts. Immutable; made by {@link
 * #builder(String)} (or {@link #toBuilder()}), or with every default by {@link #fromUri}.
 */
public final class RedisBackplaneOptions {
  private static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private final RedisURI uri;
  private final String channelPrefix;
  private final Path trustedCertificates;
  private final Duration connectTimeout;
  private final Duration maxReconnectDelay;

  private RedisBackplaneOptions(Builder builder) {
    uri = builder.uri;
    channelPrefix = builder.channelPrefix;
    trustedCertificates = builder.trustedCertificates;
    connectTimeout = builder.connectTimeout;
    maxReconnectDelay = builder.maxReconnectDelay;
  }

  /**
   * The defaults for a Redis URI (see the class comment).
   *
   * @throws IllegalArgumentException when the URI is malformed
   */
  public static RedisBackplaneOptions fromUri(String redisUri) {
    return builder(redisUri).build();
  }

  /**
   * A builder for a Redis URI (see the class comment), every other value at its default.
   *
   * @throws IllegalArgumentException when the URI is malformed
   */
  public static Builder builder(String redisUri) {
    RedisURI uri = RedisURI.create(Objects.requireNonNull(redisUri, "redisUri"));
    if (!redisUri.contains("timeout=")) {
      uri.setTimeout(DEFAULT_COMMAND_TIMEOUT);
    }
    return new Builder(uri);
  }

  /** A builder starting from these options. */
  public Builder toBuilder() {
    return new Builder(uri)
        .channelPrefix(channelPrefix)
        .trustedCertificates(trustedCertificates)
        .connectTimeout(connectTimeout)
        .maxReconnectDelay(maxReconnectDelay);
  }

  /** The Redis URI, with its command timeout; never changed once parsed. */
  RedisURI uri() {
    return uri;
  }

  /** Where the backplane connects, without credentials, for logs and errors. */
  public String address() {
    return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
  }

  /** The raw channel prefix (default empty); see {@link Builder#channelPrefix}. */
  public String channelPrefix() {
    return channelPrefix;
  }

  /** A PEM file of certificates to trust for TLS, or null for the JVM's default trust store. */
  public Path trustedCertificates() {
    return trustedCertificates;
  }

  /** How long opening a connection may take (default 10 s). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /**
   * The longest delay between two reconnect attempts while Redis is unreachable (default 5 s);
   * attempts start fast and back off exponentially up to it.
   */
  public Duration maxReconnectDelay() {
    return maxReconnectDelay;
  }

  /** Builds {@link RedisBackplaneOptions}; every value but the URI starts at its default. */
  public static final class Builder {
    private final RedisURI uri;
    private String channelPrefix = "";
    private Path trustedCertificates;
    private Duration connectTimeout = Duration.ofSeconds(10);
    private Duration maxReconnectDelay = Duration.ofSeconds(5);

    private Builder(RedisURI uri) {
      this.uri = uri;
    }

    /**
     * Prepends {@code value} to every channel name, with no separator, like StackExchange.Redis's
     * {@code ChannelPrefix}: applications with different prefixes share a Redis without seeing
     * each other's messages. Servers of one application, .NET ones included, must use the same
     * prefix.
     */
    public Builder channelPrefix(String value) {
      channelPrefix = Objects.requireNonNull(value);
      return this;
    }

    /** Trusts the certificates of this PEM file for TLS ({@code rediss://}), e.g. a private CA. */
    public Builder trustedCertificates(Path pemFile) {
      trustedCertificates = pemFile;
      return this;
    }

    /** Sets the connect timeout. */
    public Builder connectTimeout(Duration value) {
      connectTimeout = Objects.requireNonNull(value);
      return this;
    }

    /** Sets the longest reconnect delay. */
    public Builder maxReconnectDelay(Duration value) {
      maxReconnectDelay = Objects.requireNonNull(value);
      return this;
    }

    /** The options. */
    public RedisBackplaneOptions build() {
      return new RedisBackplaneOptions(this);
    }
  }
}
