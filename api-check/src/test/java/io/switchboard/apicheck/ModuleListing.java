package io.switchboard.apicheck;

import java.lang.module.ModuleDescriptor;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A module's listing: its name, its exports (the qualified ones with their target modules) and
 * opens, sorted, then the {@link ApiListing} of the packages it exports to everyone.
 */
final class ModuleListing {
  private ModuleListing() {}

  static List<String> of(ModuleDescriptor module) throws Exception {
    List<String> lines = new ArrayList<>();
    lines.add("module " + module.name());
    TreeSet<String> directives = new TreeSet<>();
    List<String> exported = new ArrayList<>();
    for (ModuleDescriptor.Exports export : module.exports()) {
      directives.add("  exports " + export.source() + targets(export.targets()));
      if (!export.isQualified()) {
        exported.add(export.source());
      }
    }
    module.opens().forEach(open -> directives.add("  opens " + open.source() + targets(open.targets())));
    lines.addAll(directives);
    lines.addAll(ApiListing.of(exported.stream().sorted().toList()));
    return lines;
  }

  private static String targets(java.util.Set<String> modules) {
    return modules.isEmpty() ? "" : " to " + String.join(", ", new TreeSet<>(modules));
  }
}
