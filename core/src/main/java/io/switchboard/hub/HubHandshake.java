package io.switchboard.hub;

import io.switchboard.connection.TransportType;
import io.switchboard.protocol.HubProtocol;
import io.switchboard.protocol.TransferFormat;
import io.switchboard.protocol.internal.HandshakeProtocol;
import io.switchboard.protocol.internal.HandshakeRequest;
import java.nio.ByteBuffer;

/** The server side of the hub handshake: which protocol the client gets, or why not. */
final class HubHandshake {
  private HubHandshake() {}

  /** The protocol chosen and the version the client asked for, or the error text to answer with. */
  record Outcome(HubProtocol protocol, int version, String error) {
    static Outcome refused(String error) {
      return new Outcome(null, 0, error);
    }
  }

  /**
   * Reads the handshake request from the start of {@code inbound}, consuming it.
   *
   * @param binarySupported whether the connection's transport carries binary data
   *
   * @return the outcome, or null when the request is not complete yet
   * @throws io.switchboard.protocol.InvalidDataException when the request is malformed
   */
  static Outcome read(InboundBuffer inbound, HubRuntime<?> hub, boolean binarySupported) {
    ByteBuffer view = inbound.view();
    Long maximum = hub.options.maximumReceiveMessageSize();
    boolean tooLong = maximum != null && view.remaining() > maximum;
    if (tooLong) {
      view.limit(view.position() + maximum.intValue());
    }
    HandshakeRequest request = HandshakeProtocol.parseRequest(view);
    if (request == null) {
      return tooLong ? Outcome.refused("Handshake was canceled.") : null;
    }
    inbound.consumeTo(view);
    HubProtocol protocol = hub.findProtocol(request.protocol());
    if (protocol == null) {
      return Outcome.refused("The protocol '" + request.protocol() + "' is not supported.");
    }
    if (!protocol.isVersionSupported(request.version())) {
      return Outcome.refused(
          "The server does not support version "
              + request.version()
              + " of the '"
              + request.protocol()
              + "' protocol.");
    }
    if (!binarySupported && protocol.transferFormat() == TransferFormat.BINARY) {
      return Outcome.refused(
          "Cannot use the '"
              + protocol.name()
              + "' protocol on the current transport. The transport does not support 'Binary'"
              + " transfer format.");
    }
    return new Outcome(protocol, request.version(), null);
  }

  static byte[] successResponse() {
    return HandshakeProtocol.successResponse();
  }

  static byte[] errorResponse(String error) {
    return HandshakeProtocol.errorResponse(error);
  }
}
