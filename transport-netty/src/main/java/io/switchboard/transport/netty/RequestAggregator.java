package io.switchboard.transport.netty;

import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;

/**
 * An {@link HttpObjectAggregator} that refuses (413) a declared body larger than its request may
 * carry ({@link SwitchboardHttpHandler#maxBodySize(HttpRequest)}) before buffering any of it. A
 * chunked body is bounded by {@code maxRequestSize} here and checked again by Switchboard.
 */
final class RequestAggregator extends HttpObjectAggregator {
  private final SwitchboardHttpHandler switchboard;

  RequestAggregator(SwitchboardHttpHandler switchboard) {
    super(switchboard.transportOptions().maxRequestSize());
    this.switchboard = switchboard;
  }

  @Override
  protected boolean isContentLengthInvalid(HttpMessage start, int maxContentLength) {
    if (super.isContentLengthInvalid(start, maxContentLength)) {
      return true;
    }
    if (!(start instanceof HttpRequest request)) {
      return false;
    }
    try {
      return HttpUtil.getContentLength(request, -1L) > switchboard.maxBodySize(request);
    } catch (NumberFormatException e) {
      return false; // the decoder has already refused it
    }
  }
}
