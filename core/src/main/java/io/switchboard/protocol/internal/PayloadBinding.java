package io.switchboard.protocol.internal;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.InvocationBinder;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;

/**
 * Binds payloads to the types the {@link InvocationBinder} asks for, with the reference server's
 * rules and failure texts. Shared by the JSON and MessagePack protocols, which only differ in how
 * they read a value. A {@link JsonParseException} is not a binding failure but malformed input, so
 * it propagates.
 */
public final class PayloadBinding {

  private static final String ARGUMENT_TYPES =
      "Error binding arguments. Make sure that the types of the provided values match the types of"
          + " the hub method being invoked.";

  private PayloadBinding() {}

  /** Binds an invocation's arguments to the parameter types of {@code target}. */
  public static BoundValue arguments(
      InvocationBinder binder, String target, ArgumentSource source) throws JsonParseException {
    List<Type> types;
    try {
      types = binder.parameterTypes(target);
    } catch (RuntimeException e) {
      return BoundValue.failed(e);
    }
    int expected = types.size();
    try {
      int announced = source.start();
      if (announced >= 0 && announced != expected) {
        return BoundValue.failed(countMismatch(announced, expected));
      }
      Object[] arguments = new Object[expected];
      int provided = 0;
      for (; source.hasNext(); provided++) {
        if (provided >= expected) {
          // Keep counting so the failure names how many were provided.
          source.skip();
          continue;
        }
        try {
          arguments[provided] = source.read(types.get(provided));
        } catch (JsonParseException e) {
          throw e;
        } catch (IOException | RuntimeException e) {
          return BoundValue.failed(new InvalidDataException(ARGUMENT_TYPES, e));
        }
      }
      return provided == expected
          ? BoundValue.bound(arguments)
          : BoundValue.failed(countMismatch(provided, expected));
    } catch (JsonParseException e) {
      throw e;
    } catch (InvalidDataException e) {
      return BoundValue.failed(e); // already the reference's text (e.g. reading the array length)
    } catch (IOException | RuntimeException e) {
      // The payload library's own words (its limits, its types) stay in the cause, for the log.
      return BoundValue.failed(new InvalidDataException(ARGUMENT_TYPES, e));
    }
  }

  /** Binds an upload-stream item to the element type of the stream {@code streamId}. */
  public static BoundValue streamItem(
      InvocationBinder binder, String streamId, PayloadReader reader) throws JsonParseException {
    try {
      return BoundValue.bound(reader.read(binder.streamItemType(streamId)));
    } catch (JsonParseException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return BoundValue.failed(asRuntime(e));
    }
  }

  /**
   * Binds a completion result to the return type of the client invocation {@code invocationId}. A
   * result for an unknown invocation is skipped and bound as null (the dispatcher ignores it); a
   * result that does not fit the type fails with the reference text, which becomes the
   * completion's error.
   */
  public static BoundValue result(
      InvocationBinder binder, String invocationId, PayloadReader reader) throws IOException {
    Type type;
    try {
      type = binder.returnType(invocationId);
    } catch (RuntimeException e) {
      type = null;
    }
    if (type == null) {
      reader.skip();
      return BoundValue.bound(null);
    }
    try {
      return BoundValue.bound(reader.read(type));
    } catch (JsonParseException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      return BoundValue.failed(
          new InvalidDataException(
              "Error trying to deserialize result to " + simpleName(type) + ". " + messageOf(e),
              e));
    }
  }

  private static InvalidDataException countMismatch(int provided, int expected) {
    return new InvalidDataException(
        "Invocation provides " + provided + " argument(s) but target expects " + expected + ".");
  }

  private static RuntimeException asRuntime(Exception e) {
    return e instanceof RuntimeException runtime
        ? runtime
        : new InvalidDataException(messageOf(e), e);
  }

  // Jackson's full message carries a source location, which is noise for a client.
  private static String messageOf(Exception e) {
    return e instanceof JsonProcessingException jackson
        ? jackson.getOriginalMessage()
        : e.getMessage();
  }

  private static String simpleName(Type type) {
    if (type instanceof Class<?> c) {
      return c.getSimpleName();
    }
    if (type instanceof ParameterizedType p) {
      return simpleName(p.getRawType());
    }
    return type.getTypeName();
  }
}
