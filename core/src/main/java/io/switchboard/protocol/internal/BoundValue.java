package io.switchboard.protocol.internal;

/**
 * The outcome of binding a payload (arguments, stream item, completion result) to its Java type:
 * the value, or the failure that prevented it. Binding failures are not protocol errors: the
 * connection stays open.
 *
 * @param value the bound value (null when failed)
 * @param failure what went wrong, or null
 */
public record BoundValue(Object value, RuntimeException failure) {

  /** A successfully bound value. */
  public static BoundValue bound(Object value) {
    return new BoundValue(value, null);
  }

  /** A failed binding. */
  public static BoundValue failed(RuntimeException failure) {
    return new BoundValue(null, failure);
  }

  /** Whether binding failed. */
  public boolean isFailed() {
    return failure != null;
  }
}
