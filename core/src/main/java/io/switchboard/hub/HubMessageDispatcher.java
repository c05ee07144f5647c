package io.switchboard.hub;

import io.switchboard.events.TracedInvocation;
import io.switchboard.events.StreamDirection;
import io.switchboard.events.StreamOutcome;
import io.switchboard.protocol.CancelInvocationMessage;
import io.switchboard.protocol.CloseMessage;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.InvocationBindingFailureMessage;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.PingMessage;
import io.switchboard.protocol.StreamBindingFailureMessage;
import io.switchboard.protocol.StreamInvocationMessage;
import io.switchboard.protocol.StreamItemMessage;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes each parsed client message: invocations (limited to the connection's invocation slots),
 * server-to-client streams and their cancellation, upload-stream items and ends, pings and Close.
 */
final class HubMessageDispatcher {
  private static final Logger log = LoggerFactory.getLogger(HubMessageDispatcher.class);

  private HubMessageDispatcher() {}

  /**
   * Handles one message.
   *
   * @return false when the message must wait (no free invocation slot, or a full upload buffer);
   *     the caller offers it again when the connection can go on
   */
  static boolean dispatch(HubConnectionContext caller, HubRuntime<?> hub, HubMessage message) {
    if (message instanceof InvocationMessage invocation) {
      return invoke(caller, hub, invocation);
    } else if (message instanceof StreamInvocationMessage stream) {
      startStream(caller, hub, stream);
    } else if (message instanceof StreamItemMessage item) {
      return caller.offerUploadItem(item.invocationId(), item.item());
    } else if (message instanceof CompletionMessage completion) {
      caller.onCompletion(completion);
    } else if (message instanceof CancelInvocationMessage cancel) {
      caller.cancelStream(cancel.invocationId());
    } else if (message instanceof InvocationBindingFailureMessage failure) {
      answerBindingFailure(caller, hub, failure);
    } else if (message instanceof StreamBindingFailureMessage failure) {
      log.debug("Upload item for stream {} could not be bound", failure.invocationId(), failure.cause());
      caller.completeUpload(failure.invocationId(), "Failed to bind Stream message.");
    } else if (message instanceof PingMessage) {
      caller.markClientPinged();
    } else if (message instanceof CloseMessage close) {
      caller.closeRequestedByClient(close);
    } else {
      log.debug("Ignoring message of type {} on connection {}", message.type(), caller.connectionId());
    }
    return true;
  }

  private static boolean invoke(
      HubConnectionContext caller, HubRuntime<?> hub, InvocationMessage invocation) {
    HubMethod method = hub.methods.find(invocation.target());
    String id = invocation.invocationId();
    if (!authorized(caller, hub, method, invocation.target(), id)) {
      return true;
    }
    if (method.streaming()) {
      if (id != null) {
        caller.send(CompletionMessage.withError(id, HubErrors.streamingMethodInvoked(invocation.target())));
      }
      return true;
    }
    if (method.uploadCount() > 0 || !invocation.streamIds().isEmpty()) {
      // Methods with upload streams wait for the client's items: they run in the background and
      // take a streaming slot, not an invocation slot, or they would stall the very loop that
      // feeds them (as the reference runs them outside its invocation limit).
      if (!acquireStreamingSlot(caller, hub, invocation.target(), id)) {
        return true;
      }
      List<UploadStream> uploads = openUploads(caller, hub, method, invocation.target(), id, invocation.streamIds());
      if (uploads == null) {
        caller.releaseStreamingSlot();
        return true;
      }
      Object[] parameters = HubInvoker.parameters(method, invocation.arguments(), uploads, null);
      Runnable release =
          () -> {
            caller.closeUploads(invocation.streamIds());
            caller.releaseStreamingSlot();
          };
      caller.runHubCode(
          () ->
              HubInvoker.invoke(
                  caller, hub, method, invocation.target(), invocation.headers(), id, parameters,
                  release, () -> {}),
          release);
      return true;
    }
    if (!caller.tryAcquireSlot()) {
      return false;
    }
    Object[] parameters = HubInvoker.parameters(method, invocation.arguments(), List.of(), null);
    Runnable call =
        () ->
            HubInvoker.invoke(
                caller, hub, method, invocation.target(), invocation.headers(), id, parameters,
                () -> {}, caller::releaseSlot);
    if (method.nonBlocking()) {
      call.run(); // here, on the receive loop: the method promised not to block (@NonBlocking)
    } else {
      caller.runHubCode(call, caller::releaseSlot);
    }
    return true;
  }

  /**
   * Takes a streaming slot, or refuses the invocation with the reference's text for a failed
   * invocation when the connection has {@link HubOptions#maximumStreamingInvocationsPerClient}
   * running already.
   */
  private static boolean acquireStreamingSlot(
      HubConnectionContext caller, HubRuntime<?> hub, String target, String id) {
    if (caller.tryAcquireStreamingSlot()) {
      return true;
    }
    HubException refusal =
        new HubException(
            "Too many streaming invocations are running on this connection (at most "
                + hub.options.maximumStreamingInvocationsPerClient() + ").");
    HubInvoker.fail(caller, hub, target, id, refusal);
    return false;
  }

  private static void startStream(
      HubConnectionContext caller, HubRuntime<?> hub, StreamInvocationMessage invocation) {
    HubMethod method = hub.methods.find(invocation.target());
    String id = invocation.invocationId();
    if (!authorized(caller, hub, method, invocation.target(), id)) {
      return;
    }
    if (!method.streaming()) {
      caller.send(CompletionMessage.withError(id, HubErrors.nonStreamingMethodStreamed(invocation.target())));
      return;
    }
    StreamCancellation cancellation = caller.registerStream(id);
    if (cancellation == null) {
      caller.send(CompletionMessage.withError(id, "Invocation ID '" + id + "' is already in use."));
      return;
    }
    if (!acquireStreamingSlot(caller, hub, invocation.target(), id)) {
      caller.unregisterStream(id);
      return;
    }
    List<UploadStream> uploads = openUploads(caller, hub, method, invocation.target(), id, invocation.streamIds());
    if (uploads == null) {
      caller.unregisterStream(id);
      caller.releaseStreamingSlot();
      return;
    }
    Object[] parameters = HubInvoker.parameters(method, invocation.arguments(), uploads, cancellation);
    Runnable onEnd =
        () -> {
          caller.unregisterStream(id);
          caller.closeUploads(invocation.streamIds());
          caller.releaseStreamingSlot();
        };
    caller.runHubCode(
        () -> {
          StreamEvents report =
              StreamEvents.start(caller, hub, invocation.target(), StreamDirection.SERVER_TO_CLIENT);
          TracedInvocation trace =
              InvocationTracing.start(caller, hub, invocation.target(), invocation.headers());
          try (TracedInvocation.Scope scope = InvocationTracing.enter(trace)) {
            stream(caller, hub, method, invocation, parameters, cancellation, onEnd, trace, report);
          }
        },
        onEnd);
  }

  /** Calls a streaming method and streams its result; {@code trace} ends with the stream. */
  private static void stream(
      HubConnectionContext caller,
      HubRuntime<?> hub,
      HubMethod method,
      StreamInvocationMessage invocation,
      Object[] parameters,
      StreamCancellation cancellation,
      Runnable onEnd,
      TracedInvocation trace,
      StreamEvents report) {
    String id = invocation.invocationId();
    Object source;
    try {
      source = HubInvoker.call(caller, hub, method, invocation.target(), invocation.headers(), parameters);
    } catch (Throwable e) {
      InvocationTracing.end(trace, e);
      onEnd.run();
      report.finished(StreamOutcome.ERROR);
      HubInvoker.fail(caller, hub, invocation.target(), id, e);
      return;
    }
    if (source == null) {
      InvocationTracing.end(trace, null); // as the reference: an answer, not an exception
      onEnd.run();
      report.finished(StreamOutcome.ERROR);
      caller.send(CompletionMessage.withError(id, HubErrors.streamingMethodReturnedNull(invocation.target())));
      return;
    }
    new ServerStream(caller, id, cancellation, hub.options.enableDetailedErrors(), onEnd, trace, report)
        .run(source);
  }

  /** Checks the method's {@code @Authorize}; answers the refusal when it fails. */
  private static boolean authorized(
      HubConnectionContext caller, HubRuntime<?> hub, HubMethod method, String target, String id) {
    if (hub.authorization.mayInvoke(method.method(), caller.user())) {
      return true;
    }
    log.debug("Connection {} is not authorized to invoke '{}'", caller.connectionId(), target);
    if (id != null) {
      caller.send(CompletionMessage.withError(id, "Failed to invoke '" + target + "' because user is unauthorized"));
    }
    return false;
  }

  /** Opens the method's upload streams, or answers with an error and returns null. */
  private static List<UploadStream> openUploads(
      HubConnectionContext caller,
      HubRuntime<?> hub,
      HubMethod method,
      String target,
      String invocationId,
      List<String> streamIds) {
    if (streamIds.size() != method.uploadCount()) {
      HubException mismatch =
          new HubException(
              "Client sent " + streamIds.size() + " stream(s), Hub method expects "
                  + method.uploadCount() + ".");
      HubInvoker.fail(caller, hub, target, invocationId, mismatch);
      return null;
    }
    List<UploadStream> uploads = new ArrayList<>(streamIds.size());
    int index = 0;
    for (HubMethod.Parameter parameter : method.parameters()) {
      if (parameter.source() == HubMethod.Source.UPLOAD) {
        uploads.add(caller.openUpload(streamIds.get(index++), parameter.type(), target));
      }
    }
    return uploads;
  }

  private static void answerBindingFailure(
      HubConnectionContext caller, HubRuntime<?> hub, InvocationBindingFailureMessage failure) {
    // With the cause: the client gets the reference's text, the payload library's detail is here.
    log.debug(
        "Failed to bind arguments of '{}' on connection {}",
        failure.target(),
        caller.connectionId(),
        failure.cause());
    if (failure.invocationId() != null) {
      String text =
          HubErrors.bindingFailed(
              failure.target(), failure.cause(), hub.options.enableDetailedErrors());
      caller.send(CompletionMessage.withError(failure.invocationId(), text));
    }
  }
}
