package io.switchboard.transport.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.internal.ThreadExecutorMap;
import io.switchboard.hub.Hub;
import io.switchboard.hub.NonBlocking;
import org.junit.jupiter.api.Test;

/**
 * Over a real WebSocket, no hub method runs on a Netty event loop: a {@link NonBlocking} one runs
 * on the connection's receive loop, any other (which may block) on the hub executor.
 */
class HubMethodThreadsTest {
  private static final String RS = "\u001e";
  private static final String EVENT_LOOP = "a Netty event loop";

  /** Each method answers with the kind of thread it ran on. */
  public static class ThreadsHub extends Hub {
    @NonBlocking
    public String inline() {
      return where();
    }

    public String mayBlock() {
      return where();
    }

    private static String where() {
      return ThreadExecutorMap.currentExecutor() != null ? EVENT_LOOP : Thread.currentThread().getName();
    }
  }

  private static String invoke(String id, String target) {
    return "{\"type\":1,\"invocationId\":\"" + id + "\",\"target\":\"" + target + "\",\"arguments\":[]}" + RS;
  }

  private static String threadOf(String completion) {
    return completion.replaceAll(".*\"result\":\"([^\"]*)\".*", "$1").trim();
  }

  @Test
  void noHubMethodRunsOnAnEventLoop() throws Exception {
    try (SwitchboardServer server =
        SwitchboardServer.builder().port(0).hub("/threads", ThreadsHub.class).start()) {
      WsClient client = new Http(server.port()).webSocket("/threads");
      client.sendText("{\"protocol\":\"json\",\"version\":1}" + RS);
      client.awaitText();
      client.sendText(invoke("1", "inline") + invoke("2", "mayBlock"));
      String inline = threadOf(client.awaitText());
      String mayBlock = threadOf(client.awaitText());
      assertTrue(inline.startsWith("switchboard-receive-"), inline);
      assertFalse(mayBlock.equals(EVENT_LOOP) || mayBlock.startsWith("switchboard-receive-"), mayBlock);
    }
  }
}
