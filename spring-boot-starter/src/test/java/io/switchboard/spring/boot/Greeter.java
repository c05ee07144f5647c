package io.switchboard.spring.boot;

import java.util.concurrent.atomic.AtomicInteger;

/** A Spring bean that the test hubs receive in their constructors. */
public final class Greeter {
  private final String greeting;
  private final AtomicInteger hubsCreated = new AtomicInteger();

  Greeter(String greeting) {
    this.greeting = greeting;
  }

  String greet(String name) {
    return greeting + ", " + name;
  }

  /** Counts the hub instances the bean factory created, numbering them from 1. */
  int hubCreated() {
    return hubsCreated.incrementAndGet();
  }
}
