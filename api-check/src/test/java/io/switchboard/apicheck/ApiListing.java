package io.switchboard.apicheck;

import java.io.IOException;
import java.lang.reflect.Executable;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Lists, by reflection over the compiled classes on the class path, every public and protected
 * type and member of some packages: one line per type (its declaration, superclass and
 * interfaces), then one indented line per member, sorted so that the listing is stable.
 */
final class ApiListing {
  private ApiListing() {}

  static List<String> of(List<String> packages) throws IOException, URISyntaxException {
    List<String> lines = new ArrayList<>();
    for (String pkg : packages) {
      lines.add("package " + pkg);
      for (Class<?> type : typesOf(pkg)) {
        if (isApi(type)) {
          lines.add(declaration(type));
          lines.addAll(members(type));
        }
      }
    }
    return lines;
  }

  private static boolean isApi(Class<?> type) {
    if (type.isSynthetic() || type.isAnonymousClass() || type.isLocalClass()) {
      return false;
    }
    for (Class<?> t = type; t != null; t = t.getDeclaringClass()) {
      int modifiers = t.getModifiers();
      if (!Modifier.isPublic(modifiers) && !Modifier.isProtected(modifiers)) {
        return false;
      }
    }
    return true;
  }

  private static String declaration(Class<?> type) {
    StringBuilder line = new StringBuilder(type.toGenericString());
    Type superclass = type.getGenericSuperclass();
    if (superclass != null && superclass != Object.class && !type.isEnum() && !type.isRecord()) {
      line.append(" extends ").append(superclass.getTypeName());
    }
    Type[] interfaces = type.getGenericInterfaces();
    if (interfaces.length > 0) {
      line.append(type.isInterface() ? " extends " : " implements ")
          .append(
              Arrays.stream(interfaces).map(Type::getTypeName).collect(Collectors.joining(", ")));
    }
    return line.toString();
  }

  private static List<String> members(Class<?> type) {
    TreeSet<String> members = new TreeSet<>();
    Stream.of(type.getDeclaredFields()).filter(ApiListing::isApi).forEach(f -> members.add(f.toGenericString()));
    Stream.<Executable>concat(
            Stream.of(type.getDeclaredConstructors()), Stream.of(type.getDeclaredMethods()))
        .filter(ApiListing::isApi)
        .filter(e -> !(e instanceof Method m && m.isBridge()))
        .forEach(e -> members.add(e.toGenericString()));
    return members.stream().map(member -> "  " + member).collect(Collectors.toList());
  }

  private static boolean isApi(Member member) {
    int modifiers = member.getModifiers();
    return !member.isSynthetic() && (Modifier.isPublic(modifiers) || Modifier.isProtected(modifiers));
  }

  /** The classes of {@code pkg} (not of its subpackages), sorted by name. */
  private static List<Class<?>> typesOf(String pkg) throws IOException, URISyntaxException {
    String dir = pkg.replace('.', '/');
    TreeSet<String> names = new TreeSet<>();
    ClassLoader loader = ApiListing.class.getClassLoader();
    for (URL url : Collections.list(loader.getResources(dir))) {
      if ("jar".equals(url.getProtocol())) {
        JarURLConnection connection = (JarURLConnection) url.openConnection();
        connection.setUseCaches(false);
        try (JarFile jar = connection.getJarFile()) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String entry = entries.nextElement().getName();
            if (entry.startsWith(dir + "/")
                && entry.endsWith(".class")
                && entry.indexOf('/', dir.length() + 1) < 0) {
              names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
            }
          }
        }
      } else {
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
          files
              .map(file -> file.getFileName().toString())
              .filter(file -> file.endsWith(".class"))
              .forEach(file -> names.add(pkg + "." + file.substring(0, file.length() - 6)));
        }
      }
    }
    List<Class<?>> types = new ArrayList<>();
    for (String name : names) {
      if (name.endsWith("package-info") || name.endsWith("module-info")) {
        continue;
      }
      try {
        types.add(Class.forName(name, false, loader));
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(name + " is listed but cannot be loaded", e);
      }
    }
    return types;
  }
}
