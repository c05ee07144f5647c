package io.switchboard.hub;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One callable hub method: the name clients use, the Java method, and the types its arguments are
 * bound to.
 */
record HubMethod(String name, Method method, List<Type> parameterTypes) {

  static HubMethod of(String name, Method method) {
    method.setAccessible(true);
    return new HubMethod(name, method, List.of(method.getGenericParameterTypes()));
  }
}
