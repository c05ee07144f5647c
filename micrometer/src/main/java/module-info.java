/** Switchboard's events as Micrometer meters. */
module io.switchboard.micrometer {
  requires transitive io.switchboard.core;
  requires transitive micrometer.core;

  exports io.switchboard.micrometer;
}
