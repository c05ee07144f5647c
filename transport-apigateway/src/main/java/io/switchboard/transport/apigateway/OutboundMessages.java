package io.switchboard.transport.apigateway;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cuts one write (one or more SignalR text records, each ending in the record separator {@code
 * 0x1E}) into {@code @connections} payloads no larger than API Gateway's message limit, at record
 * boundaries, so that every payload still holds whole records.
 */
final class OutboundMessages {
  private static final byte RECORD_SEPARATOR = 0x1E;

  private OutboundMessages() {}

  /** A record that no payload can hold. */
  static final class TooLargeException extends Exception {
    private static final long serialVersionUID = 1L;

    TooLargeException(int size, int limit) {
      super(
          "The server's message of "
              + size
              + " bytes is larger than API Gateway's limit of "
              + limit
              + " bytes.");
    }
  }

  /**
   * The payloads of {@code data}: {@code data} itself when it fits, else its records grouped
   * greedily.
   *
   * @throws TooLargeException when one record (or data without separators) exceeds {@code limit}
   */
  static List<byte[]> split(byte[] data, int limit) throws TooLargeException {
    if (data.length <= limit) {
      return List.of(data);
    }
    List<byte[]> payloads = new ArrayList<>();
    int start = 0; // of the payload being grown
    int end = 0; // after the last whole record in it
    for (int i = 0; i < data.length; i++) {
      if (data[i] != RECORD_SEPARATOR) {
        continue;
      }
      int recordEnd = i + 1;
      if (recordEnd - end > limit) {
        throw new TooLargeException(recordEnd - end, limit);
      }
      if (recordEnd - start > limit) {
        payloads.add(Arrays.copyOfRange(data, start, end));
        start = end;
      }
      end = recordEnd;
    }
    if (end < data.length) {
      throw new TooLargeException(data.length - end, limit); // no separator: one message
    }
    payloads.add(Arrays.copyOfRange(data, start, end));
    return payloads;
  }
}
