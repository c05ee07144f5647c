package io.switchboard.protocol.internal;

import io.switchboard.protocol.AckMessage;
import io.switchboard.protocol.CancelInvocationMessage;
import io.switchboard.protocol.CloseMessage;
import io.switchboard.protocol.CompletionMessage;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.PingMessage;
import io.switchboard.protocol.SequenceMessage;
import io.switchboard.protocol.StreamInvocationMessage;
import io.switchboard.protocol.StreamItemMessage;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * The message shapes a hub protocol writes, one method per wire layout; {@link #write} picks the
 * method for a message. The local-only binding-failure messages are rejected.
 */
public interface HubMessageWriter {

  /** An Invocation (type 1) or StreamInvocation (type 4). */
  void invocation(
      int type,
      Map<String, String> headers,
      String invocationId,
      String target,
      Object[] arguments,
      List<String> streamIds)
      throws IOException;

  /** A StreamItem (type 2). */
  void streamItem(StreamItemMessage message) throws IOException;

  /** A Completion (type 3). */
  void completion(CompletionMessage message) throws IOException;

  /** A CancelInvocation (type 5). */
  void cancelInvocation(CancelInvocationMessage message) throws IOException;

  /** A Ping (type 6). */
  void ping() throws IOException;

  /** A Close (type 7). */
  void close(CloseMessage message) throws IOException;

  /** An Ack (type 8) or Sequence (type 9). */
  void sequenceId(int type, long sequenceId) throws IOException;

  /**
   * Writes {@code message} with {@code writer}.
   *
   * @throws IllegalArgumentException for messages that are never sent (binding failures)
   */
  static void write(HubMessage message, HubMessageWriter writer) throws IOException {
    if (message instanceof InvocationMessage m) {
      writer.invocation(
          m.type(), m.headers(), m.invocationId(), m.target(), m.arguments(), m.streamIds());
    } else if (message instanceof StreamInvocationMessage m) {
      writer.invocation(
          m.type(), m.headers(), m.invocationId(), m.target(), m.arguments(), m.streamIds());
    } else if (message instanceof StreamItemMessage m) {
      writer.streamItem(m);
    } else if (message instanceof CompletionMessage m) {
      writer.completion(m);
    } else if (message instanceof CancelInvocationMessage m) {
      writer.cancelInvocation(m);
    } else if (message instanceof PingMessage) {
      writer.ping();
    } else if (message instanceof CloseMessage m) {
      writer.close(m);
    } else if (message instanceof AckMessage m) {
      writer.sequenceId(m.type(), m.sequenceId());
    } else if (message instanceof SequenceMessage m) {
      writer.sequenceId(m.type(), m.sequenceId());
    } else {
      throw new IllegalArgumentException(
          message.getClass().getSimpleName() + " is local to the server and is never sent");
    }
  }

  /** The exception for a message whose payload the payload mapper could not serialize. */
  static IllegalArgumentException encodingFailed(HubMessage message, IOException cause) {
    return new IllegalArgumentException(
        "Cannot encode " + message.getClass().getSimpleName() + ": " + cause.getMessage(), cause);
  }
}
