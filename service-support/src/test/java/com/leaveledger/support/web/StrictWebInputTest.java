package com.leaveledger.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.web.format.DateTimeFormatters;
import org.springframework.boot.autoconfigure.web.format.WebConversionService;
import org.springframework.core.convert.ConversionFailedException;

class StrictWebInputTest {

    enum Kind { ANNUAL }

    private final WebConversionService conversions = new WebConversionService(new DateTimeFormatters());

    StrictWebInputTest() {
        new StrictWebInput().addFormatters(conversions);
    }

    @Test
    void integersArePlainDecimals() {
        assertThat(conversions.convert("2027", int.class)).isEqualTo(2027);
        assertThat(conversions.convert("-3", Integer.class)).isEqualTo(-3);
        assertThat(conversions.convert("", Integer.class)).isNull();
        for (String odd : new String[] {"0x7E3", "#7E3", "+2027", "2027.0", " 2027", "99999999999"}) {
            assertThatThrownBy(() -> conversions.convert(odd, int.class)).as(odd)
                    .isInstanceOf(ConversionFailedException.class);
        }
        assertThatThrownBy(() -> conversions.convert("0x10", Long.class)).isInstanceOf(ConversionFailedException.class);
    }

    @Test
    void enumsByTheirExactName() {
        assertThat(conversions.convert("ANNUAL", Kind.class)).isEqualTo(Kind.ANNUAL);
        for (String odd : new String[] {"ANNUAL ", " ANNUAL", "annual", "0"}) {
            assertThatThrownBy(() -> conversions.convert(odd, Kind.class)).as(odd)
                    .isInstanceOf(ConversionFailedException.class);
        }
    }
}
