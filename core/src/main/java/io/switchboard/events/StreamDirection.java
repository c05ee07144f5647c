package io.switchboard.events;

/** Which way a stream's items flow. */
public enum StreamDirection {
  /** A streaming hub method's items to the client (a {@code StreamInvocation}). */
  SERVER_TO_CLIENT("server_to_client"),
  /** A client's upload to a hub method's stream parameter. */
  CLIENT_TO_SERVER("client_to_server");

  private final String tagValue;

  StreamDirection(String tagValue) {
    this.tagValue = tagValue;
  }

  /** A lower-case name for tags, e.g. {@code server_to_client}. */
  public String tagValue() {
    return tagValue;
  }
}
