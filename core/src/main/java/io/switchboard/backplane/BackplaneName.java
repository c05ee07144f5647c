package io.switchboard.backplane;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The name a hub's backplane channels start with ({@code {name}:all}, ...). Without it, the hub
 * class's fully qualified name is used. Servers share a hub only when they agree on the name: to
 * share one with ASP.NET Core servers, use the .NET hub type's full name, e.g. {@code
 * @BackplaneName("MyApp.Hubs.ChatHub")}.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface BackplaneName {

  /** The name. */
  String value();
}
