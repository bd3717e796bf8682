package com.leaveledger.support.validation;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class TextConstraintsTest {

    record Form(@PlainText String name, @Prose String reason,
                @WithinYears(from = 2000, to = 2100) LocalDate date,
                @WithinYears(from = 1900, to = 2999) Instant at,
                @WithinYears(from = 2000, to = 2100) Integer year) {
    }

    private static final jakarta.validation.ValidatorFactory FACTORY = Validation.buildDefaultValidatorFactory();
    private static final Validator VALIDATOR = FACTORY.getValidator();

    @AfterAll
    static void close() {
        FACTORY.close();
    }

    @Test
    void plainTextRefusesControlCharactersAndLineBreaks() {
        for (String bad : new String[] {"a\u0000b", "a\nb", "a\rb", "a\tb", "a\u007fb", "a\u0085b", "a\u009fb",
                "a\u2028b", "a\u2029b", "a\ud800b", "a\ufffeb"}) {
            assertThat(violations(new Form(bad, null, null, null, null))).as(escape(bad))
                    .singleElement().satisfies(v -> {
                        assertThat(v.getPropertyPath()).hasToString("name");
                        assertThat(v.getMessage()).startsWith("must not contain U+");
                    });
        }
    }

    @Test
    void plainTextTakesAnyWrittenLanguage() {
        for (String good : new String[] {"Zoë Ångström", "李小龙", "ميلاد", "👩‍💻 dev", "O'Brien-Smith", "", " "}) {
            assertThat(violations(new Form(good, good, null, null, null))).as(good).isEmpty();
        }
    }

    @Test
    void proseTakesLineBreaksAndTabsButNoOtherControlCharacter() {
        assertThat(violations(new Form(null, "first line\r\nsecond\tline\n", null, null, null))).isEmpty();
        assertThat(violations(new Form(null, "a\u0000b", null, null, null))).singleElement()
                .satisfies(v -> assertThat(v.getMessage()).isEqualTo("must not contain U+0000 (at character 2): "
                        + "control characters other than line breaks and tabs are not allowed"));
        assertThat(violations(new Form(null, "a\u001bb", null, null, null))).hasSize(1);
    }

    @Test
    void withinYearsBoundsDatesInstantsAndYearNumbers() {
        assertThat(violations(new Form(null, null, LocalDate.of(2000, 1, 1), Instant.parse("1900-01-01T00:00:00Z"),
                2100))).isEmpty();
        assertThat(violations(new Form(null, null, LocalDate.of(2100, 12, 31),
                Instant.parse("2999-12-31T23:59:59.999999999Z"), 2000))).isEmpty();
        assertThat(violations(new Form(null, null, LocalDate.of(1999, 12, 31), null, null))).hasSize(1);
        assertThat(violations(new Form(null, null, LocalDate.MAX, Instant.MAX, 2101)))
                .extracting(v -> v.getPropertyPath().toString()).containsExactlyInAnyOrder("date", "at", "year");
        assertThat(violations(new Form(null, null, LocalDate.MIN, Instant.MIN, 0))).hasSize(3);
        assertThat(violations(new Form(null, null, null, Instant.parse("3000-01-01T00:00:00Z"), null)))
                .singleElement().satisfies(v -> assertThat(v.getMessage())
                        .isEqualTo("must be within the years 1900 to 2999"));
    }

    private static Set<ConstraintViolation<Form>> violations(Form form) {
        return VALIDATOR.validate(form);
    }

    private static String escape(String s) {
        StringBuilder out = new StringBuilder();
        s.chars().forEach(c -> out.append(c < 0x20 || c > 0x7e ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return out.toString();
    }
}
