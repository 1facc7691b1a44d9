package dev.cutover.loadgen.generate;

/**
 * Synthetic card numbers: 16 digits in the Visa test range {@code 400000…} with a valid Luhn check
 * digit. Never a real card: the issuer prefix is the one card networks publish for testing.
 */
public final class CardNumbers {
    static final String TEST_BIN = "400000";

    private CardNumbers() {}

    /** The card of an account: {@code 400000}, nine digits from the account, the check digit. */
    public static String forAccount(long seed, int account) {
        long body = Math.floorMod(Seeds.mix(seed ^ (0x5bd1e995L * (account + 1))), 1_000_000_000L);
        String digits = Long.toString(body);
        String partial = TEST_BIN + "000000000".substring(digits.length()) + digits;
        return partial + checkDigit(partial);
    }

    /** The Luhn check digit that makes {@code partial + digit} valid. */
    public static int checkDigit(String partial) {
        int sum = 0;
        boolean doubleIt = true;
        for (int i = partial.length() - 1; i >= 0; i--) {
            int d = partial.charAt(i) - '0';
            if (doubleIt) {
                d *= 2;
                if (d > 9) {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }

    public static boolean isLuhnValid(String pan) {
        return pan.length() > 1
                && checkDigit(pan.substring(0, pan.length() - 1))
                        == pan.charAt(pan.length() - 1) - '0';
    }
}
