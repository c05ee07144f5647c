package io.switchboard.connection;

import java.util.concurrent.ScheduledExecutorService;

/**
 * One long-polling request waiting for its answer, as the transport adapter hands it to {@link
 * ConnectionEndpoint#poll}. The connection layer answers it exactly once.
 */
public interface LongPoll {

  /**
   * The thread the poll's timeout and data deliveries run on (the request's event loop), so that
   * several writes that arrive together are answered in one response.
   */
  ScheduledExecutorService executor();

  /** Writes the poll's answer; called once, from any thread. */
  void respond(TransportResponse response);
}
