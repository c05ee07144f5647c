package io.switchboard.backplane.sql;

import java.io.IOException;
import java.util.Arrays;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessageUnpacker;

/**
 * Translates between the backplane's channel messages (ASP.NET Core's Redis envelopes, named by
 * channel) and the rows of IntelliTect's SQL Server backplane (backplanes.md §2.1), where a
 * payload names its own target: a MessagePack uint8 in its explicit form ({@code CC nn}) holding
 * the message type, then a MessagePack array:
 *
 * <table>
 *   <caption>Payload types</caption>
 *   <tr><th>Type</th><th>Channel</th><th>Body</th></tr>
 *   <tr><td>1 Ack</td><td>{@code internal:ack:{server}}</td><td>{@code [id, server]}</td></tr>
 *   <tr><td>2 Group</td><td>{@code internal:groups}</td><td>{@code [id, server, action, group, connection]}</td></tr>
 *   <tr><td>11 InvocationAll</td><td>{@code all}</td><td>{@code [excluded, protocols]}</td></tr>
 *   <tr><td>12 InvocationGroup</td><td>{@code group:{g}}</td><td>{@code [g, excluded, protocols]}</td></tr>
 *   <tr><td>13 InvocationConnection</td><td>{@code connection:{c}}</td><td>{@code [c, excluded, protocols]}</td></tr>
 *   <tr><td>14 InvocationUser</td><td>{@code user:{u}}</td><td>{@code [u, excluded, protocols]}</td></tr>
 *   <tr><td>101 ClientResultInvocation (ours)</td><td>{@code connection:{c}}</td><td>{@code [c, excluded, protocols, invocationId, returnChannel]}</td></tr>
 *   <tr><td>102 ClientResultCompletion (ours)</td><td>{@code internal:return:{server}}</td><td>{@code [server, protocol, completion]}</td></tr>
 * </table>
 *
 * <p>So a targeted payload is the channel's envelope with the target put first in its array (an
 * ack with the server put last), and the rest of the bytes unchanged. Types 101 and 102 carry
 * client results, which IntelliTect has not: .NET nodes log "Unknown message type" and ignore
 * them. The hub is known from the table, not the payload; channel names are {@code
 * {hubName}:{rest}} as in {@link io.switchboard.backplane.ScaleOutHubLifetimeManager}.
 */
final class SqlPayloads {
  static final int ACK = 1;
  static final int GROUP = 2;
  static final int INVOCATION_ALL = 11;
  static final int INVOCATION_GROUP = 12;
  static final int INVOCATION_CONNECTION = 13;
  static final int INVOCATION_USER = 14;
  static final int CLIENT_RESULT_INVOCATION = 101;
  static final int CLIENT_RESULT_COMPLETION = 102;

  private static final String ALL = "all";
  private static final String GROUP_PREFIX = "group:";
  private static final String USER_PREFIX = "user:";
  private static final String CONNECTION_PREFIX = "connection:";
  private static final String GROUPS = "internal:groups";
  private static final String ACK_PREFIX = "internal:ack:";
  private static final String RETURN_PREFIX = "internal:return:";

  private SqlPayloads() {}

  /** A received message: its channel and its envelope. */
  record ChannelMessage(String channel, byte[] envelope) {}

