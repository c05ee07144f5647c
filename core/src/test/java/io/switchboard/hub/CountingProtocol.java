package io.switchboard.hub;

import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvocationBinder;
import io.switchboard.protocol.InvocationMessage;
import io.switchboard.protocol.TransferFormat;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicInteger;

/** A real protocol that counts how often it encodes server-to-client invocations. */
final class CountingProtocol implements HubProtocol {
  private final HubProtocol delegate;
  final AtomicInteger invocationEncodings = new AtomicInteger();

  CountingProtocol(HubProtocol delegate) {
    this.delegate = delegate;
  }

  @Override
  public String name() {
    return delegate.name();
  }

  @Override
  public int version() {
    return delegate.version();
  }

  @Override
  public TransferFormat transferFormat() {
    return delegate.transferFormat();
  }

  @Override
  public HubMessage parseMessage(ByteBuffer input, InvocationBinder binder) {
    return delegate.parseMessage(input, binder);
  }

  @Override
  public byte[] encode(HubMessage message) {
    if (message instanceof InvocationMessage) {
      invocationEncodings.incrementAndGet();
    }
    return delegate.encode(message);
  }
}
