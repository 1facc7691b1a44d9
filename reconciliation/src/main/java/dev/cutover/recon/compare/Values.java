package dev.cutover.recon.compare;

import dev.cutover.recon.db.Column;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Reads a column's value from a result set in the normalised form {@link ValueComparator} uses. */
public final class Values {
    private Values() {}

    public static Object read(ResultSet rows, int index, Column column) throws SQLException {
        return switch (column.kind()) {
            case NUMBER -> number(rows.getString(index));
            case TIMESTAMP -> instant(rows, index, column.pgType());
            case BOOLEAN -> {
                boolean value = rows.getBoolean(index);
                yield rows.wasNull() ? null : value;
            }
            default -> {
                String text = rows.getString(index);
                // char(n) pads with spaces that carry no meaning (as its ::text cast drops them)
                yield text != null && column.pgType().equals("bpchar")
                        ? text.replaceFirst(" +$", "")
                        : text;
            }
        };
    }

    /** A number's exact value from its text form; NaN and infinities as {@link Double}. */
    static Object number(String text) {
        if (text == null) {
            return null;
        }
        try {
            return new BigDecimal(text);
        } catch (NumberFormatException e) {
            return Double.valueOf(text.replace("inf", "Inf"));
        }
    }

    private static Instant instant(ResultSet rows, int index, String type) throws SQLException {
        switch (type) {
            case "timestamptz" -> {
                OffsetDateTime value = rows.getObject(index, OffsetDateTime.class);
                return value == null ? null : value.toInstant();
            }
            case "timestamp" -> {
                LocalDateTime value = rows.getObject(index, LocalDateTime.class);
                return value == null ? null : value.toInstant(ZoneOffset.UTC);
            }
            default -> {
                LocalDate value = rows.getObject(index, LocalDate.class);
                return value == null ? null : value.atStartOfDay(ZoneOffset.UTC).toInstant();
            }
        }
    }

    /** The value as shown in reports. */
    public static String display(Object value) {
        if (value == null) {
            return "NULL";
        }
        if (value instanceof BigDecimal number) {
            return number.toPlainString();
        }
        return value.toString();
    }
}
