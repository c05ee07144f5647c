package io.switchboard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.signalr.HubConnection;
import com.microsoft.signalr.HubConnectionBuilder;
import com.microsoft.signalr.TransportEnum;
import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.redis.RedisBackplane;
import io.switchboard.backplane.testkit.TestRedis;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.DefaultResourceLoader;

/** {@code switchboard.redis.url} scales the hubs of two applications out over one Redis. */
class RedisBackplaneStarterTest {
  private static final long PATIENCE_SECONDS = 30;

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (int i = resources.size() - 1; i >= 0; i--) {
      resources.get(i).close();
    }
  }

  @Test
  void aClientOfOneApplicationReceivesWhatAHubOfTheOtherSends() throws Exception {
    String redisUri = TestRedis.sharedUri();
    ConfigurableApplicationContext sender = open(run(redisUri));
    ConfigurableApplicationContext receiver = open(run(redisUri));
    assertTrue(sender.getBean(Backplane.class) instanceof RedisBackplane);
    HubConnection listening = connect(receiver);
    BlockingQueue<String> received = new LinkedBlockingQueue<>();
    listening.on("Receive", received::add, String.class);

    connect(sender)
        .invoke("Broadcast", "over Redis")
        .timeout(PATIENCE_SECONDS, TimeUnit.SECONDS)
        .blockingAwait();

    assertEquals(
        GreetingApplication.GREETING + ", over Redis",
        received.poll(PATIENCE_SECONDS, TimeUnit.SECONDS));
  }

  @Test
  void aRedisUrlWithoutTheRedisModuleFailsTheStartup() {
    SpringApplicationBuilder application =
        new SpringApplicationBuilder(GreetingApplication.class)
            .web(WebApplicationType.NONE)
            .resourceLoader(new DefaultResourceLoader(new WithoutRedisModule()))
            .properties("switchboard.port=0", "switchboard.redis.url=redis://127.0.0.1:1");

    RuntimeException error = assertThrows(RuntimeException.class, application::run);

    assertTrue(
        GreetingApplication.rootCause(error).getMessage().contains("switchboard-backplane-redis"),
        error.toString());
  }

  /** This test's class loader, as if switchboard-backplane-redis were not on the classpath. */
  private static final class WithoutRedisModule extends ClassLoader {
    WithoutRedisModule() {
      super(RedisBackplaneStarterTest.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith(RedisBackplane.class.getPackageName() + ".")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  private static ConfigurableApplicationContext run(String redisUri) {
    return GreetingApplication.run(
        GreetingApplication.class, "switchboard.redis.url=" + redisUri);
  }

  private HubConnection connect(ConfigurableApplicationContext context) {
    HubConnection connection =
        HubConnectionBuilder.create(GreetingApplication.baseUrl(context) + "/greet")
            .withTransport(TransportEnum.WEBSOCKETS)
            .build();
    connection.start().timeout(PATIENCE_SECONDS, TimeUnit.SECONDS).blockingAwait();
    open(() -> connection.stop().timeout(PATIENCE_SECONDS, TimeUnit.SECONDS).blockingAwait());
    return connection;
  }

  private <T extends AutoCloseable> T open(T resource) {
    resources.add(resource);
    return resource;
  }
}
