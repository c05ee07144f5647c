package io.switchboard.protocol.testing;

import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.InvocationBinder;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.StreamInvocationMessage;
import io.switchboard.protocol.StreamItemMessage;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An {@link InvocationBinder} with fixed answers; unknown names throw {@link IllegalStateException}. */
public final class TestBinder implements InvocationBinder {

  private final Map<String, List<Type>> targets = new HashMap<>();
  private final Map<String, Type> returnTypes = new HashMap<>();
  private final Map<String, Type> streamItemTypes = new HashMap<>();
  private RuntimeException failure;

  /** A binder whose every lookup throws {@code failure}. */
  public static TestBinder failingWith(RuntimeException failure) {
    TestBinder binder = new TestBinder();
    binder.failure = failure;
    return binder;
  }

  /** Adds a target with these parameter types. */
  public TestBinder target(String name, Type... parameterTypes) {
    targets.put(name, List.of(parameterTypes));
    return this;
  }

  /** Adds a pending client invocation whose result has this type. */
  public TestBinder returnType(String invocationId, Type type) {
    returnTypes.put(invocationId, type);
    return this;
  }

  /** Adds an open upload stream whose items have this type. */
  public TestBinder stream(String streamId, Type type) {
    streamItemTypes.put(streamId, type);
    return this;
  }

  /** A binder that expects the payloads of {@code message}, typed as their runtime classes. */
  public static TestBinder expecting(HubMessage message) {
    TestBinder binder = new TestBinder();
    if (message instanceof InvocationMessage m) {
      binder.target(m.target(), typesOf(m.arguments()));
    } else if (message instanceof StreamInvocationMessage m) {
      binder.target(m.target(), typesOf(m.arguments()));
    } else if (message instanceof StreamItemMessage m) {
      binder.stream(m.invocationId(), typeOf(m.item()));
    } else if (message instanceof CompletionMessage m) {
      binder.returnType(m.invocationId(), typeOf(m.result()));
    }
    return binder;
  }

  @Override
  public List<Type> parameterTypes(String target) {
    return lookUp(targets, target, "target");
  }

  @Override
  public Type returnType(String invocationId) {
    return lookUp(returnTypes, invocationId, "invocation");
  }

  @Override
  public Type streamItemType(String streamId) {
    return lookUp(streamItemTypes, streamId, "stream");
  }

  private <T> T lookUp(Map<String, T> map, String key, String what) {
    if (failure != null) {
      throw failure;
    }
    T value = map.get(key);
    if (value == null) {
      throw new IllegalStateException("Unknown " + what + " '" + key + "'");
    }
    return value;
  }

  private static Type[] typesOf(Object[] values) {
    return Arrays.stream(values).map(TestBinder::typeOf).toArray(Type[]::new);
  }

  private static Type typeOf(Object value) {
    return value == null ? Object.class : value.getClass();
  }
}
