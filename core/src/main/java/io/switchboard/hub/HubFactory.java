package io.switchboard.hub;

/**
 * Creates hub instances, one per invocation or event. The default calls the hub's no-argument
 * constructor; supply one to inject services.
 *
 * @param <T> the hub type
 */
@FunctionalInterface
public interface HubFactory<T extends Hub> {

  /** Creates a hub instance; an exception closes the connection with an error. */
  T create() throws Exception;
}
