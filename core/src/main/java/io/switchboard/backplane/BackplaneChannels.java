package io.switchboard.backplane;

/**
 * The channel names of one hub, exactly as ASP.NET Core's {@code RedisChannels} builds them from
 * the hub's name and the server's name. Names are used verbatim (no escaping), and are literal
 * channels, never patterns.
 */
final class BackplaneChannels {
  private final String prefix;
  private final String serverName;

  BackplaneChannels(String hubName, String serverName) {
    this.prefix = hubName;
    this.serverName = serverName;
  }

  String all() {
    return prefix + ":all";
  }

  String group(String groupName) {
    return prefix + ":group:" + groupName;
  }

  String user(String userId) {
    return prefix + ":user:" + userId;
  }

  String connection(String connectionId) {
    return prefix + ":connection:" + connectionId;
  }

  String groupManagement() {
    return prefix + ":internal:groups";
  }

  /** Where group commands of {@code server} are acknowledged. */
  String ack(String server) {
    return prefix + ":internal:ack:" + server;
  }

  /** Where this server receives the results of the client results it asked for. */
  String returnResults() {
    return prefix + ":internal:return:" + serverName;
  }
}
