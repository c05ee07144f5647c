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
 *       channel; use {@link #channelPrefix} to isolate applications);
 *   <li>{@code redis://host?timeout=2s}: how long a command (PUBLISH, SUBSCRIBE) may take before
 *       it fails; 5 s when not given.
 * </ul>
 *
 * Further options: a raw channel prefix, a trusted certificate for TLS with a private CA, the
 * connect timeout, and the longest delay between reconnect attempts.
 */
public final class RedisBackplaneOptions {
  private static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofSeconds(5);

  private final RedisURI uri;
  private String channelPrefix = "";
  private Path trustedCertificates;
  private Duration connectTimeout = Duration.ofSeconds(10);
  private Duration maxReconnectDelay = Duration.ofSeconds(5);

  private RedisBackplaneOptions(RedisURI uri) {
    this.uri = uri;
  }

  /**
   * Options from a Redis URI (see the class comment).
   *
   * @throws IllegalArgumentException when the URI is malformed
   */
  public static RedisBackplaneOptions fromUri(String redisUri) {
    RedisURI uri = RedisURI.create(Objects.requireNonNull(redisUri, "redisUri"));
    if (!redisUri.contains("timeout=")) {
      uri.setTimeout(DEFAULT_COMMAND_TIMEOUT);
    }
    return new RedisBackplaneOptions(uri);
  }

  /** The Redis URI, with its command timeout. */
  RedisURI uri() {
    return uri;
  }

  /** Where the backplane connects, without credentials, for logs and errors. */
  public String address() {
    return (uri.isSsl() ? "rediss://" : "redis://") + uri.getHost() + ":" + uri.getPort();
  }

  /** The raw channel prefix (default empty). */
  public String channelPrefix() {
    return channelPrefix;
  }

  /**
   * Prepends {@code value} to every channel name, with no separator, like StackExchange.Redis's
   * {@code ChannelPrefix}: applications with different prefixes share a Redis without seeing each
   * other's messages. Servers of one application, .NET ones included, must use the same prefix.
   */
  public RedisBackplaneOptions channelPrefix(String value) {
    channelPrefix = Objects.requireNonNull(value);
    return this;
  }

  /** A PEM file of certificates to trust for TLS, or null for the JVM's default trust store. */
  public Path trustedCertificates() {
    return trustedCertificates;
  }

  /** Trusts the certificates of this PEM file for TLS ({@code rediss://}), e.g. a private CA. */
  public RedisBackplaneOptions trustedCertificates(Path pemFile) {
    trustedCertificates = pemFile;
    return this;
  }

  /** How long opening a connection may take (default 10 s). */
  public Duration connectTimeout() {
    return connectTimeout;
  }

  /** Sets the connect timeout. */
  public RedisBackplaneOptions connectTimeout(Duration value) {
    connectTimeout = Objects.requireNonNull(value);
    return this;
  }

  /**
   * The longest delay between two reconnect attempts while Redis is unreachable (default 5 s);
   * attempts start fast and back off exponentially up to it.
   */
  public Duration maxReconnectDelay() {
    return maxReconnectDelay;
  }

  /** Sets the longest reconnect delay. */
  public RedisBackplaneOptions maxReconnectDelay(Duration value) {
    maxReconnectDelay = Objects.requireNonNull(value);
    return this;
  }
}
