/** The Spring Boot starter: a Switchboard server auto-configured from {@code switchboard.*}. */
module io.switchboard.spring.boot {
  requires transitive io.switchboard.transport.netty;
  // Optional dependencies: each auto-configuration is conditional on its classes being present.
  requires static io.switchboard.backplane.redis;
  requires static io.switchboard.micrometer;
  requires static io.switchboard.opentelemetry;
  requires static spring.boot.health;
  requires spring.beans;
  requires spring.boot;
  requires spring.boot.autoconfigure;
  requires spring.context;
  requires spring.core;
  requires org.slf4j;

  exports io.switchboard.spring.boot;
  // Spring proxies the configuration classes and binds the properties by reflection.
  opens io.switchboard.spring.boot;
}
