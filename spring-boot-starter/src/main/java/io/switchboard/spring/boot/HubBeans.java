package io.switchboard.spring.boot;

import io.switchboard.connection.TransportType;
import io.switchboard.hub.Hub;
import io.switchboard.transport.netty.SwitchboardServer;
import java.util.ArrayList;
import java.util.List;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Mounts every {@link SwitchboardHub} bean, each invocation's instance asked of the bean factory:
 * the constructor injection the reference's hubs get from its service provider.
 */
final class HubBeans {
  private HubBeans() {}

  /**
   * Mounts the hub beans on {@code builder}, each with the hub options of {@code properties}.
   *
   * @throws IllegalStateException if a hub bean is not a prototype or not a {@link Hub}
   */
  static void mount(
      ConfigurableListableBeanFactory beans,
      SwitchboardServer.Builder builder,
      SwitchboardProperties properties) {
    for (String name : beans.getBeanNamesForAnnotation(SwitchboardHub.class)) {
      Class<?> type = beans.getType(name, false);
      if (type == null || !Hub.class.isAssignableFrom(type)) {
        throw new IllegalStateException(
            "@SwitchboardHub bean '" + name + "' is not a " + Hub.class.getName());
      }
      if (!beans.isPrototype(name)) {
        throw new IllegalStateException(
            "@SwitchboardHub bean '"
                + name
                + "' must be prototype-scoped: a new hub instance serves each invocation");
      }
      String path = beans.findAnnotationOnBean(name, SwitchboardHub.class, false).value();
      Class<? extends Hub> hubClass = ClassUtils.getUserClass(type).asSubclass(Hub.class);
      mount(beans, builder, path, name, hubClass, properties);
    }
  }

  /**
   * Mounts one hub bean. The options lambda names no options type, so that it follows whatever
   * {@link SwitchboardServer.Builder#hub} hands to it.
   */
  private static <T extends Hub> void mount(
      ConfigurableListableBeanFactory beans,
      SwitchboardServer.Builder builder,
      String path,
      String name,
      Class<T> hubClass,
      SwitchboardProperties properties) {
    List<TransportType> transports = new ArrayList<>(properties.transports());
    builder.hub(
        path,
        hubClass,
        () -> beans.getBean(name, hubClass),
        hub -> {
          hub.enableDetailedErrors(properties.detailedErrors());
          if (!transports.isEmpty()) {
            hub.transports(
                transports.get(0),
                transports.subList(1, transports.size()).toArray(TransportType[]::new));
          }
        });
  }
}
