package io.switchboard.protocol.msgpack;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvocationBinder;
import io.switchboard.protocol.TransferFormat;
import java.nio.ByteBuffer;

/** PLACEHOLDER — being written. */
public final class MessagePackHubProtocol implements HubProtocol {
  public MessagePackHubProtocol() {}

  public MessagePackHubProtocol(ObjectMapper payloadMapper) {}

  @Override
  public String name() {
    return "messagepack";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public TransferFormat transferFormat() {
    return TransferFormat.BINARY;
  }

  @Override
  public HubMessage parseMessage(ByteBuffer input, InvocationBinder binder) {
    throw new UnsupportedOperationException();
  }

  @Override
  public byte[] encode(HubMessage message) {
    throw new UnsupportedOperationException();
  }
}
