package io.switchboard.spring.boot;

import io.switchboard.connection.TransportType;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code switchboard.*} properties of the auto-configured server.
 *
 * @param host the address to bind ({@code 0.0.0.0} for every interface)
 * @param port the port to bind (0 picks a free one)
 * @param detailedErrors whether clients see the exception messages of failed hub methods
 * @param keepAliveInterval how often a quiet connection is pinged (unset: 15 s, the reference's)
 * @param longPollTimeout how long a long poll waits for data (unset: 90 s, the reference's)
 * @param transports the transports the hubs accept (empty: all three)
 * @param healthPath where the server answers load balancers' health checks (unset: nowhere)
 * @param drainDelay how long the server reports draining while it still serves, when the
 *     application stops, before it closes the connections
 * @param trustedProxies the proxies whose X-Forwarded-* headers are believed (empty: none)
 * @param redis the Redis backplane
 */
@ConfigurationProperties("switchboard")
public record SwitchboardProperties(
    @DefaultValue("127.0.0.1") String host,
    @DefaultValue("5000") int port,
    boolean detailedErrors,
    Duration keepAliveInterval,
    Duration longPollTimeout,
    @DefaultValue Set<TransportType> transports,
    String healthPath,
    @DefaultValue("0s") Duration drainDelay,
    @DefaultValue List<InetAddress> trustedProxies,
    @DefaultValue Redis redis) {

  /**
   * The Redis backplane, which scales every hub out over the servers on the same Redis.
   *
   * @param url the Redis URI, e.g. {@code redis://localhost:6379} (unset: no backplane)
   */
  public record Redis(String url) {}
}
