package io.switchboard.hub;

import io.switchboard.events.TracedInvocation;
import io.switchboard.protocol.CompletionMessage;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs hub methods: assembles their parameters (arguments, upload streams, cancellation), calls
 * them on a fresh hub instance, and answers non-streaming invocations with the reference texts: a
 * value, a {@link CompletionStage}'s value, or null for {@code void}. Non-blocking invocations (no
 * id) are never answered.
 */
final class HubInvoker {
  private static final Logger log = LoggerFactory.getLogger(HubInvoker.class);

  private HubInvoker() {}

  /** The Java parameters of {@code method}, in declaration order. */
  static Object[] parameters(
      HubMethod method,
      Object[] arguments,
      List<UploadStream> uploads,
      CancellationSignal cancellation) {
    Object[] values = new Object[method.parameters().size()];
    int argument = 0;
    int upload = 0;
    for (int i = 0; i < values.length; i++) {
      switch (method.parameters().get(i).source()) {
        case ARGUMENT -> values[i] = arguments[argument++];
        case UPLOAD -> values[i] = uploads.get(upload++).asStream();
        case CANCELLATION -> values[i] = cancellation;
      }
    }
    return values;
  }

  /**
   * Calls the method on a new hub instance.
   *
   * @throws Exception what the method, a filter or the hub's creation threw
   */
  static Object call(
      HubConnectionContext caller,
      HubRuntime<?> hub,
      HubMethod method,
      String target,
      Map<String, String> headers,
      Object[] parameters)
      throws Exception {
    return hub.filters.invoke(hub.createHub(caller), caller, target, headers, method, parameters);
  }

  /**
   * Invokes a non-streaming method and answers the caller. An answer that cannot be sent (a result
   * the protocol fails to encode) ends the connection with an error, as the reference aborts it.
   * Both callbacks run once, whatever the outcome: they give back what the invocation took. The
   * hub's tracer's trace is current while the filters and the method run, and ends with the
   * method's result.
   *
   * @param methodEnded runs once the method (or its future) finished, before its answer is sent
   * @param answered runs once the answer was sent (or failed to be)
   */
  static void invoke(
      HubConnectionContext caller,
      HubRuntime<?> hub,
      HubMethod method,
      String target,
      Map<String, String> headers,
      String invocationId,
      Object[] parameters,
      Runnable methodEnded,
      Runnable answered) {
    long started = InvocationEvents.started(caller, hub, target);
    TracedInvocation trace = InvocationTracing.start(caller, hub, target, headers);
    Object result = null;
    Throwable error = null;
    try (TracedInvocation.Scope scope = InvocationTracing.enter(trace)) {
      result = call(caller, hub, method, target, headers, parameters);
      if (result instanceof CompletionStage<?> stage) {
        stage.whenComplete(
            (value, failure) ->
                finish(caller, hub, target, invocationId, value,
                    failure == null ? null : unwrap(failure), methodEnded, answered, started, trace));
        return;
      }
    } catch (Throwable e) {
      error = e;
    }
    finish(caller, hub, target, invocationId, result, error, methodEnded, answered, started, trace);
  }

  private static void finish(
      HubConnectionContext caller,
      HubRuntime<?> hub,
      String target,
      String invocationId,
      Object value,
      Throwable error,
      Runnable methodEnded,
      Runnable answered,
      long started,
      TracedInvocation trace) {
    InvocationEvents.finished(caller, hub, target, error, started);
    InvocationTracing.end(trace, error);
    try {
      try {
        methodEnded.run();
      } finally {
        answer(caller, hub, target, invocationId, value, error);
      }
    } finally {
      answered.run();
    }
  }

  /** Sends the result or the failure; a send that fails ends the connection. */
  private static void answer(
      HubConnectionContext caller,
      HubRuntime<?> hub,
      String target,
      String invocationId,
      Object value,
      Throwable error) {
    try {
      if (error != null) {
        fail(caller, hub, target, invocationId, error);
      } else if (invocationId != null) {
        caller.send(CompletionMessage.withResult(invocationId, value));
      }
    } catch (RuntimeException e) {
      log.error("Failed to send the answer of hub method '{}'; closing the connection.", target, e);
      caller.closeWithError(e, true);
    }
  }

  /** Logs a hub method's failure once and answers the caller with the reference text. */
  static void fail(
      HubConnectionContext caller, HubRuntime<?> hub, String target, String invocationId, Throwable error) {
    if (error instanceof HubException) {
      log.debug("Hub method '{}' threw a HubException: {}", target, error.getMessage());
    } else {
      log.error("Failed to invoke hub method '{}'.", target, error);
    }
    if (invocationId != null) {
      String text = HubErrors.invocationFailed(target, error, hub.options.enableDetailedErrors());
      caller.send(CompletionMessage.withError(invocationId, text));
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
