package io.switchboard.backplane;

/**
 * Adds or removes a connection hosted by another server (backplanes.md §1.5c, §1.7).
 *
 * @param id the sender's command id, acknowledged on its ack channel
 * @param serverName the sender
 * @param action what to do
 * @param groupName the group
 * @param connectionId the connection
 */
record GroupCommand(int id, String serverName, Action action, String groupName, String connectionId) {

  /** The wire values: 1 add, 2 remove. */
  enum Action {
    ADD,
    REMOVE;

    int wireValue() {
      return ordinal() + 1;
    }

    static Action fromWire(int value) {
      if (value == 1) {
        return ADD;
      }
      if (value == 2) {
        return REMOVE;
      }
      throw new IllegalArgumentException("Unknown group action " + value);
    }
  }
}
