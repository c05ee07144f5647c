package io.switchboard.backplane;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.msgpack.core.MessageBufferPacker;
import org.msgpack.core.MessagePack;
import org.msgpack.core.MessagePackException;
import org.msgpack.core.MessagePacker;
import org.msgpack.core.MessageUnpacker;
import org.msgpack.value.ValueType;

/**
 * The MessagePack envelopes of ASP.NET Core's Redis backplane ({@code RedisProtocol}), byte for
 * byte (backplanes.md §1.5): the most compact integer and string headers, as MessagePack-CSharp
 * writes them. Readers accept every header width, nil where .NET accepts it, and ignore trailing
 * array items, as .NET does. Which envelope a message holds is known from its channel only.
 */
final class BackplaneCodec {
  private BackplaneCodec() {}

  /**
   * {@code [excludedIds, {protocol: bin}]}, or with {@code invocationId, returnChannel}; with trace
   * headers, {@code [excludedIds, {protocol: bin}, invocationId|nil, returnChannel|nil, {name:
   * value}]}. ASP.NET Core reads items 2 and 3 (nil as null, "no client result") of an array
   * longer than 3 and ignores the items after them, so the fifth item is Switchboard's alone.
   */
  static byte[] writeInvocation(BackplaneInvocation invocation) {
    return write(
        packer -> {
          boolean withResult = invocation.returnChannel() != null;
          boolean withTrace = !invocation.traceHeaders().isEmpty();
          packer.packArrayHeader(withTrace ? 5 : withResult ? 4 : 2);
          packer.packArrayHeader(invocation.excludedConnectionIds().size());
          for (String id : invocation.excludedConnectionIds()) {
            packer.packString(id);
          }
          packer.packMapHeader(invocation.payloads().size());
          for (Map.Entry<String, byte[]> entry : invocation.payloads().entrySet()) {
            packer.packString(entry.getKey());
            packer.packBinaryHeader(entry.getValue().length);
            packer.writePayload(entry.getValue());
          }
          if (withResult || withTrace) {
            packNullableString(packer, invocation.invocationId());
            packNullableString(packer, invocation.returnChannel());
          }
          if (withTrace) {
            packer.packMapHeader(invocation.traceHeaders().size());
            for (Map.Entry<String, String> header : invocation.traceHeaders().entrySet()) {
              packer.packString(header.getKey());
              packer.packString(header.getValue());
            }
          }
        });
  }

  static BackplaneInvocation readInvocation(byte[] bytes) {
    return read(
        bytes,
        unpacker -> {
          int length = unpacker.unpackArrayHeader();
          requireItems(length, 2);
          int excludedCount = unpacker.unpackArrayHeader();
          List<String> excluded = new ArrayList<>(excludedCount);
          for (int i = 0; i < excludedCount; i++) {
            excluded.add(unpacker.unpackString());
          }
          int protocols = unpacker.unpackMapHeader();
          Map<String, byte[]> payloads = new LinkedHashMap<>();
          for (int i = 0; i < protocols; i++) {
            payloads.put(unpacker.unpackString(), readBinary(unpacker));
          }
          if (length < 4) {
            return new BackplaneInvocation(excluded, payloads);
          }
          String invocationId = readNullableString(unpacker);
          String returnChannel = readNullableString(unpacker);
          Map<String, String> traceHeaders = length < 5 ? Map.of() : readTraceHeaders(unpacker);
          return new BackplaneInvocation(excluded, payloads, invocationId, returnChannel, traceHeaders);
        });
  }

  /** The fifth item: a map of strings; anything else there (a future .NET item) is no trace. */
  private static Map<String, String> readTraceHeaders(MessageUnpacker unpacker) throws IOException {
    if (unpacker.getNextFormat().getValueType() != ValueType.MAP) {
      return Map.of();
    }
    int count = unpacker.unpackMapHeader();
    Map<String, String> headers = new LinkedHashMap<>();
    for (int i = 0; i < count; i++) {
      String name = stringOrSkip(unpacker);
      String value = stringOrSkip(unpacker);
      if (name != null && value != null) {
        headers.put(name, value);
      }
    }
    return headers;
  }

