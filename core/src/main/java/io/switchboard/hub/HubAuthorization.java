package io.switchboard.hub;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.AuthenticationOutcome;
import io.switchboard.auth.Authorize;
import io.switchboard.connection.HttpRequestInfo;
import java.lang.reflect.AnnotatedElement;
import java.util.function.Predicate;

/** Applies a hub's {@link Authorize} annotations with its authenticator and policies. */
final class HubAuthorization {
  private final HubOptions options;
  private final Authorize hubRequirement;

  HubAuthorization(Class<? extends Hub> hubClass, HubOptions options) {
    this.options = options;
    this.hubRequirement = hubClass.getAnnotation(Authorize.class);
  }

  /** Whether requests need checking: an authenticator or a hub-level requirement (user code). */
  boolean checksRequests() {
    return options.authenticator() != null || hubRequirement != null;
  }

  /** Authenticates a request and applies the hub-level requirement. */
  AuthenticationOutcome authenticate(HttpRequestInfo request) {
    AuthenticatedUser user =
        options.authenticator() == null
            ? null
            : options.authenticator().authenticate(request).orElse(null);
    if (hubRequirement != null) {
      if (user == null) {
        return new AuthenticationOutcome(401, null);
      }
      if (!satisfies(hubRequirement, user)) {
        return new AuthenticationOutcome(403, user);
      }
    }
    return new AuthenticationOutcome(200, user);
  }

  /** Whether the user may call a method (hub-level requirements were checked at connect). */
  boolean mayInvoke(AnnotatedElement method, AuthenticatedUser user) {
    Authorize requirement = method.getAnnotation(Authorize.class);
    return requirement == null || (user != null && satisfies(requirement, user));
  }

  private boolean satisfies(Authorize requirement, AuthenticatedUser user) {
    for (String name : requirement.value()) {
      Predicate<AuthenticatedUser> policy = options.policy(name);
      if (policy == null) {
        throw new IllegalStateException("No authorization policy named '" + name + "'.");
      }
      if (!policy.test(user)) {
        return false;
      }
    }
    return true;
  }
}
