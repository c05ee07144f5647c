package io.switchboard.transport.netty;

import io.switchboard.events.SlowClientReason;
import java.io.IOException;

/** Why {@link ChannelOutbound} cut a client off: it read too slowly, for {@link #reason()}. */
final class SlowClientException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient SlowClientReason reason;

  SlowClientException(SlowClientReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** The limit the client hit. */
  SlowClientReason reason() {
    return reason;
  }
}
