package com.leaveledger.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MediaTypeHeadersFilterTest {

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/json", "application/problem+json", "text/csv",
            "application/x-ndjson", "text/plain;version=0.0.4", "application/openmetrics-text; version=1.0.0",
            "application/xml, application/json;q=0.5", "text/html,application/xhtml+xml"})
    void keepsAnAcceptHeaderSomethingAnswers(String accept) {
        assertThat(MediaTypeHeadersFilter.answerable(accept, "GET")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/csv", "text/html", "text/plain"})
    void aCommandAnswersJsonOnlySoItsAcceptMustTakeJson(String accept) {
        assertThat(MediaTypeHeadersFilter.answerable(accept, "GET")).isTrue();
        assertThat(MediaTypeHeadersFilter.answerable(accept, "POST")).isFalse();
        assertThat(MediaTypeHeadersFilter.answerable(accept + ", application/json", "POST")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/xml", "image/png", "*/*;q=x", "\u0080", "application/", ";;", "a/b/c"})
    void disregardsAMalformedOrUnanswerableOne(String accept) {
        assertThat(MediaTypeHeadersFilter.answerable(accept, "GET")).isFalse();
        assertThat(MediaTypeHeadersFilter.answerable(accept, "POST")).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"application/json", "application/json; charset=UTF-8", "text/csv", "multipart/form-data"})
    void takesAConcreteContentType(String contentType) {
        assertThat(MediaTypeHeadersFilter.concrete(contentType)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*/*", "application/*", "json", ";", "a/b/c"})
    void refusesAWildcardOrMalformedContentType(String contentType) {
        assertThat(MediaTypeHeadersFilter.concrete(contentType)).isFalse();
    }
}
