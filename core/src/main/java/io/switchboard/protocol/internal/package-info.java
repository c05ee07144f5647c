/**
 * Pieces shared by the hub protocols (payload binding rules, message assembly, the parse loop,
 * reusable encode buffers). Public only so that the protocol packages can use them; not an API.
 */
package io.switchboard.protocol.internal;
