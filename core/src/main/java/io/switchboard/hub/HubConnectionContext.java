package io.switchboard.hub;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.connection.Connection;
import io.switchboard.connection.ConnectionListener;
import io.switchboard.connection.HttpRequestInfo;
import io.switchboard.connection.TransportType;
import io.switchboard.connection.internal.WriteBatch;
import io.switchboard.events.EndpointEvents;
import io.switchboard.lifetime.HubConnection;
import io.switchboard.lifetime.SerializedHubMessage;
import io.switchboard.protocol.AckMessage;
import io.switchboard.protocol.CloseMessage;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubInvocationMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvalidDataException;
import io.switchboard.protocol.InvocationBinder;
import io.switchboard.protocol.InvocationBindingFailureMessage;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.SequenceMessage;
import io.switchboard.protocol.StreamBindingFailureMessage;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import io.switchboard.connection.internal.LimitedWarnings;
import io.switchboard.events.StreamDirection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hub connection: handshake, in-order parsing and dispatch of the client's messages, writes,
 * keep-alive and timeouts, and the end of the connection.
 *
 * <p>Threading: transport threads only queue received bytes ({@link #onData}); a "drain" task (the
 * receive loop), never more than one at a time per connection, parses and dispatches them in
 * order. It runs on the receive-loop threads, apart from the hub executor, and never blocks nor
 * runs application code that may block: hub methods, the hub's connect and disconnect events and
 * the callbacks of client results and cancellations run on the hub executor; only methods that
 * declare they never block ({@link NonBlocking}) run in the drain itself. So blocked hub methods
 * never stop a connection from being read or ended. The drain stops instead of waiting: when all
 * invocation slots are taken (until a running invocation finishes, as the reference server's
 * receive loop waits for a slot), when an upload's buffer is full (until its reader takes an
 * item), and while the hub's connect event runs; reading from the transport pauses once too much
 * is unparsed.
 */
