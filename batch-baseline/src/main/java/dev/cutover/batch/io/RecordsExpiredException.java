package dev.cutover.batch.io;

/**
 * The records a run should read were deleted from the topic before it ran (by its retention, which
 * goes by record timestamp): reading nothing, or less, would pass off lost data as a quiet hour.
 */
public final class RecordsExpiredException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    RecordsExpiredException(String message) {
        super(message);
    }
}
