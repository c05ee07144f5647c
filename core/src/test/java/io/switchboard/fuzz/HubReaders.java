package io.switchboard.fuzz;

import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.InvocationBinder;
import io.switchboard.protocol.testing.CustomObject;
import io.switchboard.protocol.testing.TestBinder;
import io.switchboard.protocol.testing.TestEnum;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fuzz target shared by the hub protocols: parse every message of an input as a connection's
 * receive loop does, accepting only messages, "need more data" and {@link InvalidDataException},
 * and checking that each message returned consumed input.
 */
public final class HubReaders {

  /** A parameterized type without a declaring class, for the binder. */
  private record ListOf(Type element) implements java.lang.reflect.ParameterizedType {
    @Override
    public Type[] getActualTypeArguments() {
      return new Type[] {element};
    }

    @Override
    public Type getRawType() {
      return List.class;
    }

    @Override
    public Type getOwnerType() {
      return null;
    }
  }

  /**
   * Targets, streams and pending results of the reference vectors' names with parameter types of
   * every kind the payload mappers bind; other names are unknown (binding failures).
   */
  public static final InvocationBinder BINDER =
      new TestBinder()
          .target("Target")
          .target("foo", int.class, String.class)
          .target("method", int.class, String.class)
          .target("xyz", String.class)
          .target("abc", CustomObject.class, TestEnum.class, byte[].class)
          .target("Types", Object.class, new ListOf(Map.class), Instant.class, Date.class,
              UUID.class, long.class, double.class, boolean.class)
          .stream("123", int.class)
          .stream("xyz", String.class)
          .stream("__test_id__", CustomObject.class)
          .returnType("123", Object.class)
          .returnType("xyz", Instant.class)
          .returnType("42", new ListOf(String.class));

  private HubReaders() {}

  /** Parses all of {@code input} with {@code protocol}. */
  public static void parseAll(HubProtocol protocol, byte[] input) {
    ByteBuffer buffer = ByteBuffer.wrap(input);
    while (true) {
      int before = buffer.position();
      HubMessage message;
      try {
        message = protocol.parseMessage(buffer, BINDER);
      } catch (InvalidDataException e) {
        return; // the documented failure: the connection is closed with the reference's text
      }
      if (message == null) {
        return;
      }
      if (buffer.position() <= before) {
        throw new AssertionError("A message was returned without consuming input: " + message);
      }
    }
  }
}
