package io.switchboard.hub;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Gives a hub method the name clients call it by, instead of the Java method name. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface HubMethodName {
  /** The name clients use (matched case-insensitively). */
  String value();
}
