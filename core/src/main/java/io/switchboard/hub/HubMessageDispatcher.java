package io.switchboard.hub;

import io.switchboard.protocol.CloseMessage;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.InvocationBindingFailureMessage;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.PingMessage;
import io.switchboard.protocol.StreamInvocationMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Routes each parsed client message to what handles it. */
final class HubMessageDispatcher {
  private static final Logger log = LoggerFactory.getLogger(HubMessageDispatcher.class);

  private HubMessageDispatcher() {}

  /** Handles one message; false when it is an invocation that must wait for a free slot. */
  static boolean dispatch(HubConnectionContext caller, HubRuntime<?> hub, HubMessage message) {
    if (message instanceof InvocationMessage invocation) {
      return invoke(caller, hub, invocation);
    } else if (message instanceof InvocationBindingFailureMessage failure) {
      answerBindingFailure(caller, hub, failure);
    } else if (message instanceof StreamInvocationMessage stream) {
      caller.send(
          CompletionMessage.withError(
              stream.invocationId(), HubErrors.nonStreamingMethodStreamed(stream.target())));
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
    if (!caller.tryAcquireSlot()) {
      return false;
    }
    if (hub.options.maximumParallelInvocationsPerClient() == 1) {
      // The drain already runs on the hub executor and would wait for this slot anyway.
      HubInvoker.invoke(caller, hub, method, invocation, caller::releaseSlot);
    } else {
      hub.executor.execute(
          () -> HubInvoker.invoke(caller, hub, method, invocation, caller::releaseSlot));
    }
    return true;
  }

  private static void answerBindingFailure(
      HubConnectionContext caller, HubRuntime<?> hub, InvocationBindingFailureMessage failure) {
    log.debug(
        "Failed to bind arguments of '{}' on connection {}: {}",
        failure.target(),
        caller.connectionId(),
        failure.cause().getMessage());
    if (failure.invocationId() != null) {
      String text =
          HubErrors.bindingFailed(
              failure.target(), failure.cause(), hub.options.enableDetailedErrors());
      caller.send(CompletionMessage.withError(failure.invocationId(), text));
    }
  }
}
