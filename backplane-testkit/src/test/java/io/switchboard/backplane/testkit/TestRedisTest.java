package io.switchboard.backplane.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** A launched Redis serves on its port until closed, and leaves no directory behind. */
class TestRedisTest {

  @Test
  void closingTheServerDeletesItsDirectory() throws Exception {
    Path directory;
    try (TestRedis redis = TestRedis.launch()) {
      directory = redis.directory();
      assertTrue(Files.isDirectory(directory), directory::toString);
      new Socket("127.0.0.1", redis.port()).close();
    }
    assertFalse(Files.exists(directory), directory::toString);
  }
}
