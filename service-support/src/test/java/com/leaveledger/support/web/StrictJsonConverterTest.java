package com.leaveledger.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;

class StrictJsonConverterTest {

    record Body(String name) {
    }

    private final StrictJsonConverter converter = new StrictJsonConverter(StrictJsonInput.copyOf(new ObjectMapper()));

    @Test
    void readsWellFormedUtf8() throws Exception {
        Object body = converter.read(Body.class, null, message("{\"name\":\"Zoë\"}".getBytes(StandardCharsets.UTF_8)));

        assertThat(body).isEqualTo(new Body("Zoë"));
    }

    @Test
    void refusesAnOverlongFormThatJacksonWouldDecode() {
        byte[] overlongDot = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC0, (byte) 0xAE, '"', '}'};

        assertThatThrownBy(() -> converter.read(Body.class, null, message(overlongDot)))
                .isInstanceOf(HttpMessageNotReadableException.class).hasMessageContaining("UTF-8");
    }

    @Test
    void refusesAnEncodedSurrogate() {
        byte[] surrogate = {'{', '"', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"', '}'};

        assertThatThrownBy(() -> converter.read(Body.class, null, message(surrogate)))
                .isInstanceOf(HttpMessageNotReadableException.class);
    }

    private static HttpInputMessage message(byte[] bytes) {
        return new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public HttpHeaders getHeaders() {
                return new HttpHeaders();
            }
        };
    }
}
