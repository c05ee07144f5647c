package io.switchboard.events;

/** Why a slow client was cut off. */
public enum SlowClientReason {
  /** What it had not read yet would have exceeded the transport's outbound byte limit. */
  OUTBOUND_LIMIT("outbound_limit"),
  /** Its socket stayed unwritable for the transport's send timeout. */
  SEND_TIMEOUT("send_timeout");

  private final String tagValue;

  SlowClientReason(String tagValue) {
    this.tagValue = tagValue;
  }

  /** A lower-case name for tags, e.g. {@code send_timeout}. */
  public String tagValue() {
    return tagValue;
  }
}
