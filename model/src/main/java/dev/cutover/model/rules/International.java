package dev.cutover.model.rules;

/**
 * Whether a transaction is international. The event carries no card-issuer country, and every card
 * in this model is issued by a US bank, so the rule is: <b>the merchant's country is not {@code
 * US}</b> (ISO 3166-1 alpha-2, compared ignoring case). A missing country counts as domestic.
 */
public final class International {
    public static final String ISSUER_COUNTRY = "US";

    private International() {}

    public static boolean isInternational(String merchantCountry) {
        return merchantCountry != null
                && !merchantCountry.isBlank()
                && !ISSUER_COUNTRY.equalsIgnoreCase(merchantCountry.trim());
    }
}
