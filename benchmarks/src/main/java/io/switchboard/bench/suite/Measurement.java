package io.switchboard.bench.suite;

/**
 * One figure of one run.
 *
 * @param name result name, e.g. {@code S1-json}
 * @param value the figure
 * @param unit its unit
 * @param detail other facts of the run ({@code key=value ...}), printed on a DETAIL line
 */
public record Measurement(String name, double value, String unit, String detail) {}
