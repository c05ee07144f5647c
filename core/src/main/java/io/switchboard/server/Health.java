package io.switchboard.server;

/**
 * What a server's health endpoint answers, as load balancers and orchestrators read it: a target
 * that is not {@link #HEALTHY} gets no new clients.
 */
public enum Health {
  /** Serving, and its backplane (if any) works: {@code 200 Healthy}. */
  HEALTHY(200, "Healthy"),
  /** Serving its own clients but unable to reach the other nodes (backplane down): {@code 503 Unhealthy}. */
  UNHEALTHY(503, "Unhealthy"),
  /** Draining before it stops: still serving its connections, taking no new ones: {@code 503 Draining}. */
  DRAINING(503, "Draining");

  private final int status;
  private final String text;

  Health(int status, String text) {
    this.status = status;
    this.text = text;
  }

  /** The HTTP status of the health endpoint's answer. */
  public int httpStatus() {
    return status;
  }

  /** The body of the health endpoint's answer ({@code text/plain}). */
  public String text() {
    return text;
  }
}
