package io.switchboard.hub;

/**
 * Runs around hub method invocations and around connect and disconnect events, like ASP.NET
 * Core's {@code IHubFilter}: logging, validation, metrics, exception translation. Each method
 * calls {@code next} to go on (or does not, to short-circuit). Filters registered first run
 * outermost; global filters run outside a hub's own.
 */
public interface HubFilter {

  /**
   * Around one hub method invocation.
   *
   * @return the method's result (possibly a {@link java.util.concurrent.CompletionStage} or a
   *     stream) or a replacement
   */
  default Object invokeMethod(HubInvocationContext invocation, InvocationNext next) throws Exception {
    return next.invoke(invocation);
  }

  /** Around {@link Hub#onConnected()}. */
  default void onConnected(HubLifetimeContext context, LifetimeNext next) throws Exception {
    next.proceed(context);
  }

  /** Around {@link Hub#onDisconnected(Throwable)}. */
  default void onDisconnected(HubLifetimeContext context, Throwable error, DisconnectNext next)
      throws Exception {
    next.proceed(context, error);
  }

  /** The rest of the invocation pipeline. */
  @FunctionalInterface
  interface InvocationNext {
    /** Runs the next filter, or the hub method. */
    Object invoke(HubInvocationContext invocation) throws Exception;
  }

  /** The rest of the connect pipeline. */
  @FunctionalInterface
  interface LifetimeNext {
    /** Runs the next filter, or the hub's handler. */
    void proceed(HubLifetimeContext context) throws Exception;
  }

  /** The rest of the disconnect pipeline. */
  @FunctionalInterface
  interface DisconnectNext {
    /** Runs the next filter, or the hub's handler. */
    void proceed(HubLifetimeContext context, Throwable error) throws Exception;
  }
}
