package io.switchboard.events;

/** How a stream ended. */
public enum StreamOutcome {
  /** Its source ended (the method's items, or the client's upload completion without error). */
  COMPLETED("completed"),
  /**
   * It was cut short: the client cancelled the server's stream, or the hub method returned (or the
   * connection closed) before the client ended its upload.
   */
  CANCELLED("cancelled"),
  /** Its source failed: the method's stream threw, or the client completed its upload with an error. */
  ERROR("error");

  private final String tagValue;

  StreamOutcome(String tagValue) {
    this.tagValue = tagValue;
  }

  /** A lower-case name for tags, e.g. {@code cancelled}. */
  public String tagValue() {
    return tagValue;
  }
}
