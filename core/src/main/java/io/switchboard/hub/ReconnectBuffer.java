package io.switchboard.hub;

import io.switchboard.protocol.InvalidDataException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Consumer;

/**
 * Stateful reconnect's bookkeeping for one connection (hub protocol version 2): numbers the
 * trackable messages (types 1–5) each side sends, keeps what was sent until the client acks it so
 * that it can be replayed on a re-attached transport, and drops messages the client replays twice.
 *
 * <p>Back-pressure: once the unacked bytes exceed the limit, further messages wait here, in order,
 * and go out as acks make room. Thread-safe.
 */
final class ReconnectBuffer {
  private record Sent(long id, byte[] bytes) {}

  private final long limitBytes;
  private final Deque<Sent> unacked = new ArrayDeque<>();
  private final Deque<byte[]> waiting = new ArrayDeque<>();
  private long unackedBytes;
  private long waitingBytes;
  private long lastSentId;
  private boolean attached = true;

  // Receiving side.
  private long expectedNextId = 1;
  private long latestProcessedId;
  private long lastAckedId;

  ReconnectBuffer(long limitBytes) {
    this.limitBytes = limitBytes;
  }

  /**
   * Numbers and keeps a trackable message, handing it to {@code transport} now if the transport
   * is attached and the unacked bytes are under the limit; otherwise it waits.
   */
  synchronized void send(byte[] bytes, Consumer<byte[]> transport) {
    if (!waiting.isEmpty() || unackedBytes >= limitBytes) {
      waiting.add(bytes);
      waitingBytes += bytes.length;
      return;
    }
    keep(bytes);
    if (attached) {
      transport.accept(bytes);
    }
  }

  private void keep(byte[] bytes) {
    unacked.add(new Sent(++lastSentId, bytes));
    unackedBytes += bytes.length;
  }

  /** Bytes waiting for acks to make room. */
  synchronized long waitingBytes() {
    return waitingBytes;
  }

  /** The client processed everything up to {@code sequenceId}: free it, send what waited. */
  synchronized void ack(long sequenceId, Consumer<byte[]> transport) {
    while (!unacked.isEmpty() && unacked.peekFirst().id() <= sequenceId) {
      unackedBytes -= unacked.removeFirst().bytes().length;
    }
    while (!waiting.isEmpty() && unackedBytes < limitBytes) {
      byte[] next = waiting.removeFirst();
      waitingBytes -= next.length;
      keep(next);
      if (attached) {
        transport.accept(next);
      }
    }
  }

  /** The transport went away: keep everything until a new one is attached. */
  synchronized void detach() {
    attached = false;
  }

  /**
   * A new transport is attached: the id of the first message that follows (for the Sequence
   * message, which {@code transport} gets first), then every unacked message, in order.
   */
  synchronized void reattach(Consumer<Long> sequence, Consumer<byte[]> transport) {
    sequence.accept(unacked.isEmpty() ? lastSentId + 1 : unacked.peekFirst().id());
    for (Sent sent : unacked) {
      transport.accept(sent.bytes());
    }
    attached = true;
  }

  /**
   * Counts a trackable message from the client.
   *
   * @return false when it is a replayed duplicate to drop
   */
  synchronized boolean received() {
    long current = expectedNextId++;
    if (current <= latestProcessedId) {
      return false;
    }
    latestProcessedId = current;
    return true;
  }

  /** The client's Sequence message after a re-attach: the id of its next message. */
  synchronized void sequence(long sequenceId) {
    if (sequenceId > expectedNextId) {
      throw new InvalidDataException("Sequence ID greater than amount of messages we've received.");
    }
    expectedNextId = sequenceId;
  }

  /** The id to ack now, or -1 when nothing new was processed since the last ack. */
  synchronized long ackDue() {
    if (latestProcessedId <= lastAckedId) {
      return -1;
    }
    lastAckedId = latestProcessedId;
    return latestProcessedId;
  }
}
