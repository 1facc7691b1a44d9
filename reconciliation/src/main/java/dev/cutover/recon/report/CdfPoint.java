package dev.cutover.recon.report;

/** A point of a latency CDF: the share of rows ({@code fraction}) at or below {@code seconds}. */
public record CdfPoint(double fraction, double seconds) {}
