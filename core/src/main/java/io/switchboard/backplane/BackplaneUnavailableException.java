package io.switchboard.backplane;

import java.io.IOException;

/**
 * The backplane is unreachable: the operation was not carried out (a message was certainly not
 * published), so it is safe to handle it locally.
 */
public class BackplaneUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  /** An exception with a message. */
  public BackplaneUnavailableException(String message) {
    super(message);
  }

  /** An exception with a message and the bus client's cause. */
  public BackplaneUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
