package dev.cutover.recon.compare;

import dev.cutover.recon.ReconException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-column tolerances from {@code --tolerance column=spec} options (left column names). */
public final class Tolerances {
    private Tolerances() {}

    public static Map<String, Tolerance> parse(List<String> specs) {
        Map<String, Tolerance> tolerances = new LinkedHashMap<>();
        for (String spec : specs == null ? List.<String>of() : specs) {
            int equals = spec.indexOf('=');
            if (equals <= 0) {
                throw ReconException.badInput(
                        "--tolerance " + spec + ": expected column=value (e.g. amount_usd=0.01)");
            }
            String column = spec.substring(0, equals).strip();
            tolerances.put(
                    column, Tolerance.parse(spec.substring(equals + 1), "--tolerance " + column));
        }
        return Map.copyOf(tolerances);
    }
}
