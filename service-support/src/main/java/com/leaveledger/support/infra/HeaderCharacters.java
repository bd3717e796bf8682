package com.leaveledger.support.infra;

import java.util.function.Predicate;
import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * The character rules of Spring Security's {@link StrictHttpFirewall} for header names, header values and parameter
 * names, as loops instead of regular expressions. The firewall's defaults are the patterns
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} (names) and {@code [\p{IsAssigned}&&[[^\p{IsControl}]||\t]]*}
 * (values); it applies them on every {@code getHeader} call, and each call allocated a {@code Matcher}, a visible
 * share of the command side's allocations per command.
 * Same verdicts, checked for every code point by {@code HeaderCharactersTest}.
 */
public final class HeaderCharacters {

    /** Every code point assigned and not an ISO control character (header and parameter names). */
    public static final Predicate<String> NAME = value -> allowed(value, false);

    /** As {@link #NAME}, and the horizontal tab is allowed too (header values). */
    public static final Predicate<String> VALUE = value -> allowed(value, true);

    private HeaderCharacters() {
    }

    /** A {@link StrictHttpFirewall} with the defaults of Spring Security, these predicates aside. */
    public static StrictHttpFirewall firewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAME);
        firewall.setAllowedHeaderValues(VALUE);
        firewall.setAllowedParameterNames(NAME);
        return firewall;
    }

    private static boolean allowed(String value, boolean tab) {
        for (int i = 0; i < value.length(); ) {
            int codePoint = value.codePointAt(i);
            // \p{IsAssigned}: any general category but UNASSIGNED; \p{IsControl}: the category Cc, the ISO controls.
            if (!Character.isDefined(codePoint) || (Character.isISOControl(codePoint) && !(tab && codePoint == '\t'))) {
                return false;
            }
            i += Character.charCount(codePoint);
        }
        return true;
    }
}
