package io.switchboard.examples.interop;

/**
 * The object of {@code SendCustomObject}; on the wire {@code {"Name":…,"Value":…}}.
 *
 * @param name a name
 * @param value a number
 */
public record CustomObject(String name, int value) {}
