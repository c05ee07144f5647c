package io.switchboard.hub;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.TreeMap;

/**
 * The methods of a hub class that clients may call, by case-insensitive name. Like the reference
 * server, two methods with the same name (overloads) are a start-up error.
 */
final class HubMethodTable {
  private final Map<String, HubMethod> methods = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

  HubMethodTable(Class<? extends Hub> hubClass) {
    for (Class<?> type = hubClass; type != Hub.class; type = type.getSuperclass()) {
      for (Method method : type.getDeclaredMethods()) {
        if (isHubMethod(method)) {
          register(method);
        }
      }
    }
  }

  private static boolean isHubMethod(Method method) {
    int modifiers = method.getModifiers();
    return Modifier.isPublic(modifiers)
        && !Modifier.isStatic(modifiers)
        && !method.isSynthetic()
        && !method.isBridge()
        && !isLifecycleOverride(method);
  }

  private static boolean isLifecycleOverride(Method method) {
    try {
      Hub.class.getDeclaredMethod(method.getName(), method.getParameterTypes());
      return true;
    } catch (NoSuchMethodException notDeclaredByHub) {
      return false;
    }
  }

  private void register(Method method) {
    HubMethodName rename = method.getAnnotation(HubMethodName.class);
    String name = rename != null ? rename.value() : method.getName();
    HubMethod previous = methods.get(name);
    if (previous != null) {
      if (previous.method().getDeclaringClass() != method.getDeclaringClass()
          && previous.method().getName().equals(method.getName())
          && java.util.Arrays.equals(
              previous.method().getParameterTypes(), method.getParameterTypes())) {
        return; // an override in a subclass, seen first, wins over the superclass method
      }
      throw new IllegalArgumentException(
          "Duplicate definitions of '" + name + "'. Overloading is not supported.");
    }
    methods.put(name, HubMethod.of(name, method));
  }

  /** The method with this name (case-insensitive), or null. */
  HubMethod find(String name) {
    return methods.get(name);
  }
}
