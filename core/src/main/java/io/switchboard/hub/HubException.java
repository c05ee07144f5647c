package io.switchboard.hub;

/**
 * An error meant for the client: its message always reaches the caller, even when detailed errors
 * are off ({@code An unexpected error occurred invoking 'M' on the server. HubException: msg}).
 */
public class HubException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Creates an exception whose message is sent to the client. */
  public HubException(String message) {
    super(message);
  }

  /** Creates an exception whose message is sent to the client, with a cause kept on the server. */
  public HubException(String message, Throwable cause) {
    super(message, cause);
  }
}
