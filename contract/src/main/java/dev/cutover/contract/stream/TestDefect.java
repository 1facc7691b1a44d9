package dev.cutover.contract.stream;

import java.util.Arrays;
import java.util.Locale;

/**
 * TEST ONLY: a known defect the job can be told to inject (option {@code test.defect}), so a test
 * of the parity gate can show that the gate catches a real difference. Never on by default; the job
 * logs a warning when one is on.
 */
public enum TestDefect {
    /** No defect: the job as it is meant to run. */
    NONE(""),
    /** {@code to_usd} rounds DOWN instead of the model's HALF_EVEN. */
    FX_ROUND_DOWN("fx-round-down");

    private final String optionValue;

    TestDefect(String optionValue) {
        this.optionValue = optionValue;
    }

    /** The value of option {@code test.defect} that selects this defect ({@code ""}: none). */
    public String optionValue() {
        return optionValue;
    }

    /**
     * The defect named {@code value} ({@code ""} or {@code none}: {@link #NONE}).
     *
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public static TestDefect parse(String value) {
        String name = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        if (name.isEmpty() || name.equals("none")) {
            return NONE;
        }
        for (TestDefect defect : values()) {
            if (defect != NONE && defect.optionValue.equals(name)) {
                return defect;
            }
        }
        throw new IllegalArgumentException(
                "unknown test defect; known: "
                        + String.join(
                                ", ",
                                Arrays.stream(values())
                                        .filter(d -> d != NONE)
                                        .map(TestDefect::optionValue)
                                        .toList())
                        + " (test only; leave the option unset in production)");
    }
}
