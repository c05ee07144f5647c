package io.switchboard.spring.boot;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;
import org.springframework.core.annotation.AliasFor;
import org.springframework.stereotype.Component;

/**
 * Marks a {@link io.switchboard.hub.Hub} subclass as a Spring bean mounted on {@link #value()}.
 * Its constructor receives other beans, as the reference's hubs receive services:
 *
 * <pre>{@code
 * @SwitchboardHub("/chat")
 * public class ChatHub extends Hub {
 *   private final Greeter greeter;
 *
 *   public ChatHub(Greeter greeter) {
 *     this.greeter = greeter;
 *   }
 *
 *   public String greet(String name) {
 *     return greeter.greet(name);
 *   }
 * }
 * }</pre>
 *
 * <p>The bean is prototype-scoped: a new instance serves each invocation and each connect or
 * disconnect event, as in ASP.NET Core, so a hub keeps no state in its fields. Startup fails if a
 * hub bean is declared with another scope.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Component
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public @interface SwitchboardHub {

  /** The path the hub is mounted on, e.g. {@code /chat} (matched case-insensitively). */
  @AliasFor("path")
  String value() default "";

  /**
   * The same as {@link #value()}. Being its alias also keeps Spring from taking the path for the
   * bean's name, as it does with the {@code value} of other {@code @Component} annotations.
   */
  @AliasFor("value")
  String path() default "";
}
