package io.switchboard.hub;

import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.InvocationMessage;
import java.lang.reflect.InvocationTargetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one non-streaming hub method and answers the caller: a value, a {@link CompletionStage}'s
 * value, or null for {@code void}; failures with the reference texts. Non-blocking invocations
 * (no id) are never answered.
 */
final class HubInvoker {
  private static final Logger log = LoggerFactory.getLogger(HubInvoker.class);

  private HubInvoker() {}

  /**
   * Invokes the method on a fresh hub instance.
   *
   * @param onDone called once the method (or its future) finished, whatever the outcome
   */
  static void invoke(
      HubConnectionContext caller,
      HubRuntime<?> hub,
      HubMethod method,
      InvocationMessage invocation,
      Runnable onDone) {
    Object result;
    try {
      Hub instance = hub.createHub(caller);
      result = method.method().invoke(instance, invocation.arguments());
    } catch (InvocationTargetException e) {
      fail(caller, hub, invocation, e.getCause());
      onDone.run();
      return;
    } catch (Exception e) {
      fail(caller, hub, invocation, e);
      onDone.run();
      return;
    }
    if (result instanceof CompletionStage<?> stage) {
      stage.whenComplete(
          (value, error) -> {
            if (error != null) {
              fail(caller, hub, invocation, unwrap(error));
            } else {
              succeed(caller, invocation, value);
            }
            onDone.run();
          });
    } else {
      succeed(caller, invocation, result);
      onDone.run();
    }
  }

  private static void succeed(HubConnectionContext caller, InvocationMessage invocation, Object value) {
    if (invocation.invocationId() != null) {
      caller.send(CompletionMessage.withResult(invocation.invocationId(), value));
    }
  }

  private static void fail(
      HubConnectionContext caller, HubRuntime<?> hub, InvocationMessage invocation, Throwable error) {
    if (error instanceof HubException) {
      log.debug("Hub method '{}' threw a HubException: {}", invocation.target(), error.getMessage());
    } else {
      log.error("Failed to invoke hub method '{}'.", invocation.target(), error);
    }
    if (invocation.invocationId() != null) {
      String text =
          HubErrors.invocationFailed(
              invocation.target(), error, hub.options.enableDetailedErrors());
      caller.send(CompletionMessage.withError(invocation.invocationId(), text));
    }
  }

  private static Throwable unwrap(Throwable error) {
    while ((error instanceof CompletionException || error instanceof ExecutionException)
        && error.getCause() != null) {
      error = error.getCause();
    }
    return error;
  }
}
