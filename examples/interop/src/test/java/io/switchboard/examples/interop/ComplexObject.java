package io.switchboard.examples.interop;

import java.util.Arrays;
import java.util.Objects;

/**
 * The TestHub's {@code ComplexObject} in its JSON wire form: {@code ByteArray} base64, {@code DateTime} ISO-8601 UTC
 * and {@code Guid} as strings, so that an echo can be compared with what was sent. (Gson would write a
 * {@code byte[]} as a number array, which is not the JSON form of a byte array.)
 */
@SuppressWarnings({"checkstyle:MemberName", "checkstyle:VisibilityModifier"})
public final class ComplexObject {
    public String String;
    public int[] IntArray;
    public String ByteArray;
    public String Guid;
    public String DateTime;

    /** For Gson. */
    public ComplexObject() {
    }

    /** A complex object with these values, in their JSON wire forms. */
    public ComplexObject(String string, int[] intArray, String byteArray, String guid, String dateTime) {
        String = string;
        IntArray = intArray;
        ByteArray = byteArray;
        Guid = guid;
        DateTime = dateTime;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ComplexObject that
                && Objects.equals(String, that.String)
                && Arrays.equals(IntArray, that.IntArray)
                && Objects.equals(ByteArray, that.ByteArray)
                && Objects.equals(Guid, that.Guid)
                && Objects.equals(DateTime, that.DateTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(String, Arrays.hashCode(IntArray), ByteArray, Guid, DateTime);
    }

    @Override
    public String toString() {
        return "ComplexObject{String=" + String + ", IntArray=" + Arrays.toString(IntArray) + ", ByteArray="
                + ByteArray + ", Guid=" + Guid + ", DateTime=" + DateTime + "}";
    }
}
