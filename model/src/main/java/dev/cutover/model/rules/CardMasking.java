package dev.cutover.model.rules;

/**
 * Masks a card number (PAN) for storage: the first 6 digits (the issuer's BIN) and the last 4 stay,
 * every digit between becomes {@code *}, as PCI DSS allows. A value shorter than 12 characters or
 * containing anything but digits is masked entirely, so a malformed PAN never leaks.
 */
public final class CardMasking {
    private static final int KEEP_FIRST = 6;
    private static final int KEEP_LAST = 4;
    private static final int MIN_LENGTH = 12;

    private CardMasking() {}

    public static String mask(String pan) {
        if (pan == null) {
            return null;
        }
        int length = pan.length();
        if (length < MIN_LENGTH || !pan.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return "*".repeat(length);
        }
        return pan.substring(0, KEEP_FIRST)
                + "*".repeat(length - KEEP_FIRST - KEEP_LAST)
                + pan.substring(length - KEEP_LAST);
    }
}
