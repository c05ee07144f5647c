package io.switchboard.hub;

import java.lang.reflect.Method;
import java.util.List;

/**
 * What a {@link HubFilter} knows about one invocation.
 *
 * @param hub the hub instance the method runs on
 * @param context the calling connection
 * @param methodName the name the client invoked
 * @param method the Java method
 * @param arguments the method's parameter values (a filter may replace elements)
 */
public record HubInvocationContext(
    Hub hub, HubCallerContext context, String methodName, Method method, List<Object> arguments) {}
