package io.switchboard.protocol.internal;

/**
 * The client's handshake request: which hub protocol it wants, in which version.
 *
 * @param protocol the protocol name as sent (matched case-insensitively by the server)
 * @param version the requested protocol version
 */
public record HandshakeRequest(String protocol, int version) {}
