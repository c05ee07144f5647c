package io.switchboard.apicheck;

import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The published modules, found where the build put them (a jar or a classes directory on this
 * test's class path), with their module descriptors.
 */
final class PublishedModules {
  /** Each published artifact and one class of it, by which its location is found. */
  private static final Map<String, String> ANCHORS =
      Map.ofEntries(
          Map.entry("switchboard-core", "io.switchboard.hub.Hub"),
          Map.entry("switchboard-transport-netty", "io.switchboard.transport.netty.SwitchboardServer"),
          Map.entry(
              "switchboard-transport-apigateway", "io.switchboard.transport.apigateway.ApiGatewayServer"),
          Map.entry("switchboard-backplane-redis", "io.switchboard.backplane.redis.RedisBackplane"),
          Map.entry("switchboard-backplane-sql", "io.switchboard.backplane.sql.SqlBackplane"),
          Map.entry("switchboard-backplane-postgres", "io.switchboard.backplane.postgres.PostgresBackplane"),
          Map.entry(
              "switchboard-backplane-sqlserver", "io.switchboard.backplane.sqlserver.SqlServerBackplane"),
          Map.entry("switchboard-micrometer", "io.switchboard.micrometer.SwitchboardMeters"),
          Map.entry("switchboard-opentelemetry", "io.switchboard.opentelemetry.SwitchboardTracing"),
          Map.entry("switchboard-live-trace", "io.switchboard.livetrace.LiveTrace"),
          Map.entry(
              "switchboard-spring-boot-starter", "io.switchboard.spring.boot.SwitchboardAutoConfiguration"));

  private PublishedModules() {}

  /** The published artifacts, sorted. */
  static Stream<String> artifacts() {
    return ANCHORS.keySet().stream().sorted();
  }

  /** The module descriptor (module-info.class) of {@code artifact}. */
  static ModuleDescriptor descriptor(String artifact) throws Exception {
    Path location = location(ANCHORS.get(artifact));
    List<ModuleReference> modules = List.copyOf(ModuleFinder.of(location).findAll());
    if (modules.size() != 1 || modules.get(0).descriptor().isAutomatic()) {
      throw new AssertionError(location + " holds no module descriptor");
    }
    return modules.get(0).descriptor();
  }

  /**
   * A module path holding {@code root} and every module it requires (not {@code static}) that
   * this test's class path holds, the JDK's own aside.
   */
  static List<Path> modulePath(String root) {
    Map<String, Path> onClassPath = classPathModules();
    Map<String, Path> path = new LinkedHashMap<>();
    Deque<String> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      String name = pending.pop();
      if (path.containsKey(name) || ModuleFinder.ofSystem().find(name).isPresent()) {
        continue;
      }
      Path location = onClassPath.get(name);
      if (location == null) {
        throw new AssertionError(name + " (required from " + root + ") is not on the class path");
      }
      path.put(name, location);
      ModuleFinder.of(location).find(name).orElseThrow().descriptor().requires().stream()
          .filter(r -> !r.modifiers().contains(ModuleDescriptor.Requires.Modifier.STATIC))
          .forEach(r -> pending.push(r.name()));
    }
    return List.copyOf(path.values());
  }

  /** Every class path entry that is a module (named or automatic), by module name. */
  private static Map<String, Path> classPathModules() {
    Map<String, Path> modules = new LinkedHashMap<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path location = Path.of(entry);
      moduleAt(location).ifPresent(name -> modules.putIfAbsent(name, location));
    }
    return modules;
  }

  private static Optional<String> moduleAt(Path location) {
    try {
      return ModuleFinder.of(location).findAll().stream()
          .map(reference -> reference.descriptor().name())
          .collect(Collectors.reducing((a, b) -> a));
    } catch (FindException e) {
      return Optional.empty(); // not a valid module (e.g. a name no automatic module can take)
    }
  }

  private static Path location(String anchor) throws ClassNotFoundException, URISyntaxException {
    Class<?> type = Class.forName(anchor, false, PublishedModules.class.getClassLoader());
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
