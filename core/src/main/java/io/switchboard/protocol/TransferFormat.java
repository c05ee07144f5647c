package io.switchboard.protocol;

/** What a hub protocol puts on the wire: UTF-8 text or arbitrary bytes. */
public enum TransferFormat {
  /** UTF-8 text (JSON); WebSocket text frames; the only format of Server-Sent Events. */
  TEXT,
  /** Arbitrary bytes (MessagePack); WebSocket binary frames. */
  BINARY;

  /** The name used in negotiate responses and error texts ({@code Text}, {@code Binary}). */
  public String wireName() {
    return this == TEXT ? "Text" : "Binary";
  }
}
