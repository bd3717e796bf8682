package com.leaveledger.support.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class HeaderCharactersTest {

    // Spring Security 6.5's StrictHttpFirewall defaults, which HeaderCharacters must agree with.
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");
    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void agreesWithTheFirewallPatternsOnEveryCodePoint() {
        List<String> disagreements = new ArrayList<>();
        for (int codePoint = 0; codePoint <= Character.MAX_CODE_POINT; codePoint++) {
            String alone = new String(Character.toChars(codePoint));
            String inText = "Bearer a" + alone + "b";
            for (String value : List.of(alone, inText)) {
                if (HeaderCharacters.NAME.test(value) != NAME.matcher(value).matches()
                        || HeaderCharacters.VALUE.test(value) != VALUE.matcher(value).matches()) {
                    disagreements.add(Integer.toHexString(codePoint));
                }
            }
        }
        assertThat(disagreements).isEmpty();
    }

    @Test
    void refusesControlsAndUnassignedButAllowsTabInValuesOnly() {
        assertThat(HeaderCharacters.VALUE.test("a\tb")).isTrue();
        assertThat(HeaderCharacters.NAME.test("a\tb")).isFalse();
        assertThat(HeaderCharacters.VALUE.test("a\r\nX-Injected: 1")).isFalse();
        assertThat(HeaderCharacters.VALUE.test("a\u0000")).isFalse();
        assertThat(HeaderCharacters.VALUE.test("\u0378")).isFalse(); // unassigned
        assertThat(HeaderCharacters.VALUE.test("")).isTrue();
        assertThat(HeaderCharacters.VALUE.test("\uD800")).isEqualTo(VALUE.matcher("\uD800").matches()); // lone surrogate
        assertThat(HeaderCharacters.VALUE.test("Bearer eyJhbGciOiJIUzI1NiJ9.e30.x-_")).isTrue();
    }
}
