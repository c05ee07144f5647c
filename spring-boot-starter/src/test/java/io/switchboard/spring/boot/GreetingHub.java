package io.switchboard.spring.boot;

import io.switchboard.hub.Hub;

/** A hub bean whose constructor receives the {@link Greeter} bean. */
@SwitchboardHub("/greet")
public class GreetingHub extends Hub {
  private final Greeter greeter;
  private final int serial;

  public GreetingHub(Greeter greeter) {
    this.greeter = greeter;
    this.serial = greeter.hubCreated();
  }

  public String greet(String name) {
    return greeter.greet(name);
  }

  /** Which hub instance serves this invocation. */
  public int serial() {
    return serial;
  }

  /** The client's address, as the server believes it. */
  public String remoteAddress() {
    return context().request().remoteAddress();
  }

  public void fail() {
    throw new IllegalStateException(greeter.greet("failure"));
  }

  public void broadcast(String text) {
    clients().all().send("Receive", greeter.greet(text));
  }
}
