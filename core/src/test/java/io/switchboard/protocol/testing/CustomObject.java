package io.switchboard.protocol.testing;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/** The {@code CustomObject} of the reference tests, with the values the vectors use. */
@JsonPropertyOrder({
  "stringProp", "doubleProp", "intProp", "dateTimeProp", "nullProp", "byteArrProp"
})
public final class CustomObject {
  public String stringProp = "SignalR!";
  public double doubleProp = 6.2831853071;
  public int intProp = 42;
  public Instant dateTimeProp = Instant.parse("2017-04-11T00:00:00Z");
  public String nullProp;
  public byte[] byteArrProp = {1, 2, 3};

  @Override
  public boolean equals(Object other) {
    return other instanceof CustomObject o
        && Objects.equals(stringProp, o.stringProp)
        && doubleProp == o.doubleProp
        && intProp == o.intProp
        && Objects.equals(dateTimeProp, o.dateTimeProp)
        && Objects.equals(nullProp, o.nullProp)
        && Arrays.equals(byteArrProp, o.byteArrProp);
  }

  @Override
  public int hashCode() {
    return Objects.hash(stringProp, doubleProp, intProp, dateTimeProp, nullProp)
        + Arrays.hashCode(byteArrProp);
  }

  @Override
  public String toString() {
    return "CustomObject[" + stringProp + ", " + doubleProp + ", " + intProp + ", " + dateTimeProp
        + ", " + nullProp + ", " + Arrays.toString(byteArrProp) + "]";
  }
}
