package io.switchboard.livetrace;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.switchboard.auth.AuthenticatedUser;
import io.switchboard.auth.Authenticator;
import io.switchboard.connection.HttpRequestInfo;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The status a live trace request gets from the authenticator and the predicate. */
class TraceAccessTest {
  private static final HttpRequestInfo REQUEST =
      new HttpRequestInfo("GET", "/live-trace", Map.of(), Map.of(), Map.of(), "127.0.0.1");
  private static final AuthenticatedUser ALICE = new AuthenticatedUser("alice", Map.of(), null);

  private static int status(Authenticator authenticator) throws Exception {
    return new TraceAccess(authenticator, user -> user.nameIdentifier().equals("operator"))
        .check(REQUEST)
        .get(30, TimeUnit.SECONDS);
  }

  @Test
  void noUserIs401AndARefusedOneIs403() throws Exception {
    assertEquals(401, status(request -> Optional.empty()));
    assertEquals(403, status(request -> Optional.of(ALICE)));
  }

  @Test
  void anAuthenticatorThatThrowsIs500() throws Exception {
    assertEquals(500, status(request -> {
      throw new IllegalStateException("the token service is down");
    }));
  }

  @Test
  void anAuthenticatorThatThrowsAnErrorIs500Too() throws Exception {
    assertEquals(500, status(request -> {
      throw new AssertionError("a broken authenticator");
    }));
  }
}
