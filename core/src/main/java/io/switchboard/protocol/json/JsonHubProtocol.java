package io.switchboard.protocol.json;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.switchboard.protocol.HubMessage;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.InvocationBinder;
import io.switchboard.protocol.TransferFormat;
import java.nio.ByteBuffer;

/** PLACEHOLDER — being written. */
public final class JsonHubProtocol implements HubProtocol {
  public JsonHubProtocol() {}

  public JsonHubProtocol(ObjectMapper payloadMapper) {}

  @Override
  public String name() {
    return "json";
  }

  @Override
  public int version() {
    return 2;
  }

  @Override
  public TransferFormat transferFormat() {
    return TransferFormat.TEXT;
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
