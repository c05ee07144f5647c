package io.switchboard.protocol.internal;

import java.io.IOException;

/** The arguments array of an invocation, read one element after another. */
public interface ArgumentSource extends PayloadReader {

  /**
   * Starts reading the array.
   *
   * @return the number of elements when the format announces it up front (MessagePack), else -1
   */
  int start() throws IOException;

  /** Whether another element follows; when it does, the next read or skip consumes it. */
  boolean hasNext() throws IOException;
}
