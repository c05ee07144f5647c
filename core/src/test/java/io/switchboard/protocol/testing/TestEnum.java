package io.switchboard.protocol.testing;

/** The enum of the reference tests; {@code One} has the value 1 there and ordinal 1 here. */
public enum TestEnum {
  Zero,
  One
}
