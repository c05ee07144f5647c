package io.switchboard.backplane.redis;

import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.testkit.ScaleOutSuite;
import io.switchboard.backplane.testkit.StoppableServer;
import io.switchboard.backplane.testkit.TestRedis;

/** The suite every backplane passes, on Redis (see {@link TestRedis}). */
class RedisScaleOutIT extends ScaleOutSuite {

  @Override
  protected Backplane backplane() throws Exception {
    return StoppableRedis.backplane(RedisBackplaneOptions.fromUri(TestRedis.sharedUri()));
  }

  @Override
  protected StoppableServer stoppableServer() throws Exception {
    return StoppableRedis.launch();
  }
}
