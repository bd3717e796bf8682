package com.leaveledger.support.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ArrivalOrderBufferTest {

    @Test
    void handsRecordsOverInTheOrderTheyWerePut() throws Exception {
        ArrivalOrderBuffer<String> buffer = new ArrivalOrderBuffer<>(10);
        buffer.putAll(List.of("p3:0", "p3:1", "p0:0"));
        buffer.put("p1:7");

        assertThat(buffer.size()).isEqualTo(4);
        assertThat(buffer.peek()).isEqualTo("p3:0");
        assertThat(buffer.take()).isEqualTo("p3:0");
        assertThat(buffer.poll(0, TimeUnit.MILLISECONDS)).isEqualTo("p3:1");
        assertThat(buffer.take()).isEqualTo("p0:0");
        assertThat(buffer.take()).isEqualTo("p1:7");
        assertThat(buffer.poll(1, TimeUnit.MILLISECONDS)).isNull();
        assertThat(buffer.isEmpty()).isTrue();
        assertThat(buffer.remainingCapacity()).isEqualTo(10);
    }

    @Test
    void reportsTheFetchersFailureOnceEmpty() throws Exception {
        ArrivalOrderBuffer<String> buffer = new ArrivalOrderBuffer<>(2);
        buffer.put("last");
        buffer.setException(new IllegalStateException("broker gone"));

        assertThat(buffer.take()).isEqualTo("last");
        assertThatThrownBy(() -> buffer.poll(1, TimeUnit.MILLISECONDS)).hasMessage("broker gone");
    }
}
