package io.switchboard.hub;

import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What a {@link HubFilter} knows about one invocation.
 *
 * @param hub the hub instance the method runs on
 * @param context the calling connection
 * @param methodName the name the client invoked
 * @param method the Java method
 * @param arguments the method's parameter values (a filter may replace elements)
 * @param headers the invocation's headers as the client sent them (e.g. {@code traceparent}),
 *     read-only, empty when none
 */
public record HubInvocationContext(
    Hub hub,
    HubCallerContext context,
    String methodName,
    Method method,
    List<Object> arguments,
    Map<String, String> headers) {

  /** Shows the headers read-only; null reads as none. */
  public HubInvocationContext {
    headers = headers == null || headers.isEmpty() ? Map.of() : Collections.unmodifiableMap(headers);
  }

  /** An invocation without headers. */
  public HubInvocationContext(
      Hub hub, HubCallerContext context, String methodName, Method method, List<Object> arguments) {
    this(hub, context, methodName, method, arguments, Map.of());
  }
}
