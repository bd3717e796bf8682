package com.leaveledger.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StrictJsonInputTest {

    enum Kind { ANNUAL, SICK }

    record Body(String name, Kind kind, boolean flag, BigDecimal days, LocalDate date, Set<Kind> kinds) {
    }

    /** As the services' mapper: tolerant, for stored events. */
    private final ObjectMapper tolerant = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final ObjectMapper strict = StrictJsonInput.copyOf(tolerant);

    @Test
    void readsWhatOurClientsSend() throws Exception {
        Body body = strict.readValue("""
                {"name":"Eli","kind":"ANNUAL","flag":false,"days":30,"date":"2027-03-01","kinds":["SICK"]}""",
                Body.class);
        assertThat(body).isEqualTo(new Body("Eli", Kind.ANNUAL, false, new BigDecimal("30"), LocalDate.of(2027, 3, 1),
                Set.of(Kind.SICK)));
        assertThat(strict.readValue("{\"days\":-1.5}", Body.class).days()).isEqualByComparingTo("-1.5");
        assertThat(strict.readValue("{}", Body.class)).isEqualTo(new Body(null, null, false, null, null, null));
        assertThat(strict.readValue("{\"name\":null,\"kinds\":[]}", Body.class).kinds()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"kind":"ANNUAL "}                 | kind
            {"kind":" ANNUAL"}                 | kind
            {"kind":"annual"}                  | kind
            {"kind":0}                         | kind
            {"kind":"0"}                       | kind
            {"kind":""}                        | kind
            {"flag":"true"}                    | flag
            {"flag":1}                         | flag
            {"name":1}                         | name
            {"name":1.5}                       | name
            {"name":true}                      | name
            {"name":{"a":1}}                   | name
            {"name":["a"]}                     | name
            {"days":"3"}                       | days
            {"days":true}                      | days
            {"date":"2027-02-30"}              | date
            {"date":"2027-03-01T00:00:00"}     | date
            {"date":""}                        | date
            {"date":20270301}                  | date
            {"date":" 2027-03-01"}             | date
            {"date":"\\u00012027-03-01"}       | date
            {"date":"2027-03-01\\u001f"}       | date
            {"kinds":[null]}                   | kinds[0]
            {"kinds":["SICK",null]}            | kinds[1]
            {"kinds":"SICK"}                   | kinds
            {"unknown":1}                      | unknown
            """)
    void refusesNamingTheField(String json, String field) {
        assertThatThrownBy(() -> strict.readValue(json, Body.class))
                .isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> {
                    assertThat(JsonInputErrors.field((JsonProcessingException) e)).isEqualTo(field);
                    assertThat(JsonInputErrors.aboutAValue((JsonProcessingException) e)).isTrue();
                    assertThat(JsonInputErrors.message((JsonProcessingException) e)).doesNotContain("com.leaveledger");
                });
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"name":"a"} x
            {"name":"a"} {}
            {"name":"a","name":"b"}
            {"name":
            """)
    void refusesWhatIsNotOneJsonObject(String json) {
        assertThatThrownBy(() -> strict.readValue(json, Body.class)).isInstanceOf(JsonProcessingException.class)
                .satisfies(e -> assertThat(JsonInputErrors.aboutAValue((JsonProcessingException) e))
                        .as(e.getClass() + " " + JsonInputErrors.field((JsonProcessingException) e)).isFalse());
    }

    @Test
    void leavesTheMapperItCopiedAsItWas() throws Exception {
        assertThat(tolerant.readValue("{\"kind\":\"ANNUAL \",\"unknown\":1,\"name\":1}", Body.class))
                .isEqualTo(new Body("1", Kind.ANNUAL, false, null, null, null));
        assertThat(strict.writeValueAsString(new Body("a", Kind.SICK, true, BigDecimal.ONE, LocalDate.of(2027, 1, 2),
                null))).isEqualTo(tolerant.writeValueAsString(new Body("a", Kind.SICK, true, BigDecimal.ONE,
                LocalDate.of(2027, 1, 2), null)));
    }
}
