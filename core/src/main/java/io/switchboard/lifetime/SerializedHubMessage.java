package io.switchboard.lifetime;

import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hub message with its encodings, computed at most once per hub protocol: a message for many
 * recipients is encoded once per protocol in use and the same bytes are written to each of them.
 * Thread-safe.
 */
public final class SerializedHubMessage {
  private final HubMessage message;
  // Almost every send uses one or two protocols; the first is kept in fields to spare the map.
  private volatile HubProtocol firstProtocol;
  private volatile byte[] firstBytes;
  private final Map<HubProtocol, byte[]> others = new ConcurrentHashMap<>(2);

  /** Wraps a message that has not been encoded yet. */
  public SerializedHubMessage(HubMessage message) {
    this.message = message;
  }

  /** Wraps a message whose encoding for one protocol is already known (e.g. from a backplane). */
  public SerializedHubMessage(HubMessage message, HubProtocol protocol, byte[] encoded) {
    this.message = message;
    this.firstProtocol = protocol;
    this.firstBytes = encoded;
  }

  /** The message. */
  public HubMessage message() {
    return message;
  }

  /** The framed bytes of the message in {@code protocol}, encoding it on first use. */
  public byte[] encodedFor(HubProtocol protocol) {
    if (firstProtocol == protocol) {
      byte[] bytes = firstBytes;
      if (bytes != null) {
        return bytes;
      }
    }
    synchronized (this) {
      if (firstProtocol == null) {
        byte[] bytes = protocol.encode(message);
        firstBytes = bytes;
        firstProtocol = protocol;
        return bytes;
      }
      if (firstProtocol == protocol) {
        return firstBytes;
      }
    }
    return others.computeIfAbsent(protocol, p -> p.encode(message));
  }
}
