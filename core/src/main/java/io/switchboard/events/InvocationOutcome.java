package io.switchboard.events;

/** How a hub method ended. */
public enum InvocationOutcome {
  /** It returned (or its future completed) normally. */
  SUCCESS("success"),
  /** It threw a {@code HubException}: an error meant for the client. */
  HUB_ERROR("hub_error"),
  /** It, a filter or the hub's creation threw anything else. */
  ERROR("error");

  private final String tagValue;

  InvocationOutcome(String tagValue) {
    this.tagValue = tagValue;
  }

  /** A lower-case name for tags, e.g. {@code hub_error}. */
  public String tagValue() {
    return tagValue;
  }
}
