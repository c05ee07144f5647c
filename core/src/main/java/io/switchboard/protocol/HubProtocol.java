package io.switchboard.protocol;

import java.nio.ByteBuffer;

/**
 * A hub protocol (JSON, MessagePack): frames, parses and encodes hub messages. Implementations are
 * thread-safe and stateless; one instance serves every connection.
 */
public interface HubProtocol {

  /** The name used in the handshake ({@code json}, {@code messagepack}). */
  String name();

  /** The highest protocol version supported (2: with Ack and Sequence). */
  int version();

  /** Text or binary. */
  TransferFormat transferFormat();

  /** Whether a client asking for this version in its handshake is accepted. */
  default boolean isVersionSupported(int requestedVersion) {
    return requestedVersion <= version();
  }

  /**
   * Parses one framed message from {@code input}, starting at its position.
   *
   * <p>Messages of an unknown type are skipped (forward compatibility): their bytes are consumed
   * and parsing goes on with the next message.
   *
   * @return the message, with the position advanced past it; or null when {@code input} does not
   *     yet hold a complete message (the position is then unchanged, except past skipped messages
   *     of an unknown type)
   * @throws InvalidDataException when the data is malformed (the connection must be closed)
   */
  HubMessage parseMessage(ByteBuffer input, InvocationBinder binder);

  /** Encodes one message with its framing (JSON + RS, or VarInt length + MessagePack). */
  byte[] encode(HubMessage message);
}
