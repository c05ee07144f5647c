package io.switchboard.bench.client;

import io.netty.buffer.ByteBuf;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The client side of the two hub protocols, as much as the load generator needs: the handshake
 * request, invocations with one string argument, and counting the messages of a frame by type. The
 * encoders are written out by hand so that the load generator measures the server, not a shared
 * codec.
 */
public enum WireFormat {
  /** {@code json}: one JSON object per message, each followed by 0x1E; Text frames. */
  JSON("json", false) {
    @Override
    public byte[] invocation(String invocationId, String target, String argument) {
      StringBuilder json = new StringBuilder("{\"type\":1,");
      if (invocationId != null) {
        json.append("\"invocationId\":\"").append(invocationId).append("\",");
      }
      json.append("\"target\":\"").append(target).append("\",\"arguments\":[\"");
      json.append(argument).append("\"]}").append(RECORD_SEPARATOR);
      return json.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public int countMessages(ByteBuf frame, int typeMask) {
      int count = 0;
      int start = frame.readerIndex();
      int end = frame.writerIndex();
      while (start < end) {
        int separator = frame.indexOf(start, end, (byte) RECORD_SEPARATOR);
        if (separator < 0) {
          break;
        }
        if ((typeMask & (1 << jsonType(frame, start, separator))) != 0) {
          count++;
        }
        start = separator + 1;
      }
      return count;
    }
  },

  /** {@code messagepack}: VarInt length + one MessagePack array per message; Binary frames. */
  MESSAGEPACK("messagepack", true) {
    @Override
    public byte[] invocation(String invocationId, String target, String argument) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.write(0x96); // array of 6
      body.write(0x01); // type Invocation
      body.write(0x80); // empty headers map
      if (invocationId == null) {
        body.write(0xC0);
      } else {
        writeString(body, invocationId);
      }
      writeString(body, target);
      body.write(0x91); // arguments: array of 1
      writeString(body, argument);
      body.write(0x90); // no stream ids
      ByteArrayOutputStream framed = new ByteArrayOutputStream();
      int length = body.size();
      while (length >= 0x80) {
        framed.write((length & 0x7F) | 0x80);
        length >>>= 7;
      }
      framed.write(length);
      framed.writeBytes(body.toByteArray());
      return framed.toByteArray();
    }

    @Override
    public int countMessages(ByteBuf frame, int typeMask) {
      int count = 0;
      int index = frame.readerIndex();
      int end = frame.writerIndex();
      while (index < end) {
        int length = 0;
        int shift = 0;
        byte b;
        do {
          b = frame.getByte(index++);
          length |= (b & 0x7F) << shift;
          shift += 7;
        } while ((b & 0x80) != 0 && index < end);
        // payload[0] is the array header, payload[1] the message type (a positive fixint).
        if (length >= 2 && (typeMask & (1 << (frame.getByte(index + 1) & 0x7F))) != 0) {
          count++;
        }
        index += length;
      }
      return count;
    }

    private void writeString(ByteArrayOutputStream out, String value) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      if (utf8.length < 32) {
        out.write(0xA0 | utf8.length);
      } else if (utf8.length < 256) {
        out.write(0xD9);
        out.write(utf8.length);
      } else {
        out.write(0xDA);
        out.write(utf8.length >>> 8);
        out.write(utf8.length & 0xFF);
      }
      out.writeBytes(utf8);
    }
  };

  /** Type bit of an Invocation (1), for {@link #countMessages}. */
  public static final int INVOCATION = 1 << 1;

  /** Type bit of a Completion (3), for {@link #countMessages}. */
  public static final int COMPLETION = 1 << 3;

  private static final char RECORD_SEPARATOR = 0x1E;
  private static final byte[] TYPE_KEY = "\"type\":".getBytes(StandardCharsets.US_ASCII);

  private final String protocolName;
  private final boolean binary;

  WireFormat(String protocolName, boolean binary) {
    this.protocolName = protocolName;
    this.binary = binary;
  }

  /** The handshake request, always JSON. */
  public byte[] handshakeRequest() {
    return ("{\"protocol\":\"" + protocolName + "\",\"version\":1}" + RECORD_SEPARATOR)
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Checks the server's handshake response, {@code firstMessage} being the text before its record
   * separator (a transport's framing may precede it): {@code {}} accepts, anything else refuses.
   *
   * @throws IllegalStateException if the server refused the handshake
   */
  public static void requireHandshakeAccepted(String firstMessage) {
    if (!firstMessage.endsWith("{}")) {
      throw new IllegalStateException("Handshake refused: " + firstMessage);
    }
  }

  /** The record separator that ends every JSON message (and the handshake in either protocol). */
  public static byte recordSeparator() {
    return (byte) RECORD_SEPARATOR;
  }

  /** Whether messages travel in Binary WebSocket frames (else Text). */
  public boolean binary() {
    return binary;
  }

  /** The name used in the handshake and in scenario names. */
  public String protocolName() {
    return protocolName;
  }

  /**
   * One framed Invocation of {@code target} with one string argument (ASCII without quotes or
   * backslashes); non-blocking when {@code invocationId} is null.
   */
  public abstract byte[] invocation(String invocationId, String target, String argument);

  /** Counts the complete messages in {@code frame} whose type bit is set in {@code typeMask}. */
  public abstract int countMessages(ByteBuf frame, int typeMask);

  /** The number after {@code "type":} in the message {@code [start, end)}, or 0 if absent. */
  private static int jsonType(ByteBuf frame, int start, int end) {
    outer:
    for (int i = start; i + TYPE_KEY.length < end; i++) {
      for (int k = 0; k < TYPE_KEY.length; k++) {
        if (frame.getByte(i + k) != TYPE_KEY[k]) {
          continue outer;
        }
      }
      int type = 0;
      for (int j = i + TYPE_KEY.length; j < end; j++) {
        byte digit = frame.getByte(j);
        if (digit < '0' || digit > '9') {
          break;
        }
        type = type * 10 + (digit - '0');
      }
      return type < 32 ? type : 0;
    }
    return 0;
  }
}
