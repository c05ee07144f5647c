package io.switchboard.hub;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * One callable hub method: the name clients use, the Java method, what each parameter is bound
 * from, and whether it streams its results.
 *
 * @param name the name clients call
 * @param method the Java method
 * @param parameters what each parameter of the Java method receives, in order
 * @param argumentTypes the types of the parameters bound from the invocation's arguments
 * @param uploadCount how many parameters are upload (client-to-server) streams
 * @param streaming whether the method returns a server-to-client stream
 * @param nonBlocking whether it is {@link NonBlocking}: it runs on the receive loop
 */
record HubMethod(
    String name,
    Method method,
    List<Parameter> parameters,
    List<Type> argumentTypes,
    int uploadCount,
    boolean streaming,
    boolean nonBlocking) {

  /** What a parameter receives. */
  enum Source {
    /** A value of the invocation's arguments. */
    ARGUMENT,
    /** The stream's {@link CancellationSignal}, injected. */
    CANCELLATION,
    /** An upload stream the client sends items to: a {@code java.util.stream.Stream}. */
    UPLOAD
  }

  /**
   * One parameter.
   *
   * @param source what it receives
   * @param type its generic type; for uploads, the type of the stream's items
   */
  record Parameter(Source source, Type type) {}

  /**
   * The method's description.
   *
   * @throws IllegalArgumentException when a streaming method or one with upload streams is {@link
   *     NonBlocking}: those wait for items, so they may not run on the receive loop
   */
  static HubMethod of(String name, Method method) {
    method.setAccessible(true);
    List<Parameter> parameters = new ArrayList<>();
    List<Type> argumentTypes = new ArrayList<>();
    int uploads = 0;
    for (Type type : method.getGenericParameterTypes()) {
      Class<?> raw = rawClass(type);
      if (raw == CancellationSignal.class) {
        parameters.add(new Parameter(Source.CANCELLATION, type));
      } else if (raw == Stream.class) {
        parameters.add(new Parameter(Source.UPLOAD, elementType(type)));
        uploads++;
      } else {
        parameters.add(new Parameter(Source.ARGUMENT, type));
        argumentTypes.add(type);
      }
    }
    boolean streaming = isStream(method.getReturnType());
    boolean nonBlocking = method.isAnnotationPresent(NonBlocking.class);
    if (nonBlocking && (streaming || uploads > 0)) {
      throw new IllegalArgumentException(
          "Hub method '" + name + "' streams, so it cannot be @NonBlocking: streams run on the hub executor.");
    }
    return new HubMethod(
        name, method, List.copyOf(parameters), List.copyOf(argumentTypes), uploads, streaming, nonBlocking);
  }

  /** Whether values of this class are sent to the client item by item. */
  static boolean isStream(Class<?> type) {
    return Flow.Publisher.class.isAssignableFrom(type)
        || Stream.class.isAssignableFrom(type)
        || Iterator.class.isAssignableFrom(type);
  }

  private static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  private static Type elementType(Type streamType) {
    if (streamType instanceof ParameterizedType p) {
      return p.getActualTypeArguments()[0];
    }
    return Object.class;
  }
}
