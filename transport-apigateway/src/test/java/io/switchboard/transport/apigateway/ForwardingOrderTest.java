package io.switchboard.transport.apigateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.switchboard.backplane.Backplane;
import io.switchboard.backplane.BackplaneHealthListener;
import io.switchboard.backplane.redis.RedisBackplane;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;

/** One node's forwarded messages for a connection, over a real Redis: one publish at a time, in order. */
class ForwardingOrderTest {
  private static final int MESSAGES = 20;

  @Test
  void oneNodesMessagesForAConnectionArriveInTheOrderItGotThem() throws Exception {
    ApiGatewayOptions options =
        ApiGatewayOptions.builder(URI.create("http://127.0.0.1:9/test")) // never called: no DELETE
            .region(Region.US_EAST_1)
            .credentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
            .build();
    try (TestRedisServer redis = TestRedisServer.start();
        RedisBackplane owner = RedisBackplane.create(redis.uri());
        InFlightCounting forwarder = new InFlightCounting(RedisBackplane.create(redis.uri()));
        ConnectionsApi api = new ConnectionsApi(options)) {
      List<String> received = Collections.synchronizedList(new ArrayList<>());
      CountDownLatch all = new CountDownLatch(MESSAGES);
      new Forwarding(owner, "", api, Runnable::run)
          .subscribe("c=", message -> {
            received.add(new String(message.payload(), StandardCharsets.UTF_8));
            all.countDown();
          })
          .get(30, TimeUnit.SECONDS);

      Forwarding forwarding = new Forwarding(forwarder, "", api, Runnable::run);
      List<String> sent = new ArrayList<>();
      for (int i = 0; i < MESSAGES; i++) {
        sent.add("message " + i);
        forwarding.forward(
            new ForwardedMessage(
                ForwardedMessage.Route.DEFAULT, "c=", sent.get(i).getBytes(StandardCharsets.UTF_8)));
      }

      assertTrue(all.await(30, TimeUnit.SECONDS), () -> "received only " + received);
      assertEquals(sent, received);
      assertEquals(1, forwarder.mostInFlight(), "publishes of one connection in flight at once");
    }
  }

  /**
   * A backplane that counts the publishes in flight at once, each held a little after Redis
   * answered so that a publish issued before the last one completed is seen.
   */
  private static final class InFlightCounting implements Backplane {
    private final Backplane delegate;
    private final Executor later = CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger most = new AtomicInteger();

    InFlightCounting(Backplane delegate) {
      this.delegate = delegate;
    }

    int mostInFlight() {
      return most.get();
    }

    @Override
    public CompletableFuture<Long> publish(String channel, byte[] message) {
      most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
      return delegate
          .publish(channel, message)
          .thenApplyAsync(receivers -> receivers, later)
          .whenComplete((receivers, error) -> inFlight.decrementAndGet());
    }

    @Override
    public CompletableFuture<Void> subscribe(String channel, Consumer<byte[]> handler) {
      return delegate.subscribe(channel, handler);
    }

    @Override
    public CompletableFuture<Void> unsubscribe(String channel) {
      return delegate.unsubscribe(channel);
    }

    @Override
    public boolean isHealthy() {
      return delegate.isHealthy();
    }

    @Override
    public void addHealthListener(BackplaneHealthListener listener) {
      delegate.addHealthListener(listener);
    }

    @Override
    public void close() {
      delegate.close();
    }
  }
}
