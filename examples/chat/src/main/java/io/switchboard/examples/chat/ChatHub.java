package io.switchboard.examples.chat;

import io.switchboard.hub.Hub;
import java.util.concurrent.CompletableFuture;

/** A chat room: messages to everyone, and rooms that people join and leave. */
public class ChatHub extends Hub {

  /** Sends a message to everyone. */
  public CompletableFuture<Void> send(String user, String message) {
    return clients().all().send("ReceiveMessage", user, message);
  }

  /** Joins a room and tells its members. */
  public CompletableFuture<Void> joinRoom(String user, String room) {
    return groups()
        .add(context().connectionId(), room)
        .thenCompose(joined -> clients().group(room).send("UserJoined", user, room));
  }

  /** Tells a room's members, then leaves it. */
  public CompletableFuture<Void> leaveRoom(String user, String room) {
    return clients()
        .group(room)
        .send("UserLeft", user, room)
        .thenCompose(told -> groups().remove(context().connectionId(), room));
  }

  /** Sends a message to a room's members. */
  public CompletableFuture<Void> sendToRoom(String user, String room, String message) {
    return clients().group(room).send("ReceiveRoomMessage", user, room, message);
  }
}
