package com.leaveledger.support.persistence;

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
}
