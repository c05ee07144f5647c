package io.switchboard.connection;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.switchboard.protocol.TransferFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

/**
 * The body of a negotiate answer, written compactly in the reference server's property order
 * (protocol §1.3): {@code useStatefulReconnect} (only when granted), {@code negotiateVersion},
 * {@code connectionId}, {@code connectionToken} (only for version ≥ 1), {@code
 * availableTransports} in WebSockets / ServerSentEvents / LongPolling order. An error answer
 * holds only {@code error}.
 */
final class NegotiateResponse {
  private static final JsonFactory JSON = new JsonFactory();

  private NegotiateResponse() {}

  /** A successful negotiate body for {@code connection}, listing the enabled transports. */
  static byte[] success(ManagedConnection connection, int version, Set<TransportType> enabled) {
    return write(
        json -> {
          if (connection.statefulReconnect()) {
            json.writeBooleanField("useStatefulReconnect", true);
          }
          json.writeNumberField("negotiateVersion", version);
          json.writeStringField("connectionId", connection.connectionId());
          if (version > 0) {
            json.writeStringField("connectionToken", connection.token());
          }
          json.writeArrayFieldStart("availableTransports");
          for (TransportType transport : TransportType.values()) {
            if (enabled.contains(transport)) {
              writeTransport(json, transport);
            }
          }
          json.writeEndArray();
        });
  }

  /** An error body: {@code {"error":"..."}}. */
  static byte[] error(String message) {
    return write(json -> json.writeStringField("error", message));
  }

  private static void writeTransport(JsonGenerator json, TransportType transport)
      throws IOException {
    json.writeStartObject();
    json.writeStringField("transport", transport.wireName());
    json.writeArrayFieldStart("transferFormats");
    for (TransferFormat format : transferFormats(transport)) {
      json.writeString(format.wireName());
    }
    json.writeEndArray();
    json.writeEndObject();
  }

  /** Server-Sent Events carry text only; the other transports carry both formats. */
  static List<TransferFormat> transferFormats(TransportType transport) {
    return transport == TransportType.SERVER_SENT_EVENTS
        ? List.of(TransferFormat.TEXT)
        : List.of(TransferFormat.TEXT, TransferFormat.BINARY);
  }

  private static byte[] write(Fields fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(256);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      fields.write(json);
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("writing to memory cannot fail", e);
    }
    return out.toByteArray();
  }

  @FunctionalInterface
  private interface Fields {
    void write(JsonGenerator json) throws IOException;
  }
}
