package io.switchboard.protocol;

/**
 * Malformed protocol data. The name matches the reference server's exception type, because its
 * simple name appears in detailed error texts sent to clients
 * (e.g. {@code InvalidDataException: Invocation provides 0 argument(s) but target expects 2.}).
 */
public class InvalidDataException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception with the exact client-visible message. */
  public InvalidDataException(String message) {
    super(message);
  }

  /** Creates the exception with the exact client-visible message and a cause. */
  public InvalidDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
