/** Switchboard's hub invocations and backplane deliveries as OpenTelemetry spans. */
module io.switchboard.opentelemetry {
  requires transitive io.switchboard.core;
  requires transitive io.opentelemetry.api;
  requires transitive io.opentelemetry.context;

  exports io.switchboard.opentelemetry;
}
