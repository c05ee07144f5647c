package io.switchboard.backplane.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The options' defaults (IntelliTect's) and their checks. */
class SqlBackplaneOptionsTest {

  @Test
  void defaultsAreIntelliTects() {
    SqlBackplaneOptions options = SqlBackplaneOptions.builder().jdbcUrl("jdbc:x").build();
    assertEquals("SignalR", options.schemaName());
    assertEquals(1, options.tableCount());
    assertEquals(2_500, options.cleanUpEvery());
    assertEquals(10_000, options.maxTableSize());
    assertEquals(true, options.autoInstallSchema());
  }

  @Test
  void theSlugIsTheHubsSimpleName() {
    SqlBackplaneOptions options = SqlBackplaneOptions.builder().jdbcUrl("jdbc:x").build();
    assertEquals("ChatHub", options.tableSlug("MyApp.Hubs.ChatHub"));
    assertEquals("Inner", options.tableSlug("MyApp.Outer+Inner"));
    assertEquals("Inner", options.tableSlug("io.app.Outer$Inner"));
    assertEquals("Chat", options.tableSlug("Chat"));
  }

  @Test
  void namesThatAreNotPlainIdentifiersAreRefused() {
    SqlBackplaneOptions.Builder builder = SqlBackplaneOptions.builder().jdbcUrl("jdbc:x");
    assertThrows(IllegalArgumentException.class, () -> builder.schemaName("Sig]nalR").build());
    SqlBackplaneOptions options = builder.schemaName("SignalR").tableSlug(hub -> "a b").build();
    assertThrows(IllegalArgumentException.class, () -> options.tableSlug("Hub"));
    assertThrows(IllegalArgumentException.class, () -> SqlBackplaneOptions.builder().build());
    assertThrows(IllegalArgumentException.class,
        () -> SqlBackplaneOptions.builder().jdbcUrl("jdbc:x").tableCount(0).build());
  }
}
