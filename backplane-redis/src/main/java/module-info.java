/** The Redis backplane, over Lettuce. */
module io.switchboard.backplane.redis {
  requires transitive io.switchboard.core;
  requires io.netty.common;
  requires io.netty.transport;
  requires lettuce.core;
  requires org.slf4j;

  exports io.switchboard.backplane.redis;
}
