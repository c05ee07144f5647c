package io.switchboard.connection;

import java.nio.charset.StandardCharsets;

/**
 * A complete plain HTTP answer decided by the connection layer (negotiate results and the
 * rejections of protocol §1.10), for a transport adapter to write as is.
 *
 * @param status HTTP status code
 * @param contentType value of the {@code Content-Type} header
 * @param body the body, possibly empty
 */
public record TransportResponse(int status, String contentType, byte[] body) {

  /** {@code text/plain} media type used by every non-JSON answer. */
  public static final String TEXT_PLAIN = "text/plain";

  /** {@code application/octet-stream} media type of long-polling data. */
  public static final String OCTET_STREAM = "application/octet-stream";

  /** {@code application/json} media type of negotiate answers. */
  public static final String APPLICATION_JSON = "application/json";

  private static final byte[] EMPTY = new byte[0];

  /** A {@code text/plain} answer with a UTF-8 body. */
  public static TransportResponse text(int status, String body) {
    return new TransportResponse(status, TEXT_PLAIN, body.getBytes(StandardCharsets.UTF_8));
  }

  /** A {@code text/plain} answer with an empty body. */
  public static TransportResponse empty(int status) {
    return new TransportResponse(status, TEXT_PLAIN, EMPTY);
  }

  /** A {@code 200 application/octet-stream} answer (long-polling data; may be empty). */
  public static TransportResponse binary(byte[] body) {
    return new TransportResponse(200, OCTET_STREAM, body);
  }

  /** A {@code 200 application/json} answer. */
  public static TransportResponse json(byte[] body) {
    return new TransportResponse(200, APPLICATION_JSON, body);
  }

  /** The body decoded as UTF-8 (for logs and tests). */
  public String bodyText() {
    return new String(body, StandardCharsets.UTF_8);
  }
}
