package io.switchboard.hub;

import java.lang.reflect.InvocationTargetException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs hub methods and events through the hub's filters, outermost first. */
final class HubFilterChain {
  private final List<HubFilter> filters;

  HubFilterChain(List<HubFilter> filters) {
    this.filters = List.copyOf(filters);
  }

  Object invoke(
      Hub hub,
      HubCallerContext caller,
      String target,
      Map<String, String> headers,
      HubMethod method,
      Object[] parameters)
      throws Exception {
    HubInvocationContext invocation =
        new HubInvocationContext(
            hub, caller, target, method.method(), Arrays.asList(parameters), headers);
    return invokeFrom(0, invocation);
  }

  private Object invokeFrom(int index, HubInvocationContext invocation) throws Exception {
    if (index == filters.size()) {
      try {
        return invocation.method().invoke(invocation.hub(), invocation.arguments().toArray());
      } catch (InvocationTargetException e) {
        throw rethrowable(e.getCause());
      }
    }
    return filters.get(index).invokeMethod(invocation, next -> invokeFrom(index + 1, next));
  }

  void onConnected(Hub hub, HubCallerContext caller) throws Exception {
    connectFrom(0, new HubLifetimeContext(hub, caller));
  }

  private void connectFrom(int index, HubLifetimeContext context) throws Exception {
    if (index == filters.size()) {
      context.hub().onConnected();
      return;
    }
    filters.get(index).onConnected(context, next -> connectFrom(index + 1, next));
  }

  void onDisconnected(Hub hub, HubCallerContext caller, Throwable error) throws Exception {
    disconnectFrom(0, new HubLifetimeContext(hub, caller), error);
  }

  private void disconnectFrom(int index, HubLifetimeContext context, Throwable error)
      throws Exception {
    if (index == filters.size()) {
      context.hub().onDisconnected(error);
      return;
    }
    filters
        .get(index)
        .onDisconnected(context, error, (next, nextError) -> disconnectFrom(index + 1, next, nextError));
  }

  /** Hub methods may throw anything; filters see it as an {@link Exception}. */
  private static Exception rethrowable(Throwable thrown) {
    if (thrown instanceof Exception exception) {
      return exception;
    }
    if (thrown instanceof Error error) {
      throw error;
    }
    return new RuntimeException(thrown);
  }
}
