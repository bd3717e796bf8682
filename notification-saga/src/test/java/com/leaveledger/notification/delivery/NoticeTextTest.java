package com.leaveledger.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NoticeTextTest {

    @Test
    void showsControlCharactersAsControlPicturesKeepingLineBreaksOnlyInABody() {
        assertThat(NoticeText.visible("a\u0000b\u001b[1m\u007f\r\n\tc", true)).isEqualTo("a␀b␛[1m␡␍\n\tc");
        assertThat(NoticeText.visible("a\r\n\tb", false)).isEqualTo("a␍␊␉b");
        assertThat(NoticeText.visible("Grüße ✓", false)).isEqualTo("Grüße ✓");
    }

    @Test
    void makesACorrelationIdFitForAHeader() {
        assertThat(NoticeText.header("3fd39cf6-2982-499e")).isEqualTo("3fd39cf6-2982-499e");
        assertThat(NoticeText.header("a b\r\n\u0000%é")).isEqualTo("a%20b%0D%0A%00%25%C3%A9");
    }
}
