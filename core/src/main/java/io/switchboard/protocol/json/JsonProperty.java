package io.switchboard.protocol.json;

import java.util.HashMap;
import java.util.Map;

/** The top-level properties of a JSON hub message; any other property is skipped. */
enum JsonProperty {
  TYPE("type"),
  HEADERS("headers"),
  INVOCATION_ID("invocationId"),
  TARGET("target"),
  ARGUMENTS("arguments"),
  STREAM_IDS("streamIds"),
  ITEM("item"),
  RESULT("result"),
  ERROR("error"),
  ALLOW_RECONNECT("allowReconnect"),
  SEQUENCE_ID("sequenceId");

  private static final Map<String, JsonProperty> BY_NAME = new HashMap<>();

  static {
    for (JsonProperty property : values()) {
      BY_NAME.put(property.wireName, property);
    }
  }

  final String wireName;

  JsonProperty(String wireName) {
    this.wireName = wireName;
  }

  /** The property with this exact (case-sensitive) name, or null. */
  static JsonProperty of(String name) {
    return BY_NAME.get(name);
  }

  int bit() {
    return 1 << ordinal();
  }
}
