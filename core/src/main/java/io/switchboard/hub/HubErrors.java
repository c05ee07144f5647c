package io.switchboard.hub;

/**
 * The reference server's error texts for clients. Exception details are appended as
 * {@code " <SimpleTypeName>: <message>"} when detailed errors are on, and always for
 * {@link HubException}, which applications throw to send a message on purpose.
 */
final class HubErrors {
  private HubErrors() {}

  /** A hub method threw (or its future failed). */
  static String invocationFailed(String target, Throwable error, boolean detailed) {
    return "An unexpected error occurred invoking '" + target + "' on the server."
        + details(error, detailed);
  }

  /** The invocation could not be bound (unknown method, wrong arguments). */
  static String bindingFailed(String target, Throwable error, boolean detailed) {
    return "Failed to invoke '" + target + "' due to an error on the server."
        + details(error, detailed);
  }

  /** The text of the Close message sent when the server ends a connection because of an error. */
  static String connectionClosed(Throwable error, boolean detailed) {
    return "Connection closed with an error." + details(error, detailed);
  }

  /** A StreamInvocation named a method that does not stream. */
  static String nonStreamingMethodStreamed(String target) {
    return "The client attempted to invoke the non-streaming '"
        + target
        + "' method with a streaming invocation.";
  }

  /** A non-streaming Invocation named a streaming method. */
  static String streamingMethodInvoked(String target) {
    return "The client attempted to invoke the streaming '"
        + target
        + "' method with a non-streaming invocation.";
  }

  /** A streaming method returned null instead of a stream. */
  static String streamingMethodReturnedNull(String target) {
    return "The value returned by the streaming method '"
        + target
        + "' is not a ChannelReader<> or IAsyncEnumerable<>.";
  }

  /** A stream failed after it started. */
  static String streamFailed(Throwable error, boolean detailed) {
    return "An error occurred on the server while streaming results." + details(error, detailed);
  }

  private static String details(Throwable error, boolean detailed) {
    if (error == null || !(detailed || error instanceof HubException)) {
      return "";
    }
    return " " + error.getClass().getSimpleName() + ": " + error.getMessage();
  }
}
