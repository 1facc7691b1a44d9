package dev.cutover.model.rules;

/**
 * Maps an ISO 18245 merchant category code (MCC) to the coarse category reported in {@code
 * card_transactions.merchant_category}. Ranges follow the card networks' published groupings;
 * anything unlisted is {@code OTHER}, a code that is not four digits is {@code UNKNOWN}.
 */
public final class MerchantCategories {
    public static final String UNKNOWN = "UNKNOWN";
    public static final String OTHER = "OTHER";

    private MerchantCategories() {}

    public static String of(String mcc) {
        if (mcc == null || mcc.length() != 4 || !mcc.chars().allMatch(Character::isDigit)) {
            return UNKNOWN;
        }
        int code = Integer.parseInt(mcc);
        if (code >= 3000 && code <= 3999) {
            return "TRAVEL"; // airlines, car rental, lodging
        }
        if (code >= 4000 && code <= 4799) {
            return "TRANSPORT";
        }
        if (code >= 4800 && code <= 4999) {
            return "UTILITIES"; // telecom, cable, electricity
        }
        if (code == 5411 || code == 5422 || code == 5441 || code == 5451 || code == 5499) {
            return "GROCERY";
        }
        if (code == 5541 || code == 5542 || code == 5983) {
            return "FUEL";
        }
        if (code >= 5811 && code <= 5814) {
            return "DINING";
        }
        if (code == 5912 || (code >= 8000 && code <= 8099)) {
            return "HEALTH";
        }
        if (code == 6010 || code == 6011) {
            return "CASH";
        }
        if (code >= 5000 && code <= 5999) {
            return "RETAIL";
        }
        if (code >= 7800 && code <= 7999) {
            return "ENTERTAINMENT";
        }
        if (code >= 7000 && code <= 7799) {
            return "SERVICES";
        }
        if (code >= 8100 && code <= 8999) {
            return "PROFESSIONAL";
        }
        if (code >= 9000) {
            return "GOVERNMENT";
        }
        return OTHER;
    }
}
