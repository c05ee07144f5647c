package io.switchboard.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Requires an authenticated user: on a hub class for every connection (negotiate and transport
 * requests answer 401 without one), on a hub method for that method (the invocation fails with
 * {@code Failed to invoke '<method>' because user is unauthorized}). Named policies, registered in
 * the hub's options, must all accept the user.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Authorize {
  /** Names of the policies the user must satisfy; none means "authenticated". */
  String[] value() default {};
}
