package io.switchboard.backplane.redis;

import static io.switchboard.backplane.testkit.Sends.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.switchboard.backplane.testkit.TestClient;
import io.switchboard.backplane.testkit.TestNode;
import io.switchboard.backplane.testkit.TestRedis;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Servers reach each other through a Redis that wants an ACL user, or TLS. */
class SecuredRedisIT {

  @Test
  void aclUserAndPassword() throws Exception {
    try (TestRedis redis =
        TestRedis.launch(
            "--user", "default", "off",
            "--user", "app", "on", ">s3cret", "~*", "&*", "+@all")) {
      String uri = "redis://app:s3cret@127.0.0.1:" + redis.port();
      deliversAcross(RedisBackplaneOptions.fromUri(uri), RedisBackplaneOptions.fromUri(uri));
    }
  }

  @Test
  void tlsWithASelfSignedCertificate(@TempDir Path directory) throws Exception {
    Path certificate = directory.resolve("redis.crt");
    Path key = directory.resolve("redis.key");
    generateCertificate(certificate, key);
    try (TestRedis redis =
        TestRedis.launchTls(
            "--tls-cert-file", certificate.toString(),
            "--tls-key-file", key.toString(),
            "--tls-ca-cert-file", certificate.toString(),
            "--tls-auth-clients", "no")) {
      deliversAcross(
          RedisBackplaneOptions.builder(redis.uri()).trustedCertificates(certificate).build(),
          RedisBackplaneOptions.builder(redis.uri()).trustedCertificates(certificate).build());
    }
  }

  private static void deliversAcross(RedisBackplaneOptions first, RedisBackplaneOptions second)
      throws Exception {
    try (TestNode a = new TestNode(StoppableRedis.backplane(first));
        TestNode b = new TestNode(StoppableRedis.backplane(second))) {
      TestClient b1 = b.connect();
      await(a.context().clients().all().send("Receive", "across"));
      assertEquals("across", b1.next());
      assertEquals(TestClient.ANSWER, await(a.context().clients().client(b1.connectionId()).invoke(Integer.class, "Ask")));
    }
  }

  /** A self-signed certificate for 127.0.0.1 and localhost, made by the openssl CLI. */
  private static void generateCertificate(Path certificate, Path key) throws Exception {
    Process openssl;
    try {
      openssl =
          new ProcessBuilder(
                  "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                  "-keyout", key.toString(), "-out", certificate.toString(),
                  "-days", "2", "-subj", "/CN=localhost",
                  "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost")
              .redirectErrorStream(true)
              .start();
    } catch (java.io.IOException e) {
      assumeTrue(false, "openssl is not installed");
      return;
    }
    String output = new String(openssl.getInputStream().readAllBytes());
    assertEquals(0, openssl.waitFor(), output);
    assumeTrue(Files.size(certificate) > 0, "openssl wrote no certificate");
  }
}
