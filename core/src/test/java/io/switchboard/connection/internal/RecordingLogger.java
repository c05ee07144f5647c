package io.switchboard.connection.internal;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** A logger that keeps what it is given, as "LEVEL message", for tests; every level is on. */
final class RecordingLogger extends LegacyAbstractLogger {
  private final List<String> lines = new ArrayList<>();

  RecordingLogger() {
    name = "test";
  }

  synchronized List<String> lines() {
    return List.copyOf(lines);
  }

  synchronized long count(String prefix) {
    return lines.stream().filter(line -> line.startsWith(prefix)).count();
  }

  @Override
  protected synchronized void handleNormalizedLoggingCall(
      Level level, Marker marker, String format, Object[] arguments, Throwable error) {
    lines.add(level + " " + MessageFormatter.basicArrayFormat(format, arguments));
  }

  @Override
  protected String getFullyQualifiedCallerName() {
    return null;
  }

  @Override
  public boolean isTraceEnabled() {
    return true;
  }

  @Override
  public boolean isDebugEnabled() {
    return true;
  }

  @Override
  public boolean isInfoEnabled() {
    return true;
  }

  @Override
  public boolean isWarnEnabled() {
    return true;
  }

  @Override
  public boolean isErrorEnabled() {
    return true;
  }
}
