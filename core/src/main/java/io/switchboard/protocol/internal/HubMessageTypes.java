package io.switchboard.protocol.internal;

import io.switchboard.protocol.HubMessage;

/** The wire type numbers of the hub messages ({@link HubMessage#type()}). */
public final class HubMessageTypes {

  /** Invocation. */
  public static final int INVOCATION = 1;
  /** StreamItem. */
  public static final int STREAM_ITEM = 2;
  /** Completion. */
  public static final int COMPLETION = 3;
  /** StreamInvocation. */
  public static final int STREAM_INVOCATION = 4;
  /** CancelInvocation. */
  public static final int CANCEL_INVOCATION = 5;
  /** Ping. */
  public static final int PING = 6;
  /** Close. */
  public static final int CLOSE = 7;
  /** Ack (stateful reconnect). */
  public static final int ACK = 8;
  /** Sequence (stateful reconnect). */
  public static final int SEQUENCE = 9;

  private HubMessageTypes() {}
}
