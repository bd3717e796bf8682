package com.leaveledger.notification.delivery;

import java.nio.charset.StandardCharsets;

/**
 * Text as a notice and a provider can take it. Events already in the ledger may hold a NUL (U+0000) or other control
 * characters in any string — a name, a reason, an id (docs/adr/0031-poison-events.md); what this service stores of
 * them is service-support's {@code StorableText}.
 * <ul>
 *   <li>{@link #visible}: what a notice shows of such text — every C0 control character and DEL as its Unicode
 *       control picture ({@code ␀ ␁ … ␟ ␡}), line breaks and tabs kept where {@code multiLine};</li>
 *   <li>{@link #header}: a value fit for an HTTP or mail header (a correlation id) — printable ASCII, anything
 *       else percent-encoded.</li>
 * </ul>
 */
final class NoticeText {

    private NoticeText() {
    }

    /** The value with its control characters shown as control pictures; LF and TAB kept if {@code multiLine}. */
    static String visible(String value, boolean multiLine) {
        if (value == null) {
            return null;
        }
        StringBuilder shown = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = c < 0x20 || c == 0x7f;
            boolean kept = multiLine && (c == '\n' || c == '\t');
            if (control && !kept) {
                if (shown == null) {
                    shown = new StringBuilder(value.length()).append(value, 0, i);
                }
                shown.append(c == 0x7f ? '\u2421' : (char) (0x2400 + c));
            } else if (shown != null) {
                shown.append(c);
            }
        }
        return shown == null ? value : shown.toString();
    }

    /** The value as a header can carry it: printable ASCII as is, every other character percent-encoded (UTF-8). */
    static String header(String value) {
        if (value == null) {
            return null;
        }
        StringBuilder safe = null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c > 0x20 && c < 0x7f && c != '%') {
                if (safe != null) {
                    safe.append(c);
                }
                continue;
            }
            if (safe == null) {
                safe = new StringBuilder(value.length() + 8).append(value, 0, i);
            }
            int codePoint = value.codePointAt(i);
            if (Character.isSupplementaryCodePoint(codePoint)) {
                i++;
            }
            for (byte b : new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8)) {
                safe.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return safe == null ? value : safe.toString();
    }
}
