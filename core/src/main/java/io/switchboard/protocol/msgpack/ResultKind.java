package io.switchboard.protocol.msgpack;

/** The result kinds of a MessagePack Completion, which also fix the array length (4 for void). */
final class ResultKind {
  static final int ERROR = 1;
  static final int VOID = 2;
  static final int NON_VOID = 3;

  private ResultKind() {}
}
