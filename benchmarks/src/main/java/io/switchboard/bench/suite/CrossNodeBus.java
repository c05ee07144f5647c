package io.switchboard.bench.suite;

/**
 * The bus a cross-node scenario runs over (Redis for S7, PostgreSQL for S7pg), with the suite's
 * own view of it: its process for CPU time, its version, how many messages it carried, and the
 * size of a message on it.
 */
interface CrossNodeBus extends AutoCloseable {

  /** What the servers connect to (a Redis URI, a JDBC URL). */
  String uri();

  /** The bus server's process id, or -1 when its CPU is not measured. */
  long pid();

  /** How the bus was obtained, for a NOTE line. */
  String describe();

  /** The bus server's version. */
  String version() throws Exception;

  /** Messages the bus has carried so far (PUBLISH calls, appended rows). */
  long publishCalls() throws Exception;

  /** Runs {@code trigger}, which should make a node publish once, and returns that message's size in bytes. */
  int sizeOfNextMessage(Runnable trigger, long timeoutMillis) throws Exception;
}