  private static String stringOrSkip(MessageUnpacker unpacker) throws IOException {
    if (unpacker.getNextFormat().getValueType() == ValueType.STRING) {
      return unpacker.unpackString();
    }
    unpacker.skipValue();
    return null;
  }

  /** {@code [id, serverName, action, groupName, connectionId]}. */
  static byte[] writeGroupCommand(GroupCommand command) {
    return write(
        packer -> {
          packer.packArrayHeader(5);
          packer.packInt(command.id());
          packer.packString(command.serverName());
          packer.packInt(command.action().wireValue());
          packer.packString(command.groupName());
          packer.packString(command.connectionId());
        });
  }

  static GroupCommand readGroupCommand(byte[] bytes) {
    return read(
        bytes,
        unpacker -> {
          requireItems(unpacker.unpackArrayHeader(), 5);
          return new GroupCommand(
              unpacker.unpackInt(),
              unpacker.unpackString(),
              GroupCommand.Action.fromWire(unpacker.unpackInt()),
              unpacker.unpackString(),
              unpacker.unpackString());
        });
  }

  /** {@code [id]}. */
  static byte[] writeAck(int id) {
    return write(
        packer -> {
          packer.packArrayHeader(1);
          packer.packInt(id);
        });
  }

  static int readAck(byte[] bytes) {
    return read(
        bytes,
        unpacker -> {
          requireItems(unpacker.unpackArrayHeader(), 1);
          return unpacker.unpackInt();
        });
  }

  /** {@code [protocolName, completion]}. */
  static byte[] writeCompletion(RemoteCompletion completion) {
    return write(
        packer -> {
          packer.packArrayHeader(2);
          packer.packString(completion.protocolName());
          packer.packBinaryHeader(completion.completion().length);
          packer.writePayload(completion.completion());
        });
  }

  static RemoteCompletion readCompletion(byte[] bytes) {
    return read(
        bytes,
        unpacker -> {
          requireItems(unpacker.unpackArrayHeader(), 2);
          return new RemoteCompletion(unpacker.unpackString(), readBinary(unpacker));
        });
  }

  private static byte[] readBinary(MessageUnpacker unpacker) throws IOException {
    if (unpacker.getNextFormat().getValueType() == ValueType.NIL) {
      unpacker.unpackNil();
      return new byte[0];
    }
    return unpacker.readPayload(unpacker.unpackBinaryHeader());
  }

  private static void packNullableString(MessagePacker packer, String value) throws IOException {
    if (value == null) {
      packer.packNil();
    } else {
      packer.packString(value);
    }
  }

  private static String readNullableString(MessageUnpacker unpacker) throws IOException {
    if (unpacker.getNextFormat().getValueType() == ValueType.NIL) {
      unpacker.unpackNil();
      return null;
    }
    return unpacker.unpackString();
  }

  private static void requireItems(int length, int minimum) {
    if (length < minimum) {
      throw new IllegalArgumentException(
          "Expected an array of at least " + minimum + " items, got " + length);
    }
  }

  private interface Writer {
    void write(MessagePacker packer) throws IOException;
  }

  private interface Reader<T> {
    T read(MessageUnpacker unpacker) throws IOException;
  }

  private static byte[] write(Writer writer) {
    try (MessageBufferPacker packer = MessagePack.newDefaultBufferPacker()) {
      writer.write(packer);
      return packer.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // in-memory buffer: not expected
    }
  }

  /**
   * Reads an envelope.
   *
   * @throws IllegalArgumentException when the bytes are not that envelope
   */
  private static <T> T read(byte[] bytes, Reader<T> reader) {
    try (MessageUnpacker unpacker = MessagePack.newDefaultUnpacker(bytes)) {
      return reader.read(unpacker);
    } catch (IOException | MessagePackException e) {
      throw new IllegalArgumentException("Malformed backplane message: " + e.getMessage(), e);
    }
  }
}
