package io.switchboard.backplane;

/**
 * A client's answer to a client result asked by another server (backplanes.md §1.5e).
 *
 * @param protocolName the hub protocol that encoded {@code completion}
 * @param completion the Completion message, framed as that protocol writes it
 */
record RemoteCompletion(String protocolName, byte[] completion) {}
