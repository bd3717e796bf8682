package com.leaveledger.support.persistence;

/**
 * Text as PostgreSQL can store it. A {@code text} column refuses the NUL character (U+0000), and events already in
 * the ledger may hold one in any string (a name, a reason, an id): such a value is stored with each NUL replaced
 * by U+2400 SYMBOL FOR NULL ({@code ␀}), the character Unicode gives for showing a NUL. Every other character,
 * control characters included, is stored as it is (PostgreSQL accepts them; the JSON APIs escape them). JSON needs
 * nothing from here: Jackson writes a NUL as the escape <code>&#92;u0000</code>, which PostgreSQL's {@code json},
 * {@code text} and {@code bytea} columns accept (docs/adr/0031-poison-events.md).
 */
public final class StorableText {

    /** U+2400 SYMBOL FOR NULL: what a NUL of an event's text reads as in a service's tables. */
    public static final char NUL_SYMBOL = '\u2400';

    private StorableText() {
    }

    /** The value with every NUL replaced by {@value #NUL_SYMBOL}; the value itself when it has none (or is null). */
    public static String of(String value) {
        if (value == null || value.indexOf('\0') < 0) {
            return value;
        }
        return value.replace('\0', NUL_SYMBOL);
    }
}
