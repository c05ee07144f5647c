package io.switchboard.lifetime;

import io.switchboard.protocol.HubInvocationMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A hub message with its encodings, computed at most once per hub protocol: a message for many
 * recipients is encoded once per protocol in use and the same bytes are written to each of them.
 * A message received from another server through a backplane has no typed form, only its
 * encodings by protocol name. Thread-safe.
 */
public final class SerializedHubMessage {
  private final HubMessage message;
  /** Encodings by protocol name of a message that arrived through a backplane, else null. */
  private final Map<String, byte[]> received;
  // Almost every send uses one or two protocols; the first is kept in fields to spare the map.
  private volatile HubProtocol firstProtocol;
  private volatile byte[] firstBytes;
  private final Map<HubProtocol, byte[]> others = new ConcurrentHashMap<>(2);

  /** Wraps a message that has not been encoded yet. */
  public SerializedHubMessage(HubMessage message) {
    this.message = message;
    this.received = null;
  }

  /** Wraps a message whose encoding for one protocol is already known (e.g. from a backplane). */
  public SerializedHubMessage(HubMessage message, HubProtocol protocol, byte[] encoded) {
    this.message = message;
    this.received = null;
    this.firstProtocol = protocol;
    this.firstBytes = encoded;
  }

  /**
   * Wraps an invocation that another server encoded: its framed bytes by protocol name. (A
   * backplane carries invocations only.)
   */
  public SerializedHubMessage(Map<String, byte[]> encodedByProtocolName) {
    this.message = null;
    this.received = Map.copyOf(encodedByProtocolName);
  }

  /** The message, or null when it was received already encoded from another server. */
  public HubMessage message() {
    return message;
  }

  /** Whether the message is one of types 1–5, which stateful reconnect numbers. */
  public boolean isInvocation() {
    return received != null || message instanceof HubInvocationMessage;
  }

  /**
   * The framed bytes of the message in {@code protocol}, encoding it on first use.
   *
   * @throws IllegalStateException when the message came from another server that did not encode
   *     it in that protocol
   */
  public byte[] encodedFor(HubProtocol protocol) {
    if (received != null) {
      byte[] bytes = received.get(protocol.name());
      if (bytes == null) {
        throw new IllegalStateException(
            "This message was received from another server that did not have the requested protocol '"
                + protocol.name() + "' available.");
      }
      return bytes;
    }
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
