package io.switchboard.examples.interop;

import java.util.Objects;

/**
 * The TestHub's {@code CustomObject} as the Java client binds it. Gson maps JSON properties to field names, and the
 * server writes them PascalCase, hence the unusual field names.
 */
@SuppressWarnings({"checkstyle:MemberName", "checkstyle:VisibilityModifier"})
public final class CustomObject {
    public String Name;
    public int Value;

    /** For Gson. */
    public CustomObject() {
    }

    /** A custom object with these values. */
    public CustomObject(String name, int value) {
        Name = name;
        Value = value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CustomObject that && Objects.equals(Name, that.Name) && Value == that.Value;
    }

    @Override
    public int hashCode() {
        return Objects.hash(Name, Value);
    }

    @Override
    public String toString() {
        return "CustomObject{Name=" + Name + ", Value=" + Value + "}";
    }
}
