package io.switchboard.examples.interop;

import io.switchboard.hub.CancellationSignal;
import io.switchboard.hub.Hub;
import io.switchboard.hub.ClientProxy;
import io.switchboard.hub.NonBlocking;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.SubmissionPublisher;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The hub of {@code /testhub} and {@code /testhub-nowebsockets} (interop-server.md). */
public class TestHub extends Hub {
  /** A name unique to this server process. */
  static final String SERVER_NAME = "switchboard-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();

  private static final ComplexObject FIXED_COMPLEX_OBJECT =
      new ComplexObject(
          "hello world",
          new int[] {1, 2, 3},
          new byte[] {1, 2, 3},
          UUID.fromString("00010203-0405-0607-0706-050403020100"),
          Instant.parse("2000-01-01T00:00:00Z"));

  /** Returns its argument; it never blocks, so it runs where its invocation was read. */
  @NonBlocking
  public String echo(String message) {
    return message;
  }

  public String getRemoteAddress() {
    return context().request().remoteAddress();
  }

  public String getScheme() {
    return context().request().scheme();
  }

  public String getCallerConnectionId() {
    return context().connectionId();
  }

  public int getNumRedirects() {
    String value = context().request().queryParameter("numRedirects");
    return value == null ? 0 : Integer.parseInt(value);
  }

  public void throwException(String message) {
    throw new InvalidOperationException(message);
  }

  public CompletableFuture<Void> invokeWithString(String message) {
    return clients().caller().send("Message", message);
  }

  public CompletableFuture<Void> sendCustomObject(CustomObject customObject) {
    return clients().caller().send("CustomObject", customObject);
  }

  public String getActiveTransportName() {
    return context().transportType().wireName();
  }

  public ComplexObject echoComplexObject(ComplexObject complexObject) {
    return complexObject;
  }

  public ComplexObject sendComplexObject() {
    return FIXED_COMPLEX_OBJECT;
  }

  public String getContentTypeHeader() {
    return context().request().header("Content-Type");
  }

  public String getHeader(String headerName) {
    return context().request().header(headerName);
  }

  public String getCookie(String cookieName) {
    return context().request().cookie(cookieName);
  }

  public CompletableFuture<Void> addToGroup(String group) {
    return groups().add(context().connectionId(), group);
  }

  public CompletableFuture<Void> removeFromGroup(String group) {
    return groups().remove(context().connectionId(), group);
  }

  public CompletableFuture<Void> sendToGroup(String group, String message) {
    return clients().group(group).send("GroupMessage", group, message);
  }

  public CompletableFuture<Void> sendToOthersInGroup(String group, String message) {
    return clients().othersInGroup(group).send("GroupMessage", group, message);
  }

  public CompletableFuture<Void> sendToAll(String message) {
    return clients().all().send("Broadcast", message);
  }

  public CompletableFuture<Void> sendToOthers(String message) {
    return clients().others().send("Broadcast", message);
  }

  public CompletableFuture<Void> sendToConnection(String connectionId, String message) {
    return clients().client(connectionId).send("Direct", message);
  }

  public String getServerName() {
    return SERVER_NAME;
  }

  public Stream<String> stream() {
    return Stream.of("a", "b", "c");
  }

  /** Never yields; when cancelled (by the client or a disconnect), tells the caller. */
  public Flow.Publisher<String> infiniteStream(CancellationSignal cancellation) {
    ClientProxy caller = clients().client(context().connectionId());
    cancellation.onCancel(() -> caller.send("StreamCanceled"));
    return new SubmissionPublisher<>();
  }

  public String streamingConcat(Stream<String> stream) {
    return stream.collect(Collectors.joining());
  }

  public Stream<Integer> emptyStream() {
    return Stream.empty();
  }

  public Stream<String> streamThrowException(String message) {
    throw new InvalidOperationException(message);
  }
}
