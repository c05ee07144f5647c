/** The SQL backplane's dialect-neutral part: message tables polled over JDBC and HikariCP. */
module io.switchboard.backplane.sql {
  requires transitive io.switchboard.core;
  requires transitive java.sql;
  requires com.zaxxer.hikari;
  requires msgpack.core;
  requires org.slf4j;

  exports io.switchboard.backplane.sql;
}
