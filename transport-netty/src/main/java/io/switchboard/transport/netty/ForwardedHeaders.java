package io.switchboard.transport.netty;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.ssl.SslHandler;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Who the client is behind a reverse proxy: {@code X-Forwarded-For}, {@code X-Forwarded-Proto}
 * and {@code X-Forwarded-Host} are believed only when the immediate peer is a trusted proxy, as
 * ASP.NET Core's forwarded-headers middleware does with its default forward limit of one: the
 * last (right-most) value of each header is the one the trusted proxy added. Anyone else's
 * headers are ignored, so a client cannot claim another address.
 */
final class ForwardedHeaders {
  static final String FOR = "X-Forwarded-For";
  static final String PROTO = "X-Forwarded-Proto";
  static final String HOST = "X-Forwarded-Host";

  /** Believes no forwarded header. */
  static final ForwardedHeaders IGNORED = new ForwardedHeaders(address -> false);

  private final Predicate<InetAddress> trustedProxies;

  private ForwardedHeaders(Predicate<InetAddress> trustedProxies) {
    this.trustedProxies = trustedProxies;
  }

  /** Believes the headers of peers that {@code trustedProxies} accepts. */
  static ForwardedHeaders trusting(Predicate<InetAddress> trustedProxies) {
    return new ForwardedHeaders(Objects.requireNonNull(trustedProxies, "trustedProxies"));
  }

  /**
   * The client's address, scheme and host for a request that arrived on {@code channel}.
   *
   * @param host the request's {@code Host} header, or null
   */
  Origin resolve(HttpHeaders headers, String host, Channel channel) {
    SocketAddress peer = channel.remoteAddress();
    String address = address(peer);
    String scheme = channel.pipeline().get(SslHandler.class) != null ? "https" : "http";
    if (peer instanceof InetSocketAddress inet
        && inet.getAddress() != null
        && trustedProxies.test(inet.getAddress())) {
      address = lastValue(headers.getAll(FOR), address);
      scheme = lastValue(headers.getAll(PROTO), scheme);
      host = lastValue(headers.getAll(HOST), host);
    }
    return new Origin(address, scheme, host);
  }

  /** The right-most element of a comma-separated header, or {@code fallback} without one. */
  private static String lastValue(List<String> values, String fallback) {
    if (values.isEmpty()) {
      return fallback;
    }
    String last = values.get(values.size() - 1);
    String element = last.substring(last.lastIndexOf(',') + 1).trim();
    return element.isEmpty() ? fallback : element;
  }

  static String address(SocketAddress peer) {
    if (peer instanceof InetSocketAddress inet) {
      return inet.getAddress() != null ? inet.getAddress().getHostAddress() : inet.getHostString();
    }
    return peer == null ? null : peer.toString();
  }

  /** Where a request came from, as far as the trusted proxies say. */
  record Origin(String remoteAddress, String scheme, String host) {}
}
