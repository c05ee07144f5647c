package io.switchboard.bench.suite;

import java.util.Optional;

/** S7's bus: a {@link RedisServer} seen through a {@link RedisProbe}. */
final class RedisBus implements CrossNodeBus {
  private final RedisServer server;
  private final RedisProbe probe;

  private RedisBus(RedisServer server) {
    this.server = server;
    this.probe = new RedisProbe(server.uri());
  }

  /** The Redis of the suite, or empty when there is none. */
  static Optional<CrossNodeBus> startOrFind(SuiteConfig config) throws Exception {
    return RedisServer.startOrFind(config).map(RedisBus::new);
  }

  @Override
  public String uri() {
    return server.uri();
  }

  @Override
  public long pid() {
    return server.pid();
  }

  @Override
  public String describe() {
    return server.describe();
  }

  @Override
  public String version() {
    return "redis " + probe.version();
  }

  @Override
  public long publishCalls() {
    return probe.publishCalls();
  }

  @Override
  public int sizeOfNextMessage(Runnable trigger, long timeoutMillis) throws Exception {
    return probe.sizeOfNextMessage(trigger, timeoutMillis);
  }

  @Override
  public void close() throws Exception {
    probe.close();
    server.close();
  }
}
