package io.switchboard.examples.interop;

import java.time.Instant;
import java.util.UUID;

/**
 * The object of {@code EchoComplexObject} and {@code SendComplexObject}: one field of each type
 * whose wire form differs between JSON and MessagePack.
 *
 * @param string a string
 * @param intArray numbers
 * @param byteArray bytes: base64 in JSON, bin in MessagePack
 * @param guid a UUID: a lower-case string in both
 * @param dateTime a UTC instant: ISO-8601 in JSON, timestamp extension in MessagePack
 */
public record ComplexObject(
    String string, int[] intArray, byte[] byteArray, UUID guid, Instant dateTime) {}
