// The chat page's client side: the official SignalR JavaScript client (lib/signalr.min.js, global `signalR`)
// talking to the chat hub at /chat. Plain JavaScript, no framework; text is only ever set through textContent.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const status = $("status");
  const userInput = $("user");
  const roomInput = $("room");
  const messageInput = $("message");
  const messages = $("messages");
  let currentRoom = null;
  let connected = false;
  userInput.value = `guest-${Math.floor(1000 + Math.random() * 9000)}`;

  const connection = new signalR.HubConnectionBuilder()
    .withUrl("/chat")
    .withAutomaticReconnect()
    .build();

  function user() {
    return userInput.value.trim() || "anonymous";
  }

  function show(parts, className) {
    const item = document.createElement("li");
    if (className) item.className = className;
    for (const [text, partClass] of parts) {
      const span = document.createElement("span");
      span.textContent = text;
      if (partClass) span.className = partClass;
      item.appendChild(span);
    }
    messages.appendChild(item);
    messages.scrollTop = messages.scrollHeight;
  }

  function updateButtons() {
    $("join").disabled = !connected;
    $("send-all").disabled = !connected;
    $("leave").disabled = !connected || !currentRoom;
    $("send-room").disabled = !connected || !currentRoom;
  }

  function setStatus(text, className) {
    status.textContent = text;
    status.className = `status ${className}`;
    connected = className === "connected";
    updateButtons();
  }

  function setRoom(room) {
    currentRoom = room;
    $("current-room").textContent = room ? `in room “${room}”` : "not in a room";
    updateButtons();
  }

  function reportError(error) {
    show([[`Error: ${error.message || error}`]], "notice");
  }

  connection.on("ReceiveMessage", (from, message) => show([[from, "who"], [`: ${message}`]]));
  connection.on("ReceiveRoomMessage", (from, room, message) => {
    show([[`#${room}`, "room"], [from, "who"], [`: ${message}`]]);
  });
  connection.on("UserJoined", (who, room) => show([[`${who} joined #${room}`]], "notice"));
  connection.on("UserLeft", (who, room) => show([[`${who} left #${room}`]], "notice"));

  connection.onreconnecting(() => setStatus("reconnecting…", ""));
  connection.onreconnected(() => {
    setStatus("connected", "connected");
    // A reconnect is a new connection: rejoin the room it was in.
    if (currentRoom) connection.invoke("JoinRoom", user(), currentRoom).catch(reportError);
  });
  connection.onclose(() => setStatus("disconnected", "disconnected"));
  updateButtons();

  $("identity").addEventListener("submit", (event) => event.preventDefault());

  $("room-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const room = roomInput.value.trim();
    if (!room || room === currentRoom) return;
    try {
      if (currentRoom) await connection.invoke("LeaveRoom", user(), currentRoom);
      await connection.invoke("JoinRoom", user(), room);
      setRoom(room);
    } catch (error) {
      reportError(error);
    }
  });

  $("leave").addEventListener("click", async () => {
    if (!currentRoom) return;
    try {
      await connection.invoke("LeaveRoom", user(), currentRoom);
      setRoom(null);
    } catch (error) {
      reportError(error);
    }
  });

  async function send(toRoom) {
    const message = messageInput.value.trim();
    if (!message) return;
    try {
      if (toRoom) {
        await connection.invoke("SendToRoom", user(), currentRoom, message);
      } else {
        await connection.invoke("Send", user(), message);
      }
      messageInput.value = "";
      messageInput.focus();
    } catch (error) {
      reportError(error);
    }
  }

  $("message-form").addEventListener("submit", (event) => {
    event.preventDefault();
    send(false);
  });
  $("send-room").addEventListener("click", () => send(true));

  connection.start()
    .then(() => setStatus("connected", "connected"))
    .catch((error) => {
      setStatus("disconnected", "disconnected");
      reportError(error);
    });
})();
