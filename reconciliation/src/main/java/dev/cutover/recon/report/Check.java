package dev.cutover.recon.report;

/**
 * One gate check: a JUnit test case. {@code suite} is the table pair (or {@code latency}, {@code
 * history}); {@code message} says why it failed, or what was measured.
 */
public record Check(String suite, String name, boolean passed, String message) {}
