package dev.cutover.loadgen.generate;

import dev.cutover.model.Currency;
import java.util.List;

/**
 * The merchants events are drawn from: real-looking names, an MCC in each major category, a country
 * and its currency, and a typical ticket (median in USD and log-normal spread).
 */
final class Merchants {
    record Profile(
            String id,
            String name,
            String mcc,
            String country,
            Currency currency,
            double medianUsd,
            double sigma,
            int weight) {}

    static final List<Profile> ALL =
            List.of(
                    m("M0001", "Fresh Basket Market", "5411", "US", 42, 0.7, 30),
                    m("M0002", "Green Valley Grocers", "5411", "US", 55, 0.6, 20),
                    m("M0003", "Corner Bakery Co", "5462", "US", 9, 0.5, 10),
                    m("M0004", "QuickFuel Station", "5541", "US", 48, 0.4, 18),
                    m("M0005", "Highway Gas & Go", "5542", "US", 52, 0.4, 10),
                    m("M0006", "Blue Door Bistro", "5812", "US", 38, 0.6, 14),
                    m("M0007", "Golden Noodle House", "5812", "US", 24, 0.5, 10),
                    m("M0008", "Daily Grind Coffee", "5814", "US", 7, 0.4, 25),
                    m("M0009", "Metro Transit Authority", "4111", "US", 3, 0.3, 15),
                    m("M0010", "Skyline Taxi", "4121", "US", 21, 0.5, 8),
                    m("M0011", "Continental Airways", "3058", "US", 420, 0.7, 3),
                    m("M0012", "Harbor View Hotel", "3501", "US", 240, 0.6, 3),
                    m("M0013", "City Power & Light", "4900", "US", 110, 0.4, 4),
                    m("M0014", "Nimbus Wireless", "4814", "US", 75, 0.3, 5),
                    m("M0015", "Oakridge Pharmacy", "5912", "US", 27, 0.7, 9),
                    m("M0016", "Riverside Medical Group", "8011", "US", 140, 0.8, 3),
                    m("M0017", "Northpoint Electronics", "5732", "US", 180, 1.0, 5),
                    m("M0018", "Maple Street Books", "5942", "US", 23, 0.5, 4),
                    m("M0019", "Summit Outdoor Supply", "5941", "US", 85, 0.8, 4),
                    m("M0020", "Bright Smile Dental", "8021", "US", 160, 0.7, 2),
                    m("M0021", "Starlight Cinemas", "7832", "US", 26, 0.4, 6),
                    m("M0022", "Urban Fitness Club", "7997", "US", 45, 0.3, 3),
                    m("M0023", "Sparkle Car Wash", "7542", "US", 18, 0.3, 4),
                    m("M0024", "First Federal ATM", "6011", "US", 120, 0.6, 6),
                    m("M0025", "County Tax Office", "9311", "US", 350, 0.9, 1),
                    m("M0026", "Ledger & Co Accountants", "8931", "US", 300, 0.6, 1),
                    m("M0027", "ShopNow Online", "5999", "US", 60, 0.9, 20),
                    m("M0028", "Thames Tea Rooms", "5812", "GB", 22, 0.5, 4),
                    m("M0029", "London Underground", "4111", "GB", 4, 0.3, 4),
                    m("M0030", "Boulangerie du Marais", "5462", "FR", 8, 0.5, 3),
                    m("M0031", "Galeries Lafont", "5311", "FR", 120, 0.9, 3),
                    m("M0032", "Berliner Supermarkt", "5411", "DE", 35, 0.6, 3),
                    m("M0033", "Maple Leaf Outfitters", "5651", "CA", 70, 0.7, 3),
                    m("M0034", "Tokyo Rail Pass", "4112", "JP", 28, 0.4, 3),
                    m("M0035", "Sakura Sushi Bar", "5812", "JP", 35, 0.5, 2),
                    m("M0036", "Cancun Beach Resort", "7011", "MX", 210, 0.6, 2),
                    m("M0037", "Mercado Central", "5411", "MX", 25, 0.6, 2));

    private static final int[] CUMULATIVE;
    private static final int TOTAL;

    static {
        CUMULATIVE = new int[ALL.size()];
        int sum = 0;
        for (int i = 0; i < ALL.size(); i++) {
            sum += ALL.get(i).weight();
            CUMULATIVE[i] = sum;
        }
        TOTAL = sum;
    }

    private Merchants() {}

    /** The index in {@link #ALL} of a merchant drawn by weight. */
    static int pick(java.util.random.RandomGenerator random) {
        int u = random.nextInt(TOTAL);
        for (int i = 0; i < CUMULATIVE.length; i++) {
            if (u < CUMULATIVE[i]) {
                return i;
            }
        }
        return ALL.size() - 1;
    }

    private static Profile m(
            String id,
            String name,
            String mcc,
            String country,
            double medianUsd,
            double sigma,
            int weight) {
        return new Profile(id, name, mcc, country, currencyOf(country), medianUsd, sigma, weight);
    }

    private static Currency currencyOf(String country) {
        return switch (country) {
            case "GB" -> Currency.GBP;
            case "FR", "DE" -> Currency.EUR;
            case "CA" -> Currency.CAD;
            case "JP" -> Currency.JPY;
            case "MX" -> Currency.MXN;
            default -> Currency.USD;
        };
    }
}
