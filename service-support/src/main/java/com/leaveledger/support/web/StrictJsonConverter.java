package com.leaveledger.support.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * The JSON converter of request bodies: the body must be well-formed UTF-8 before Jackson reads it. Jackson's own
 * UTF-8 decoder takes overlong forms ({@code C0 AE} for {@code .}) and surrogates encoded as bytes, which lets one
 * character travel under several spellings past any check of the decoded text. Bodies are small
 * ({@link RequestBodyLimitFilter}), so checking them whole costs one pass.
 */
final class StrictJsonConverter extends MappingJackson2HttpMessageConverter {

    StrictJsonConverter(ObjectMapper strictMapper) {
        super(strictMapper);
    }

    @Override
    public Object read(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
        byte[] body = input.getBody().readAllBytes();
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            utf8.decode(ByteBuffer.wrap(body));
        } catch (CharacterCodingException e) {
            throw new HttpMessageNotReadableException("the request body is not well-formed UTF-8", input);
        }
        return super.read(type, contextClass, new HttpInputMessage() {
            @Override
            public InputStream getBody() {
                return new ByteArrayInputStream(body);
            }

            @Override
            public HttpHeaders getHeaders() {
                return input.getHeaders();
            }
        });
    }
}
