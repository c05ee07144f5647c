package io.switchboard.protocol.internal;

import java.io.IOException;
import java.lang.reflect.Type;

/** Reads payload values from a hub protocol's input, one after another. */
public interface PayloadReader {

  /** Reads the next value as {@code type}. */
  Object read(Type type) throws IOException;

  /** Skips the next value. */
  void skip() throws IOException;
}
