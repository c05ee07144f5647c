package io.switchboard.protocol;

import java.lang.reflect.Type;
import java.util.List;

/**
 * Tells a parser which Java types to bind the values of an incoming message to. The hub dispatcher
 * implements it per connection.
 */
public interface InvocationBinder {

  /**
   * Parameter types of a hub method, excluding upload-stream parameters and injected ones.
   *
   * @throws RuntimeException when the target does not exist (it becomes the binding failure's cause)
   */
  List<Type> parameterTypes(String target);

  /** Type of the result of a server-to-client invocation awaiting a client result. */
  Type returnType(String invocationId);

  /**
   * Element type of the upload stream with this id.
   *
   * @throws RuntimeException when no such stream is open (the item becomes a stream binding failure)
   */
  Type streamItemType(String streamId);
}
