package io.switchboard.examples.interop;

import io.switchboard.hub.Hub;

/** The hub of {@code /uncreatable}: its factory always fails, so every connection is refused. */
public class UncreatableHub extends Hub {

  /** The factory of {@code /uncreatable}. */
  static UncreatableHub create() {
    throw new IllegalStateException(
        "Unable to resolve service for type 'java.lang.Object' while attempting to activate '"
            + UncreatableHub.class.getName()
            + "'.");
  }

  public String echo(String message) {
    return message;
  }
}