  /** The hub part of a channel name: everything before the first colon. */
  static String hubOf(String channel) {
    int colon = channel.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException("Not a hub channel: " + channel);
    }
    return channel.substring(0, colon);
  }

  /**
   * The row payload of a message published on {@code channel}.
   *
   * @throws IllegalArgumentException for a channel or envelope the SQL backplane cannot carry
   */
  static byte[] toPayload(String channel, byte[] envelope) {
    String hub = hubOf(channel);
    String rest = channel.substring(hub.length() + 1);
    if (rest.equals(ALL)) {
      return typed(INVOCATION_ALL, envelope);
    }
    if (rest.equals(GROUPS)) {
      return typed(GROUP, envelope);
    }
    if (rest.startsWith(GROUP_PREFIX)) {
      return withTarget(INVOCATION_GROUP, rest.substring(GROUP_PREFIX.length()), envelope, true);
    }
    if (rest.startsWith(USER_PREFIX)) {
      return withTarget(INVOCATION_USER, rest.substring(USER_PREFIX.length()), envelope, true);
    }
    if (rest.startsWith(CONNECTION_PREFIX)) {
      int type = arrayLength(envelope) >= 4 ? CLIENT_RESULT_INVOCATION : INVOCATION_CONNECTION;
      return withTarget(type, rest.substring(CONNECTION_PREFIX.length()), envelope, true);
    }
    if (rest.startsWith(ACK_PREFIX)) {
      return withTarget(ACK, rest.substring(ACK_PREFIX.length()), envelope, false);
    }
    if (rest.startsWith(RETURN_PREFIX)) {
      return withTarget(CLIENT_RESULT_COMPLETION, rest.substring(RETURN_PREFIX.length()), envelope, true);
    }
    throw new IllegalArgumentException("No SQL payload type for channel " + channel);
  }

  /**
   * The channel message of a row of {@code hubName}'s tables, or null for a type this server does
   * not know (a newer node's).
   *
   * @throws IllegalArgumentException when the payload is malformed
   */
  static ChannelMessage fromPayload(String hubName, byte[] payload) {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(payload)) {
      int type = unpacker.unpackInt();
      int bodyStart = (int) unpacker.getTotalReadBytes();
      byte[] body = Arrays.copyOfRange(payload, bodyStart, payload.length);
      String prefix = hubName + ":";
      switch (type) {
        case INVOCATION_ALL:
          return new ChannelMessage(prefix + ALL, body);
        case GROUP:
          return new ChannelMessage(prefix + GROUPS, body);
        case INVOCATION_GROUP:
          return withoutTarget(prefix + GROUP_PREFIX, unpacker, payload, true);
        case INVOCATION_USER:
          return withoutTarget(prefix + USER_PREFIX, unpacker, payload, true);
        case INVOCATION_CONNECTION:
        case CLIENT_RESULT_INVOCATION:
          return withoutTarget(prefix + CONNECTION_PREFIX, unpacker, payload, true);
        case CLIENT_RESULT_COMPLETION:
          return withoutTarget(prefix + RETURN_PREFIX, unpacker, payload, true);
        case ACK:
          return withoutTarget(prefix + ACK_PREFIX, unpacker, payload, false);
        default:
          return null;
      }
    } catch (IOException | MessagePackException | IndexOutOfBoundsException e) {
      throw new IllegalArgumentException("Malformed SQL backplane payload: " + e.getMessage(), e);
    }
  }

  private static byte[] typed(int type, byte[] envelope) {
    byte[] payload = new byte[envelope.length + 2];
    payload[0] = (byte) 0xCC; // uint8 in its explicit form, as MessagePack-CSharp's WriteUInt8
    payload[1] = (byte) type;
    System.arraycopy(envelope, 0, payload, 2, envelope.length);
    return payload;
  }

  /** The envelope's array with {@code target} added first (or last), after the type. */
  private static byte[] withTarget(int type, String target, byte[] envelope, boolean first) {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(envelope);
        MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      int length = unpacker.unpackArrayHeader();
      int itemsStart = (int) unpacker.getTotalReadBytes();
      packer.packArrayHeader(length + 1);
      if (first) {
        packer.packString(target);
      }
      packer.writePayload(envelope, itemsStart, envelope.length - itemsStart);
      if (!first) {
        packer.packString(target);
      }
      return typed(type, packer.toByteArray());
    } catch (IOException | MessagePackException e) {
      throw new IllegalArgumentException("Malformed backplane envelope: " + e.getMessage(), e);
    }
  }

  /**
   * The channel ({@code channelPrefix + target}) and envelope of a targeted payload whose type
   * the unpacker has read: the array without its target. A trailing target (an ack's server)
   * ends the items this server reads; .NET ignores items after them, and so does this.
   */
  private static ChannelMessage withoutTarget(
      String channelPrefix, MessageUnpacker unpacker, byte[] payload, boolean first) throws IOException {
    int length = unpacker.unpackArrayHeader();
    if (length < 2) {
      throw new IllegalArgumentException("Expected an array of at least 2 items, got " + length);
    }
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      String target;
      if (first) {
        packer.packArrayHeader(length - 1);
        target = unpacker.unpackString();
        int itemsStart = (int) unpacker.getTotalReadBytes();
        packer.writePayload(payload, itemsStart, payload.length - itemsStart);
      } else { // an ack, [id, server, ...]: the envelope is [id]
        packer.packArrayHeader(1);
        packer.packInt(unpacker.unpackInt());
        target = unpacker.unpackString();
      }
      return new ChannelMessage(channelPrefix + target, packer.toByteArray());
    }
  }

  private static int arrayLength(byte[] envelope) {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(envelope)) {
      return unpacker.unpackArrayHeader();
    } catch (IOException | MessagePackException e) {
      throw new IllegalArgumentException("Malformed backplane envelope: " + e.getMessage(), e);
    }
  }
}
