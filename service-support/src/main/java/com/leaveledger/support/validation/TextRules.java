package com.leaveledger.support.validation;

/**
 * What text the API accepts, one code point at a time. Plain text (names, addresses, identifiers, query parameters)
 * is one line: no ISO control character (C0, DEL, C1), no Unicode line or paragraph separator, no unpaired
 * surrogate, no noncharacter U+FFFE / U+FFFF. Prose (reasons, comments: what a person writes in sentences) may
 * also hold line breaks and tabs. PostgreSQL refuses NUL in text, and control characters break the consumers of
 * the events and the exports downstream.
 */
public final class TextRules {

    private TextRules() {
    }

    /** {@code null} when {@code text} is plain text, else why not (naming the first offending code point). */
    public static String plainTextProblem(CharSequence text) {
        return problem(text, false);
    }

    /** {@code null} when {@code text} is prose, else why not (naming the first offending code point). */
    public static String proseProblem(CharSequence text) {
        return problem(text, true);
    }

    /** Every character between 0x20 and 0x7E (the space included): the headers the services read. */
    public static boolean visibleAscii(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    private static String problem(CharSequence text, boolean prose) {
        if (text == null) {
            return null;
        }
        for (int i = 0; i < text.length(); ) {
            int codePoint = Character.codePointAt(text, i);
            if (!allowed(codePoint, prose)) {
                return String.format("must not contain U+%04X (at character %d)%s", codePoint, i + 1,
                        prose ? ": control characters other than line breaks and tabs are not allowed"
                                : ": control characters and line breaks are not allowed");
            }
            i += Character.charCount(codePoint);
        }
        return null;
    }

    private static boolean allowed(int codePoint, boolean prose) {
        if (codePoint == '\n' || codePoint == '\r' || codePoint == '\t') {
            return prose;
        }
        return !Character.isISOControl(codePoint)
                && codePoint != 0x2028 && codePoint != 0x2029
                // Character.codePointAt returns an unpaired surrogate as itself
                && Character.getType(codePoint) != Character.SURROGATE
                && codePoint != 0xfffe && codePoint != 0xffff;
    }
}
