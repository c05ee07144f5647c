package io.switchboard.examples.interop;

/**
 * Named after the .NET exception the official clients' functional tests expect in error texts
 * ({@code InvalidOperationException: An error occurred.}).
 */
public class InvalidOperationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates the exception. */
  public InvalidOperationException(String message) {
    super(message);
  }
}
