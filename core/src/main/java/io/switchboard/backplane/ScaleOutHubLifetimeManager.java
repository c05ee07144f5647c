package io.switchboard.backplane;

import io.switchboard.connection.internal.WriteBatch;
import io.switchboard.connection.internal.LimitedWarnings;
import io.switchboard.events.SwitchboardEvents;
import io.switchboard.lifetime.HubConnection;
import io.switchboard.lifetime.HubLifetimeManager;
import io.switchboard.lifetime.SerializedHubMessage;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvocationMessage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lifetime manager of a hub served by several servers that share a {@link Backplane}, with
 * the routing, channels and messages of ASP.NET Core's Redis backplane, so that Java and .NET
 * servers can serve one hub together (backplanes.md Part 1):
 *
 * <ul>
 *   <li>Sends to all, groups and users are published once per target channel, encoded once per
 *       protocol of {@link ScaleOutOptions#protocols()}; every server, this one included, delivers
 *       them to its own connections when they come back from the bus. Sends to a connection of
 *       this server are written directly.
 *   <li>A server subscribes to a group's or user's channel while it hosts at least one member, and
 *       to each of its connections' channels.
 *   <li>Adding or removing a connection of another server publishes a group command; the future
 *       completes when that server acknowledges (after it subscribed), or fails after {@link
 *       ScaleOutOptions#groupAckTimeout()}.
 *   <li>A client result asked of another server's connection is published on that connection's
 *       channel with this server's return channel, where the Completion comes back.
 * </ul>
 *
 * <p>Delivery between servers is at most once and ordered per channel. While the bus is
 * unreachable, this server's connections keep working: sends to all, groups and users reach this
 * server's connections directly and their futures fail with {@link BackplaneUnavailableException}
 * (other servers miss them); sends to other servers' connections, group changes for them and
 * client results from them fail fast. Group and user membership lives in the memory of the server
 * hosting the connection.
 *
 * <p>With a {@link ScaleOutOptions#tracer() tracer}, an invocation carries the publisher's trace
 * propagation headers as a fifth array item, {@code [excludedIds, payloads, invocationId|nil,
 * returnChannel|nil, {name: value}]}, which ASP.NET Core's reader skips; a receiving server
 * delivers it through {@link BackplaneTracer#delivered}. Without one, envelopes are .NET's, byte
 * for byte.
 *
 * <p>Differences with .NET: group names are ordinal everywhere (.NET's per-connection group set
 * ignores case); a connection in several groups of one {@link #sendGroups} call gets the message
 * once per group, as with .NET's backplane.
 */
public final class ScaleOutHubLifetimeManager implements HubLifetimeManager, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ScaleOutHubLifetimeManager.class);
  // A backplane outage or a failing network hits every connection at once.
  private static final LimitedWarnings UNREACHABLE =
      new LimitedWarnings(log, "connections not reachable from other servers yet");
  private static final LimitedWarnings WRITE_FAILURES =
      new LimitedWarnings(log, "failed writing backplane messages to connections");
  private static final LimitedWarnings MALFORMED = new LimitedWarnings(log, "malformed backplane messages dropped");
  /**
   * Longest wait of {@link #onConnected}'s stage for the connection's channels, so hub code never runs
   * before other servers can reach the connection; the bus's own timeouts normally end it sooner.
   */
  private static final long SUBSCRIBE_WAIT_SECONDS = 10;

  private final Backplane bus;
  private final ScaleOutOptions options;
  private final BackplaneChannels channels;
  private final Map<String, HubConnection> connections = new ConcurrentHashMap<>();
  private final SubscribedMembers groups;
  private final SubscribedMembers users;
  private final PendingAcks acks;
  private final PendingResults results;
  private final CompletableFuture<Void> started;

  /** A manager for one hub on {@code bus}; it subscribes to the hub's server-wide channels. */
  public ScaleOutHubLifetimeManager(Backplane bus, ScaleOutOptions options) {
    Objects.requireNonNull(bus);
    this.options = Objects.requireNonNull(options);
    this.bus =
        options.events() == SwitchboardEvents.NONE
            ? bus
            : new ObservedBackplane(bus, options.hubName(), options.events());
    this.channels = new BackplaneChannels(options.hubName(), options.serverName());
    this.groups = new SubscribedMembers(this.bus, channels::group, this::onGroupMessage);
    this.users = new SubscribedMembers(this.bus, channels::user, this::onUserMessage);
    this.acks = new PendingAcks(options.groupAckTimeout());
    this.results = new PendingResults(options.protocols());
    this.started =
        CompletableFuture.allOf(
                this.bus.subscribe(channels.all(), this::onAllMessage),
                this.bus.subscribe(channels.groupManagement(), this::onGroupCommand),
                this.bus.subscribe(channels.ack(options.serverName()), this::onAck),
                this.bus.subscribe(channels.returnResults(), this::onCompletion))
            // The bus keeps the subscriptions and restores them: nothing to wait for after that.
            .exceptionally(error -> null);
  }

  /** This server's name on the backplane. */
  public String serverName() {
    return options.serverName();
  }

  /** The hub's name on the backplane. */
  public String hubName() {
    return options.hubName();
  }

  // ---- connections -------------------------------------------------------------------------

  @Override
  public CompletionStage<Void> onConnected(HubConnection connection) {
    String id = connection.connectionId();
    connections.put(id, connection);
    List<CompletableFuture<Void>> subscriptions = new ArrayList<>();
    subscriptions.add(started);
    subscriptions.add(bus.subscribe(channels.connection(id), message -> onConnectionMessage(id, message)));
    String user = connection.userIdentifier();
    if (user != null && !user.isEmpty()) {
      subscriptions.add(users.add(user, connection));
    }
    return CompletableFuture.allOf(subscriptions.toArray(CompletableFuture[]::new))
        .orTimeout(SUBSCRIBE_WAIT_SECONDS, TimeUnit.SECONDS)
        .exceptionally(
            error -> {
              // The bus restores the subscriptions when it is back; an outage is logged by the bus.
              if (bus.isHealthy()) {
                UNREACHABLE.warn("Connection {} is not reachable from other servers yet: {}", id, unwrap(error).toString());
              }
              return null;
            });
  }

  @Override
  public CompletionStage<Void> onDisconnected(HubConnection connection) {
    String id = connection.connectionId();
    connections.remove(id);
    bus.unsubscribe(channels.connection(id));
    groups.removeEverywhere(connection);
    String user = connection.userIdentifier();
    if (user != null && !user.isEmpty()) {
      users.remove(user, connection);
    }
    return CompletableFuture.completedStage(null);
  }

  // ---- sending -----------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> sendAll(
      InvocationMessage message, Collection<String> excludedConnectionIds) {
    Outgoing outgoing = new Outgoing(message, excludedConnectionIds);
    return publish(
        channels.all(),
        outgoing.envelope(),
        () -> outgoing.writeTo(connections.values()));
  }

  @Override
  public CompletableFuture<Void> sendConnections(
      InvocationMessage message, Collection<String> connectionIds) {
    Outgoing outgoing = new Outgoing(message, List.of());
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (String connectionId : connectionIds) {
      HubConnection local = connections.get(connectionId);
      if (local != null) {
        write(local, outgoing.serialized);
      } else {
        sends.add(publish(channels.connection(connectionId), outgoing.envelope(), () -> {}));
      }
    }
    return allOf(sends);
  }

  @Override
  public CompletableFuture<Void> sendGroups(
      InvocationMessage message,
      Collection<String> groupNames,
      Collection<String> excludedConnectionIds) {
    return publishToEach(
        groupNames, channels::group, groups, new Outgoing(message, excludedConnectionIds));
  }

  @Override
  public CompletableFuture<Void> sendUsers(InvocationMessage message, Collection<String> userIds) {
    return publishToEach(userIds, channels::user, users, new Outgoing(message, List.of()));
  }

  private CompletableFuture<Void> publishToEach(
      Collection<String> names,
      Function<String, String> channelOf,
      SubscribedMembers members,
      Outgoing outgoing) {
    List<CompletableFuture<Void>> sends = new ArrayList<>();
    for (String name : names) {
      if (name != null && !name.isEmpty()) {
        sends.add(
            publish(
                channelOf.apply(name),
                outgoing.envelope(),
                () -> outgoing.writeTo(members.members(name))));
      }
    }
    return allOf(sends);
  }

  /**
   * Publishes; when the bus is unreachable, runs {@code localFallback} (this server's share of
   * the delivery, which the bus would have brought back) and fails.
   */
  private CompletableFuture<Void> publish(String channel, byte[] envelope, Runnable localFallback) {
    return bus.publish(channel, envelope)
        .handle(
            (receivers, error) -> {
              if (error == null) {
                return null;
              }
              Throwable cause = unwrap(error);
              if (cause instanceof BackplaneUnavailableException) {
                localFallback.run();
              }
              throw new CompletionException(cause);
            });
  }

  // ---- client results ----------------------------------------------------------------------

  @Override
  public <T> CompletableFuture<T> invokeConnection(
      String connectionId, String method, Object[] args, Class<T> resultType) {
    HubConnection local = connections.get(connectionId);
    if (local != null) {
      return local.invoke(method, args, resultType);
    }
    String invocationId = BackplaneIds.newInvocationId();
    CompletableFuture<T> result = results.register(invocationId, resultType);
    InvocationMessage invocation = new InvocationMessage(Map.of(), invocationId, method, args, List.of());
    BackplaneInvocation envelope =
        new BackplaneInvocation(
            List.of(),
            encode(new SerializedHubMessage(invocation)),
            invocationId,
            channels.returnResults(),
            outgoingTraceHeaders());
    bus.publish(channels.connection(connectionId), BackplaneCodec.writeInvocation(envelope))
        .whenComplete(
            (receivers, error) -> {
              if (error != null) {
                results.fail(invocationId, unwrap(error));
              } else if (receivers == 0) {
                results.fail(
                    invocationId, new IOException("Connection '" + connectionId + "' does not exist."));
              }
            });
    return result;
  }

  // ---- groups ------------------------------------------------------------------------------

  @Override
  public CompletableFuture<Void> addToGroup(String connectionId, String groupName) {
    Objects.requireNonNull(groupName, "groupName");
    HubConnection local = connections.get(connectionId);
    if (local != null) {
      return tolerateOutage(groups.add(groupName, local));
    }
    return sendGroupCommand(GroupCommand.Action.ADD, connectionId, groupName);
  }

  @Override
  public CompletableFuture<Void> removeFromGroup(String connectionId, String groupName) {
    Objects.requireNonNull(groupName, "groupName");
    HubConnection local = connections.get(connectionId);
    if (local != null) {
      return tolerateOutage(groups.remove(groupName, local));
    }
    return sendGroupCommand(GroupCommand.Action.REMOVE, connectionId, groupName);
  }

  /** A local membership change holds while the bus is away: the bus restores its channels. */
  private static CompletableFuture<Void> tolerateOutage(CompletableFuture<Void> change) {
    return change.exceptionally(
        error -> {
          if (unwrap(error) instanceof BackplaneUnavailableException) {
            return null;
          }
          throw new CompletionException(unwrap(error));
        });
  }

  private CompletableFuture<Void> sendGroupCommand(
      GroupCommand.Action action, String connectionId, String groupName) {
    String description =
        (action == GroupCommand.Action.ADD ? "adding" : "removing")
            + " connection '" + connectionId + "' "
            + (action == GroupCommand.Action.ADD ? "to" : "from")
            + " group '" + groupName + "'";
    PendingAcks.Pending pending = acks.register(description);
    GroupCommand command =
        new GroupCommand(pending.id(), options.serverName(), action, groupName, connectionId);
    bus.publish(channels.groupManagement(), BackplaneCodec.writeGroupCommand(command))
        .whenComplete(
            (receivers, error) -> {
              if (error != null) {
                pending.acked().completeExceptionally(unwrap(error));
              }
            });
    return pending.acked();
  }

  // ---- receiving ---------------------------------------------------------------------------

  private void onAllMessage(byte[] message) {
    BackplaneInvocation invocation = decode(BackplaneCodec::readInvocation, message, "invocation");
    if (invocation != null) {
      deliver(invocation, channels.all(), () -> Incoming.of(invocation).writeTo(connections.values()));
    }
  }

  private void onGroupMessage(String groupName, byte[] message) {
    BackplaneInvocation invocation = decode(BackplaneCodec::readInvocation, message, "invocation");
    if (invocation != null) {
      deliver(
          invocation,
          channels.group("{group}"),
          () -> Incoming.of(invocation).writeTo(groups.members(groupName)));
    }
  }

  private void onUserMessage(String userId, byte[] message) {
    BackplaneInvocation invocation = decode(BackplaneCodec::readInvocation, message, "invocation");
    if (invocation != null) {
      deliver(
          invocation,
          channels.user("{user}"),
          () -> Incoming.of(invocation).writeTo(users.members(userId)));
    }
  }

  private void onConnectionMessage(String connectionId, byte[] message) {
    BackplaneInvocation invocation = decode(BackplaneCodec::readInvocation, message, "invocation");
    HubConnection connection = connections.get(connectionId);
    if (invocation == null || connection == null) {
      return;
    }
    deliver(
        invocation,
        channels.connection("{connection}"),
        () -> {
          if (invocation.expectsResult()) {
            connection
                .expectCompletion(invocation.invocationId())
                .thenAccept(completion -> returnResult(connection, invocation.returnChannel(), completion));
          }
          write(connection, new SerializedHubMessage(invocation.payloads()));
        });
  }

  /**
   * Runs a received invocation's delivery, through the tracer when it carried trace headers. A
   * tracer that fails (or forgets to deliver) is logged; the message is delivered once anyway.
   *
   * @param destination the channel's name with its variable part as a placeholder
   */
  private void deliver(BackplaneInvocation invocation, String destination, Runnable delivery) {
    BackplaneTracer tracer = options.tracer();
    if (invocation.traceHeaders().isEmpty() || tracer == BackplaneTracer.NONE) {
      delivery.run();
      return;
    }
    AtomicBoolean delivered = new AtomicBoolean();
    Runnable once =
        () -> {
          if (delivered.compareAndSet(false, true)) {
            delivery.run();
          }
        };
    try {
      tracer.delivered(destination, invocation.traceHeaders(), once);
    } catch (RuntimeException e) {
      log.warn("A BackplaneTracer failed on {}; delivered untraced", destination, e);
    }
    once.run();
  }

  /** The calling thread's trace headers for a message published now; empty without a trace. */
  private Map<String, String> outgoingTraceHeaders() {
    BackplaneTracer tracer = options.tracer();
    if (tracer == BackplaneTracer.NONE) {
      return Map.of();
    }
    try {
      return Map.copyOf(tracer.outgoingHeaders());
    } catch (RuntimeException e) {
      log.warn("A BackplaneTracer failed; the message is published untraced", e);
      return Map.of();
    }
  }

  /** Sends the client's answer, in the client's protocol, to the server that asked for it. */
  private void returnResult(HubConnection connection, String returnChannel, CompletionMessage completion) {
    HubProtocol protocol = connection.protocol();
    RemoteCompletion remote = new RemoteCompletion(protocol.name(), protocol.encode(completion));
    bus.publish(returnChannel, BackplaneCodec.writeCompletion(remote))
        .whenComplete(
            (receivers, error) -> {
              if (error != null) {
                log.debug("Client result {} was not returned: {}", completion.invocationId(), error.toString());
              }
            });
  }

  private void onGroupCommand(byte[] message) {
    GroupCommand command = decode(BackplaneCodec::readGroupCommand, message, "group command");
    HubConnection connection = command == null ? null : connections.get(command.connectionId());
    if (connection == null) {
      return; // only the server hosting the connection acts and acks
    }
    CompletableFuture<Void> change =
        command.action() == GroupCommand.Action.ADD
            ? groups.add(command.groupName(), connection)
            : groups.remove(command.groupName(), connection);
    // Acked once subscribed, so that a group send the sender issues next reaches the connection.
    change.whenComplete(
        (ignored, error) ->
            bus.publish(channels.ack(command.serverName()), BackplaneCodec.writeAck(command.id())));
  }

  private void onAck(byte[] message) {
    Integer id = decode(BackplaneCodec::readAck, message, "ack");
    if (id != null) {
      acks.acknowledge(id);
    }
  }

  private void onCompletion(byte[] message) {
    RemoteCompletion completion = decode(BackplaneCodec::readCompletion, message, "completion");
    if (completion != null) {
      results.complete(completion);
    }
  }

  // ---- lifecycle ---------------------------------------------------------------------------

  /**
   * Leaves every channel of this hub and fails what still waits for other servers. The bus itself
   * stays open (it may serve other hubs).
   */
  @Override
  public void close() {
    bus.unsubscribe(channels.all());
    bus.unsubscribe(channels.groupManagement());
    bus.unsubscribe(channels.ack(options.serverName()));
    bus.unsubscribe(channels.returnResults());
    for (String connectionId : connections.keySet()) {
      bus.unsubscribe(channels.connection(connectionId));
    }
    connections.clear();
    groups.clear();
    users.clear();
    acks.cancelAll();
    results.cancelAll();
  }

  // ---- helpers -----------------------------------------------------------------------------

  private Map<String, byte[]> encode(SerializedHubMessage message) {
    Map<String, byte[]> payloads = new LinkedHashMap<>();
    for (HubProtocol protocol : options.protocols()) {
      payloads.put(protocol.name(), message.encodedFor(protocol));
    }
    return payloads;
  }

  private static void write(HubConnection connection, SerializedHubMessage message) {
    try {
      connection.write(message);
    } catch (RuntimeException e) {
      // One failing connection does not keep the message from the others.
      WRITE_FAILURES.warn("Failed writing message to connection {}: {}", connection.connectionId(), e.getMessage());
    }
  }

  private static <T> T decode(Function<byte[], T> reader, byte[] message, String kind) {
    try {
      return reader.apply(message);
    } catch (IllegalArgumentException e) {
      MALFORMED.warn("Dropped a malformed backplane {}: {}", kind, e.getMessage());
      return null;
    }
  }

  private static CompletableFuture<Void> allOf(List<CompletableFuture<Void>> futures) {
    return futures.size() == 1
        ? futures.get(0)
        : CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
  }

  private static Throwable unwrap(Throwable error) {
    Throwable cause = error;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException)
        && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /** A message to publish: encoded once per protocol, enveloped once, on first need. */
  private final class Outgoing {
    final SerializedHubMessage serialized;
    private final Set<String> excluded;
    /** Taken on the sending thread, where its trace is current. */
    private final Map<String, String> traceHeaders = outgoingTraceHeaders();
    private byte[] envelope;

    Outgoing(InvocationMessage message, Collection<String> excludedConnectionIds) {
      this.serialized = new SerializedHubMessage(message);
      this.excluded = Set.copyOf(excludedConnectionIds);
    }

    byte[] envelope() {
      if (envelope == null) {
        envelope =
            BackplaneCodec.writeInvocation(
                new BackplaneInvocation(
                    List.copyOf(excluded), encode(serialized), null, null, traceHeaders));
      }
      return envelope;
    }

    void writeTo(Collection<HubConnection> targets) {
      new Incoming(serialized, excluded).writeTo(targets);
    }
  }

  /** A message to deliver to this server's connections, except the excluded ones. */
  private record Incoming(SerializedHubMessage message, Set<String> excluded) {
    static Incoming of(BackplaneInvocation invocation) {
      return new Incoming(
          new SerializedHubMessage(invocation.payloads()),
          Set.copyOf(invocation.excludedConnectionIds()));
    }

    void writeTo(Collection<HubConnection> targets) {
      WriteBatch.run(
          () -> {
            for (HubConnection connection : targets) {
              if (!excluded.contains(connection.connectionId())) {
                write(connection, message);
              }
            }
          });
    }
  }
}
