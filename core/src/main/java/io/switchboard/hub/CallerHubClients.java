package io.switchboard.hub;

import io.switchboard.lifetime.HubLifetimeManager;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The selections of a hub method: relative to its calling connection, plus all the others. Like
 * the reference server, it refuses client results where waiting for them would deadlock the
 * connection (one invocation at a time) or is not allowed (in {@code onConnected}).
 */
final class CallerHubClients extends LifetimeHubClients implements HubCallerClients {
  private final HubConnectionContext caller;
  private final String invokeRefusal;

  /**
   * @param invokeRefusal why client results are refused, or null when they are allowed
   */
  CallerHubClients(HubLifetimeManager lifetime, HubConnectionContext caller, String invokeRefusal) {
    super(lifetime);
    this.caller = caller;
    this.invokeRefusal = invokeRefusal;
  }

  /** The reason, if any, why hub methods of these options may not wait for client results. */
  static String refusalFor(HubOptions options) {
    return options.maximumParallelInvocationsPerClient() > 1
        ? null
        : "Client results inside a Hub method requires"
            + " HubOptions.MaximumParallelInvocationsPerClient to be greater than 1.";
  }

  @Override
  public SingleClientProxy caller() {
    return guarded(caller.connectionId());
  }

  @Override
  public SingleClientProxy client(String connectionId) {
    return guarded(connectionId);
  }

  private SingleClientProxy guarded(String connectionId) {
    SingleClientProxy target = super.client(connectionId);
    if (invokeRefusal == null) {
      return target;
    }
    return new SingleClientProxy() {
      @Override
      public CompletableFuture<Void> send(String method, Object... args) {
        return target.send(method, args);
      }

      @Override
      public <T> CompletableFuture<T> invoke(Class<T> resultType, String method, Object... args) {
        throw new IllegalStateException(invokeRefusal);
      }
    };
  }

  @Override
  public ClientProxy others() {
    return allExcept(List.of(caller.connectionId()));
  }

  @Override
  public ClientProxy othersInGroup(String groupName) {
    return groupExcept(groupName, List.of(caller.connectionId()));
  }
}