final class HubConnectionContext
    implements ConnectionListener, HubConnection, InvocationBinder, HubCallerContext {
  private static final Logger log = LoggerFactory.getLogger(HubConnectionContext.class);
  // A backplane outage fails every disconnect at once.
  private static final LimitedWarnings FORGET_FAILURES =
      new LimitedWarnings(log, "the lifetime manager failed to forget connections");
  /** Unparsed bytes above which reading from the client pauses (resumes at half). */
  private static final long PAUSE_READING_BYTES = 64 * 1024;
  /** Messages waiting for stateful-reconnect acks beyond this many bytes end the connection. */
  private static final long MAX_WAITING_BYTES = 8L * 1024 * 1024;
  private static final AtomicIntegerFieldUpdater<HubConnectionContext> FREE_INVOCATION_SLOTS =
      AtomicIntegerFieldUpdater.newUpdater(HubConnectionContext.class, "freeInvocationSlots");
  private static final AtomicIntegerFieldUpdater<HubConnectionContext> FREE_STREAMING_SLOTS =
      AtomicIntegerFieldUpdater.newUpdater(HubConnectionContext.class, "freeStreamingSlots");
  private static final AtomicLongFieldUpdater<HubConnectionContext> UNPARSED_BYTES =
      AtomicLongFieldUpdater.newUpdater(HubConnectionContext.class, "unparsedBytes");
  private static final AtomicIntegerFieldUpdater<HubConnectionContext> DRAINING =
      AtomicIntegerFieldUpdater.newUpdater(HubConnectionContext.class, "draining");
  private static final AtomicIntegerFieldUpdater<HubConnectionContext> END_COUNTED =
      AtomicIntegerFieldUpdater.newUpdater(HubConnectionContext.class, "endCounted");

  private final Connection connection;
  private final HubRuntime<?> hub;
  private final CallerHubClients clients;
  /** Created by the first client-result invocation: most connections never make one. */
  private volatile ClientResults clientResults;
  private final AuthenticatedUser user;
  private final String userIdentifier;
  private final GroupManager groups;
  private final Queue<byte[]> received = new ConcurrentLinkedQueue<>();
  // Counters and flags as updater-driven fields: an Atomic* object each would cost every idle
  // connection 16 to 24 bytes more.
  private volatile int freeInvocationSlots;
  private volatile int freeStreamingSlots;
  private volatile long unparsedBytes;
  private volatile int draining;
  private volatile int dataPending;
  /** 1 once the hub's {@link PendingDisconnects} heard that this connection's end was handled. */
  private volatile int endCounted;
  private final Object stateLock = new Object();
  private final long createdAt = System.nanoTime();
  private final LazyMap<String, StreamCancellation> activeStreams = new LazyMap<>();
  private final LazyMap<String, UploadStream> uploads = new LazyMap<>();

  // Touched by the drain only (one thread at a time).
  private final InboundBuffer inbound = new InboundBuffer();
  private HubMessage waitingForSlot;
  private boolean disconnectHandled;
  /** Set by the connect event on the hub executor; read by the drain once it is over. */
  private volatile boolean connectedToHub;
  /** The hub's connect event runs: the drain waits for it. */
  private volatile boolean connecting;

  private volatile HubProtocol protocol;
  /** Stateful reconnect's numbering and replay buffer, or null when not in use. */
  private volatile ReconnectBuffer reconnect;
  private volatile boolean closing;
  private volatile boolean readingPaused;
  private volatile boolean transportClosed;
  private volatile Throwable transportError;
  private volatile Throwable disconnectReason;
  private volatile boolean clientPinged;
  private volatile long lastReceivedAt = createdAt;
  private volatile long lastPingSentAt = createdAt;

  HubConnectionContext(Connection connection, HubRuntime<?> hub) {
    this.connection = connection;
    this.hub = hub;
    this.clients =
        new CallerHubClients(hub.lifetime, this, CallerHubClients.refusalFor(hub.options));
    this.groups = new LifetimeGroupManager(hub.lifetime);
    this.freeInvocationSlots = hub.options.maximumParallelInvocationsPerClient();
    this.freeStreamingSlots = hub.options.maximumStreamingInvocationsPerClient();
    // Authenticated once per request by the transport; every request of a connection is this user.
    this.user = connection.user();
    this.userIdentifier = user == null ? null : hub.options.userIdProvider().apply(user);
    hub.register(this);
  }

  HubCallerClients clients() {
    return clients;
  }

  GroupManager groupManager() {
    return groups;
  }

  // ---- receiving -------------------------------------------------------------------------

  @Override
  public void onData(ByteBuffer data) {
    if (closing || !data.hasRemaining()) {
      return;
    }
    byte[] copy = new byte[data.remaining()];
    data.get(copy);
    lastReceivedAt = System.nanoTime();
    received.add(copy);
    if (UNPARSED_BYTES.addAndGet(this, copy.length) > PAUSE_READING_BYTES && !readingPaused) {
      readingPaused = true;
      connection.pauseReading();
    }
    scheduleDrain();
  }

  @Override
  public void onClosed(Throwable error) {
    transportError = error;
    transportClosed = true;
    closing = true;
    scheduleDrain();
  }

  private void scheduleDrain() {
    dataPending = 1;
    if (DRAINING.compareAndSet(this, 0, 1)) {
      try {
        hub.receiveLoops.execute(ConnectionMdc.around(connectionId(), this::drain));
      } catch (RejectedExecutionException stopped) {
        // Only a stopped server closes the receive loops; draining stays taken, so this is said once.
        log.debug("Connection {}: the hub threads stopped before its end was handled; OnDisconnected skipped", connectionId());
        endHandled();
      }
    }
  }

  /** Tells the hub, once, that nothing of this connection's end remains to run. */
  private void endHandled() {
    if (END_COUNTED.compareAndSet(this, 0, 1)) {
      hub.disconnects.handled();
    }
  }

  private void drain() {
    while (true) {
      dataPending = 0;
      try {
        processAvailable();
      } catch (RuntimeException e) {
        log.error("Unexpected failure processing connection {}", connectionId(), e);
        closeWithError(e, true);
      }
      draining = 0;
      if (dataPending == 0 || !DRAINING.compareAndSet(this, 0, 1)) {
        return;
      }
    }
  }

  private void processAvailable() {
    if (connecting) {
      return; // the connect event's end drains again
    }
    if (transportClosed) {
      handleDisconnect();
      return;
    }
    for (byte[] chunk = received.poll(); chunk != null; chunk = received.poll()) {
      inbound.append(chunk);
    }
    try {
      if (protocol == null && !completeHandshake()) {
        return;
      }
      if (dispatchNext() && inbound.size() > 0) {
        // More messages came in this read: the transport gets the answers of all of them together
        // (one hand-over to its I/O thread, one flush) once they are dispatched. The first answer
        // went out alone, so a lone message waits for nothing.
        WriteBatch.run(this::dispatchRest);
      }
    } catch (InvalidDataException e) {
      log.debug("Closing connection {}: invalid data: {}", connectionId(), e.getMessage());
      closeWithError(e, true);
    }
    if (readingPaused && unparsedBytes < PAUSE_READING_BYTES / 2) {
      readingPaused = false;
      connection.resumeReading();
    }
  }

  /** Dispatches the next message; false when there is none, or it must wait, or the end came. */
  private boolean dispatchNext() {
    if (closing) {
      return false;
    }
    HubMessage message = waitingForSlot;
    waitingForSlot = null;
    if (message == null) {
      message = nextMessage();
      if (message == null) {
        return false;
      }
      if (isReplayedDuplicate(message)) {
        return true;
      }
    }
    if (!dispatch(message)) {
      waitingForSlot = message;
      return false;
    }
    return true;
  }

  private void dispatchRest() {
    while (dispatchNext()) {
      // each call dispatches one message
    }
  }

  /** The next complete message, or null when more bytes are needed. */
  private HubMessage nextMessage() {
    Long maximum = hub.options.maximumReceiveMessageSize();
    while (true) {
      ByteBuffer view = inbound.view();
      int start = view.position();
      HubMessage message;
      if (maximum != null && view.remaining() > maximum) {
        ByteBuffer limited = view.duplicate();
        limited.limit(start + maximum.intValue());
        message = protocol.parseMessage(limited, this);
        if (message == null && limited.position() == start) {
          throw new InvalidDataException(
              "The maximum message size of " + maximum + "B was exceeded. "
                  + "The message size can be configured in AddHubOptions.");
        }
        view.position(limited.position());
      } else {
        message = protocol.parseMessage(view, this);
      }
      int consumed = view.position() - start;
      if (consumed == 0) {
        return null;
      }
      inbound.consumeTo(view);
      UNPARSED_BYTES.addAndGet(this, -consumed);
      if (message != null) {
        connection.events().messageReceived(connection.connectionId(), protocol.name(), consumed);
        return message;
      }
      // A skipped frame (unknown message type): look at the next one.
    }
  }

  // ---- handshake -------------------------------------------------------------------------

  private boolean completeHandshake() {
    HubHandshake.Outcome outcome;
    int before = inbound.size();
    try {
      outcome = HubHandshake.read(inbound, hub, connection.binarySupported());
    } catch (InvalidDataException e) {
      String text = "An unexpected error occurred during connection handshake.";
      if (hub.options.enableDetailedErrors()) {
        text += " InvalidDataException: " + e.getMessage();
      }
      rejectHandshake(text);
      return false;
    }
    if (outcome == null) {
      return false;
    }
    UNPARSED_BYTES.addAndGet(this, inbound.size() - before);
    if (outcome.error() != null) {
      rejectHandshake(outcome.error());
      return false;
    }
    connecting = true;
    runHubCode(() -> connectToHub(outcome), () -> connecting = false);
    return false;
  }

  /**
   * On the hub executor: tells the lifetime manager (a backplane subscribes), and once it has the
   * connection, answers the handshake and runs the hub's connect event, again on the hub executor
   * (that may block). No hub thread waits for the backplane. The drain goes on afterwards.
   */
  private void connectToHub(HubHandshake.Outcome outcome) {
    CompletionStage<Void> known;
    try {
      // Known to the lifetime manager before the client can see the handshake answer, so that it
      // can be targeted as soon as it knows it is connected. Until the protocol is set below,
      // messages for it are dropped: it was not connected yet when they were sent.
      known = hub.lifetime.onConnected(this);
    } catch (RuntimeException e) {
      known = CompletableFuture.failedFuture(e);
    }
    known.whenComplete(
        (ignored, error) -> {
          if (error != null) {
            refuseConnection(error instanceof CompletionException ? error.getCause() : error);
            endConnecting();
            return;
          }
          connectedToHub = true;
          runHubCode(() -> answerHandshake(outcome), this::endConnecting);
        });
  }

  private void answerHandshake(HubHandshake.Outcome outcome) {
    try {
      HubProtocol chosen = outcome.protocol();
      synchronized (stateLock) {
        if (closing) {
          return;
        }
        connection.transferFormat(chosen.transferFormat());
        connection.write(HubHandshake.successResponse());
        lastPingSentAt = System.nanoTime();
        // A client that negotiated stateful reconnect but shook hands with version 1 gets none.
        if (connection.statefulReconnect() && outcome.version() >= 2) {
          reconnect = new ReconnectBuffer(hub.options.statefulReconnectBufferSize());
        }
        protocol = chosen;
      }
      CallerHubClients connectingClients =
          new CallerHubClients(
              hub.lifetime,
              this,
              "Client results inside OnConnectedAsync Hub methods are not allowed.");
      Hub created = hub.createHub(this, connectingClients);
      InvocationTracing.onConnected(hub, request(), () -> hub.filters.onConnected(created, this));
    } catch (Exception e) {
      refuseConnection(e);
    } finally {
      endConnecting();
    }
  }

  private void refuseConnection(Throwable error) {
    log.error("Hub {} refused connection {} in onConnected", hub.hubClass.getName(), connectionId(), error);
    closeWithError(error, false);
  }

  private void endConnecting() {
    connecting = false;
    scheduleDrain();
  }

  private void rejectHandshake(String error) {
    synchronized (stateLock) {
      if (closing || protocol != null) {
        return;
      }
      closing = true;
    }
    log.debug("Handshake of connection {} failed: {}", connectionId(), error);
    connection.write(HubHandshake.errorResponse(error));
    connection.close();
  }

  // ---- dispatch --------------------------------------------------------------------------

  /** Handles one message; false when it needs an invocation slot and none is free. */
  private boolean dispatch(HubMessage message) {
    return HubMessageDispatcher.dispatch(this, hub, message);
  }

  /** Takes an invocation slot if one is free. */
  boolean tryAcquireSlot() {
    return tryTake(FREE_INVOCATION_SLOTS);
  }

  /** Frees an invocation slot and lets a waiting invocation go on. */
  void releaseSlot() {
    FREE_INVOCATION_SLOTS.incrementAndGet(this);
    scheduleDrain();
  }

  /**
   * Takes a streaming slot (see {@link HubOptions#maximumStreamingInvocationsPerClient}) if one
   * is free. Unlike invocation slots, none is waited for: the running streams may need the very
   * messages behind the one that would wait.
   */
  boolean tryAcquireStreamingSlot() {
    return tryTake(FREE_STREAMING_SLOTS);
  }

  /** Takes one of the free slots that {@code freeSlots} counts, if there is one. */
  private boolean tryTake(AtomicIntegerFieldUpdater<HubConnectionContext> freeSlots) {
    while (true) {
      int free = freeSlots.get(this);
      if (free == 0) {
        return false;
      }
      if (freeSlots.compareAndSet(this, free, free - 1)) {
        return true;
      }
    }
  }

  /** Frees a streaming slot. */
  void releaseStreamingSlot() {
    FREE_STREAMING_SLOTS.incrementAndGet(this);
  }

  /**
   * Runs application code (a hub method, an event) on the hub executor. If the executor refuses
   * it (an application's executor that was shut down), {@code release} gives back what the task
   * took and the connection ends with an error.
   */
  void runHubCode(Runnable task, Runnable release) {
    try {
      hub.executor.execute(ConnectionMdc.around(connectionId(), task));
    } catch (RejectedExecutionException e) {
      release.run();
      log.error("The hub executor refused work for connection {}; closing it", connectionId(), e);
      closeWithError(e, true);
    }
  }

  void markClientPinged() {
    clientPinged = true;
  }

  // ---- streams ---------------------------------------------------------------------------

  /** Registers a server-to-client stream; null when the id is already in use. */
  StreamCancellation registerStream(String invocationId) {
    StreamCancellation cancellation = new StreamCancellation();
    return activeStreams.putIfAbsent(invocationId, cancellation) == null ? cancellation : null;
  }

  void unregisterStream(String invocationId) {
    activeStreams.remove(invocationId);
  }

  /** The client cancelled a stream; unknown ids are ignored. */
  void cancelStream(String invocationId) {
    StreamCancellation cancellation = activeStreams.get(invocationId);
    if (cancellation != null) {
      cancellation.cancel(hub.executor);
    }
  }

  /** Opens an upload stream the client will send items to, for hub method {@code target}. */
  UploadStream openUpload(String streamId, Type itemType, String target) {
    UploadStream upload =
        new UploadStream(
            itemType,
            hub.options.streamBufferCapacity(),
            StreamEvents.start(this, hub, target, StreamDirection.CLIENT_TO_SERVER));
    uploads.put(streamId, upload);
    return upload;
  }

  /** Buffers an upload item; false when the buffer is full (the drain waits for the reader). */
  boolean offerUploadItem(String streamId, Object item) {
    UploadStream upload = uploads.get(streamId);
    if (upload == null) {
      log.debug("Item for unknown stream {} on connection {} ignored", streamId, connectionId());
      return true;
    }
    return upload.offer(item, this::scheduleDrain);
  }

  /** The client ended an upload stream, with an error text or null. */
  void completeUpload(String streamId, String error) {
    UploadStream upload = uploads.remove(streamId);
    if (upload != null) {
      upload.complete(error);
    } else {
      log.debug("Completion for unknown id {} on connection {} ignored", streamId, connectionId());
    }
  }

  /** A client's Completion: the end of an upload stream, or a client result. */
  void onCompletion(CompletionMessage completion) {
    if (uploads.containsKey(completion.invocationId())) {
      completeUpload(completion.invocationId(), completion.error());
    } else if (clientResults == null || !clientResults.complete(completion)) {
      log.debug(
          "Completion for unknown id {} on connection {} ignored",
          completion.invocationId(),
          connectionId());
    }
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> CompletableFuture<T> invoke(String method, Object[] args, Class<T> resultType) {
    CompletableFuture<Object> result = new CompletableFuture<>();
    if (closing || openProtocol() == null) {
      result.completeExceptionally(
          new IOException("Connection '" + connectionId() + "' disconnected."));
    } else {
      String id = clientResults().register(resultType, result);
      send(new InvocationMessage(Map.of(), id, method, args, List.of()));
    }
    return (CompletableFuture<T>) result;
  }

  @Override
  public CompletableFuture<CompletionMessage> expectCompletion(String invocationId) {
    CompletableFuture<CompletionMessage> completion = clientResults().registerForwarded(invocationId);
    if (closing) {
      // Ended before the registration: failAll may have run already.
      completion.complete(CompletionMessage.withError(invocationId, ClientResults.DISCONNECTED));
    }
    return completion;
  }

  private ClientResults clientResults() {
    ClientResults results = clientResults;
    if (results == null) {
      synchronized (stateLock) {
        results = clientResults;
        if (results == null) {
          results = new ClientResults(hub.executor);
          clientResults = results;
        }
      }
    }
    return results;
  }

  @Override
  public HubProtocol protocol() {
    return protocol;
  }

  /** The hub method returned: its remaining uploads end, and later items are ignored. */
  void closeUploads(List<String> streamIds) {
    for (String streamId : streamIds) {
      UploadStream upload = uploads.remove(streamId);
      if (upload != null) {
        upload.cutShort();
      }
    }
  }

  // ---- sending ---------------------------------------------------------------------------

  @Override
  public void write(SerializedHubMessage message) {
    HubProtocol current = openProtocol();
    if (current != null) {
      transmit(message.isInvocation(), message.encodedFor(current));
    }
  }

  /** Where this connection reports its invocations and messages. */
  EndpointEvents events() {
    return connection.events();
  }

  /** Encodes and sends a message meant for this connection only. */
  void send(HubMessage message) {
    HubProtocol current = openProtocol();
    if (current != null) {
      transmit(message instanceof HubInvocationMessage, current.encode(message));
    }
  }

  private void transmit(boolean invocation, byte[] bytes) {
    connection.events().messageSent(connection.connectionId(), protocol.name(), bytes.length);
    ReconnectBuffer buffer = reconnect;
    // Invocations from other servers (through a backplane) count too: .NET's #55575 lesson.
    if (buffer != null && invocation) {
      buffer.send(bytes, connection::write);
    } else {
      connection.write(bytes);
    }
  }

  // ---- stateful reconnect ----------------------------------------------------------------

  /** Counts a client message for stateful reconnect; true when it is a duplicate to drop. */
  private boolean isReplayedDuplicate(HubMessage message) {
    ReconnectBuffer buffer = reconnect;
    if (buffer == null) {
      return false;
    }
    if (message instanceof AckMessage ack) {
      buffer.ack(ack.sequenceId(), connection::write);
      return true;
    }
    if (message instanceof SequenceMessage sequence) {
      buffer.sequence(sequence.sequenceId());
      return true;
    }
    boolean trackable =
        message instanceof HubInvocationMessage
            || message instanceof InvocationBindingFailureMessage
            || message instanceof StreamBindingFailureMessage;
    return trackable && !buffer.received();
  }

  /** The transport dropped without a Close: keep everything for a re-attach. */
  @Override
  public void onTransportLost() {
    ReconnectBuffer buffer = reconnect;
    if (buffer != null) {
      buffer.detach();
    }
  }

  /** A new transport took over: Sequence first, then every unacked message. */
  @Override
  public void onTransportReattached() {
    ReconnectBuffer buffer = reconnect;
    HubProtocol current = protocol;
    if (buffer != null && current != null) {
      buffer.reattach(
          first -> connection.write(current.encode(new SequenceMessage(first))), connection::write);
    }
  }

  /**
   * The protocol once the handshake answer is written, else null. A sender that saw the answer
   * (or raced with it) waits for the handshake's lock, so it never writes before the answer nor
   * drops a message meant for a connection that is already open.
   */
  private HubProtocol openProtocol() {
    HubProtocol current = protocol;
    if (current == null) {
      synchronized (stateLock) {
        current = protocol;
      }
    }
    return current;
  }

  // ---- heartbeat -------------------------------------------------------------------------

  void onHeartbeat(long now) {
    if (closing) {
      return;
    }
    HubOptions options = hub.options;
    if (openProtocol() == null) {
      if (now - createdAt > options.handshakeTimeout().toNanos()) {
        rejectHandshake("Handshake was canceled.");
      }
      return;
    }
    if (authenticationExpired(options)) {
      log.debug("Authentication of connection {} expired", connectionId());
      closeWith(new CloseMessage(null, true), null);
      return;
    }
    if (connection.transportType() == TransportType.LONG_POLLING) {
      return; // long polling is kept alive by its polls: no pings, no client timeout
    }
    ReconnectBuffer buffer = reconnect;
    if (buffer != null) {
      long ack = buffer.ackDue();
      if (ack >= 0) {
        connection.write(protocol.encode(new AckMessage(ack)));
      }
      if (buffer.waitingBytes() > MAX_WAITING_BYTES) {
        closeWithError(new IllegalStateException("The client does not acknowledge messages."), true);
        return;
      }
    }
    if (now - lastPingSentAt >= options.keepAliveInterval().toNanos()) {
      lastPingSentAt = now;
      write(hub.ping());
    }
    if (clientPinged && now - lastReceivedAt > options.clientTimeoutInterval().toNanos()) {
      log.debug("Connection {} timed out", connectionId());
      closeWithError(
          new TimeoutException(
              "Client hasn't sent a message/ping within the configured ClientTimeoutInterval."),
          true);
    }
  }

  /** The latest credential of the connection's user has expired (every transport, polls too). */
  private boolean authenticationExpired(HubOptions options) {
    AuthenticatedUser latest = connection.user();
    return options.closeOnAuthenticationExpiration()
        && latest != null
        && latest.expiresAt() != null
        && java.time.Instant.now().isAfter(latest.expiresAt());
  }

  // ---- ending ----------------------------------------------------------------------------

  /** Ends the connection because of an error: a Close message with the error, then close. */
  void closeWithError(Throwable error, boolean allowReconnect) {
    String text = HubErrors.connectionClosed(error, hub.options.enableDetailedErrors());
    closeWith(new CloseMessage(text, allowReconnect), error);
  }

  /** The client sent Close: answer with Close (best effort) and end without reconnect. */
  void closeRequestedByClient(CloseMessage message) {
    Throwable reason = message.error() != null ? new HubException(message.error()) : null;
    closeWith(CloseMessage.EMPTY, reason);
  }

  /** The server is shutting down: clients may reconnect (to another node). */
  void closeForShutdown() {
    closeWith(new CloseMessage(null, true), null);
  }

  @Override
  public void dropTransport() {
    connection.dropTransport();
  }

  @Override
  public void abort() {
    closeWith(CloseMessage.EMPTY, null);
  }

  private void closeWith(CloseMessage close, Throwable reason) {
    synchronized (stateLock) {
      if (closing) {
        return;
      }
      closing = true;
    }
    disconnectReason = reason;
    send(close);
    connection.close();
  }

  private void handleDisconnect() {
    if (disconnectHandled) {
      return;
    }
    disconnectHandled = true;
    hub.unregister(this);
    // First what frees blocked hub methods: their uploads end, their streams are cancelled.
    closeUploads(uploads.keys());
    activeStreams.values().forEach(cancellation -> cancellation.cancel(hub.executor));
    ClientResults results = clientResults;
    if (results != null) {
      results.failAll(connectionId());
    }
    if (connectedToHub) {
      runHubCode(this::disconnectFromHub, this::endHandled);
    } else {
      endHandled();
    }
  }

  /** On the hub executor, as the hub's event may block: the lifetime manager, then the event. */
  private void disconnectFromHub() {
    hub.lifetime
        .onDisconnected(this)
        .whenComplete(
            (ignored, error) -> {
              if (error != null) {
                FORGET_FAILURES.warn("The lifetime manager failed to forget connection {}", connectionId(), error);
              }
            });
    Throwable reason = disconnectReason != null ? disconnectReason : transportError;
    try {
      Hub created = hub.createHub(this);
      InvocationTracing.onDisconnected(
          hub, request(), () -> hub.filters.onDisconnected(created, this, reason));
    } catch (Exception e) {
      log.error("onDisconnected of hub {} failed for connection {}", hub.hubClass.getName(), connectionId(), e);
    } finally {
      endHandled();
    }
  }

  // ---- InvocationBinder ------------------------------------------------------------------

  @Override
  public List<Type> parameterTypes(String target) {
    HubMethod method = hub.methods.find(target);
    if (method == null) {
      throw new HubException("Method does not exist.");
    }
    return method.argumentTypes();
  }

  @Override
  public Type returnType(String invocationId) {
    ClientResults results = clientResults;
    Type type = results == null ? null : results.typeOf(invocationId);
    return type != null ? type : Object.class;
  }

  @Override
  public Type streamItemType(String streamId) {
    UploadStream upload = uploads.get(streamId);
    if (upload == null) {
      throw new IllegalStateException("No upload stream with id '" + streamId + "'.");
    }
    return upload.itemType();
  }

  // ---- HubCallerContext / HubConnection ----------------------------------------------------

  @Override
  public String connectionId() {
    return connection.connectionId();
  }

  @Override
  public String userIdentifier() {
    return userIdentifier;
  }

  @Override
  public AuthenticatedUser user() {
    return user;
  }

  @Override
  public Map<Object, Object> items() {
    return connection.items();
  }

  @Override
  public HttpRequestInfo request() {
    return connection.request();
  }

  @Override
  public TransportType transportType() {
    return connection.transportType();
  }
}
