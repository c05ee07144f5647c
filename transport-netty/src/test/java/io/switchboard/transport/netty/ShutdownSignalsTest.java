package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/** ShutdownSignals loads, and falls back to a shutdown hook, on a JVM without sun.misc.Signal. */
class ShutdownSignalsTest {
  private static final String CLASS = ShutdownSignals.class.getName();

  /** Defines ShutdownSignals itself and acts as if module jdk.unsupported were absent. */
  private static final class WithoutSunMisc extends ClassLoader {
    WithoutSunMisc() {
      super(ShutdownSignalsTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("sun.misc.")) {
        throw new ClassNotFoundException(name);
      }
      if (!name.startsWith(CLASS)) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> loaded = findLoadedClass(name);
        if (loaded != null) {
          return loaded;
        }
        try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
          byte[] bytes = in.readAllBytes();
          return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
          throw new ClassNotFoundException(name, e);
        }
      }
    }
  }

  private static boolean usesPosixSignals(Class<?> shutdownSignals) throws Exception {
    Field field = shutdownSignals.getDeclaredField("POSIX_SIGNALS");
    field.setAccessible(true);
    return field.getBoolean(null);
  }

  @Test
  void withoutSunMiscSignalTheClassLoadsAndFallsBack() throws Exception {
    WithoutSunMisc loader = new WithoutSunMisc();
    assertThrows(ClassNotFoundException.class, () -> Class.forName("sun.misc.Signal", false, loader));
    Class<?> isolated = Class.forName(CLASS, true, loader);
    assertEquals(false, usesPosixSignals(isolated));
  }

  @Test
  void withSunMiscSignalItHandlesTheSignals() throws Exception {
    assertEquals(true, usesPosixSignals(ShutdownSignals.class));
  }
}
