package com.leaveledger.notification;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StorableTextTest {

    @Test
    void storesANulAsTheSymbolForNullAndLeavesEverythingElse() {
        assertThat(StorableText.of("a\u0000b\u0000")).isEqualTo("a␀b␀");
        assertThat(StorableText.of("a\u0001\tb\n")).isEqualTo("a\u0001\tb\n");
        assertThat(StorableText.of(null)).isNull();
        String plain = "plain";
        assertThat(StorableText.of(plain)).isSameAs(plain);
    }

    @Test
    void showsControlCharactersAsControlPicturesKeepingLineBreaksOnlyInABody() {
        assertThat(StorableText.visible("a\u0000b\u001b[1m\u007f\r\n\tc", true)).isEqualTo("a␀b␛[1m␡␍\n\tc");
        assertThat(StorableText.visible("a\r\n\tb", false)).isEqualTo("a␍␊␉b");
        assertThat(StorableText.visible("Grüße ✓", false)).isEqualTo("Grüße ✓");
    }

    @Test
    void makesACorrelationIdFitForAHeader() {
        assertThat(StorableText.header("3fd39cf6-2982-499e")).isEqualTo("3fd39cf6-2982-499e");
        assertThat(StorableText.header("a b\r\n\u0000%é")).isEqualTo("a%20b%0D%0A%00%25%C3%A9");
    }
}
