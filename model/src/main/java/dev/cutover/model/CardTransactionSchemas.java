package dev.cutover.model;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;

/** The versions of the card-transaction event schema, as shipped in this module's resources. */
public enum CardTransactionSchemas {
    V1("avro/card_transaction_v1.avsc"),
    V2("avro/card_transaction_v2.avsc");

    /** The version the pipelines read with: every older writer resolves to it. */
    public static final CardTransactionSchemas LATEST = V2;

    private final Schema schema;

    CardTransactionSchemas(String resource) {
        this.schema = load(resource);
    }

    public Schema schema() {
        return schema;
    }

    /** {@code v1}, {@code v2}: the label used on the command line and in summaries. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static CardTransactionSchemas fromLabel(String label) {
        for (CardTransactionSchemas v : values()) {
            if (v.label().equalsIgnoreCase(label)) {
                return v;
            }
        }
        throw new IllegalArgumentException(
                "unknown schema version '" + label + "' (known: v1, v2)");
    }

    private static Schema load(String resource) {
        try (InputStream in =
                CardTransactionSchemas.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("schema resource missing: " + resource);
            }
            return new Schema.Parser().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read schema resource " + resource, e);
        }
    }
}
