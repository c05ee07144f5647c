package io.switchboard.hub;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A concurrent map that exists only from its first entry on: most connections never stream nor
 * upload, and an empty {@link ConcurrentHashMap} would cost every idle connection 64 bytes.
 */
final class LazyMap<K, V> {
  private volatile ConcurrentHashMap<K, V> map;

  V get(K key) {
    ConcurrentHashMap<K, V> current = map;
    return current == null ? null : current.get(key);
  }

  boolean containsKey(K key) {
    ConcurrentHashMap<K, V> current = map;
    return current != null && current.containsKey(key);
  }

  void put(K key, V value) {
    created().put(key, value);
  }

  V putIfAbsent(K key, V value) {
    return created().putIfAbsent(key, value);
  }

  V remove(K key) {
    ConcurrentHashMap<K, V> current = map;
    return current == null ? null : current.remove(key);
  }

  /** A snapshot of the keys. */
  List<K> keys() {
    ConcurrentHashMap<K, V> current = map;
    return current == null ? List.of() : List.copyOf(current.keySet());
  }

  /** A snapshot of the values. */
  List<V> values() {
    ConcurrentHashMap<K, V> current = map;
    return current == null ? List.of() : List.copyOf(current.values());
  }

  private ConcurrentHashMap<K, V> created() {
    ConcurrentHashMap<K, V> current = map;
    if (current == null) {
      synchronized (this) {
        current = map;
        if (current == null) {
          current = new ConcurrentHashMap<>();
          map = current;
        }
      }
    }
    return current;
  }
}
