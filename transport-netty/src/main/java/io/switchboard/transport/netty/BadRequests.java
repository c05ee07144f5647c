package io.switchboard.transport.netty;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.switchboard.connection.TransportResponse;

/**
 * Answers a request that cannot be served as Kestrel answers a bad request: an empty HTTP/1.1
 * response with {@code Connection: close}, after which the connection is closed (what follows a
 * malformed request cannot be trusted to start the next one).
 */
final class BadRequests {
  static final int BAD_REQUEST = 400;
  static final int REQUEST_TIMEOUT = 408;
  static final int PAYLOAD_TOO_LARGE = 413;
  static final int URI_TOO_LONG = 414;
  static final int HEADERS_TOO_LARGE = 431;

  private BadRequests() {}

  /** The status for a request the HTTP decoder failed on. */
  static int statusOf(Throwable decodeFailure) {
    if (decodeFailure instanceof TooLongHttpLineException) {
      return URI_TOO_LONG;
    }
    if (decodeFailure instanceof TooLongHttpHeaderException) {
      return HEADERS_TOO_LARGE;
    }
    return BAD_REQUEST;
  }

  /** Writes the empty {@code status} answer from the tail of the pipeline and closes. */
  static void answer(ChannelHandlerContext ctx, int status) {
    new HttpExchange(ctx.channel(), HttpVersion.HTTP_1_1, false).respond(TransportResponse.empty(status));
  }
}
