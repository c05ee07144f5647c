package io.switchboard.protocol;

/** STUB. */
public record HandshakeRequest(String protocol, int version) {}
