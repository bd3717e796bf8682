package com.leaveledger.support.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Requests over a plain socket, for the edge's tests: HTTP clients refuse to send most of what a fuzzer sends (bytes
 * 0x80–0x9F in a header, {@code TRACE}, {@code //} or {@code ;} in a path). Header lines are sent as ISO-8859-1.
 */
public final class RawHttp {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RawHttp() {
    }

    /** The answer's head (status line and headers) and its body as JSON ({@code null} when empty). */
    public record Answer(String head, JsonNode json) {

        /** A problem+json answer with this status and rule. */
        public Answer expect(int status, String rule) {
            assertThat(head).as(head + "\n" + json).startsWith("HTTP/1.1 " + status);
            assertThat(head.toLowerCase(Locale.ROOT)).as(head).contains("content-type: application/problem+json");
            assertThat(json.path("rule").asText()).as(String.valueOf(json)).isEqualTo(rule);
            assertThat(json.path("type").asText()).isEqualTo("urn:leave-ledger:problem:" + rule);
            return this;
        }

        /** The {@code field} of the problem's first {@code errors} entry. */
        public String field() {
            return json.at("/errors/0/field").asText();
        }
    }

    /** {@code headers}: header lines separated by CRLF (no trailing CRLF), or empty. */
    public static Answer exchange(int port, String method, String target, String headers, byte[] body)
            throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + (headers.isEmpty() ? "" : headers + "\r\n")
                    + (body != null && !headers.contains("Transfer-Encoding") ? "Content-Length: " + body.length + "\r\n"
                    : "") + "\r\n";
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException refusedEarly) {
                    // the server answered and closed before the whole body was sent
                }
            }
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int split = answer.indexOf("\r\n\r\n");
            String answerHead = answer.substring(0, split);
            String answerBody = answer.substring(split + 4);
            if (answerHead.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
                answerBody = dechunk(answerBody);
            }
            return new Answer(answerHead, answerBody.isBlank() ? null : JSON.readTree(answerBody));
        }
    }

    /** {@code body} as a chunked request body, in chunks of 8 KiB. */
    public static byte[] chunked(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (int offset = 0; offset < bytes.length; offset += 8192) {
            int length = Math.min(8192, bytes.length - offset);
            out.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(bytes, offset, length);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    /** A dev token (HS256 with {@code secret}) with exactly these claims. */
    public static String sign(String secret, JWTClaimsSet.Builder claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String dechunk(String chunked) {
        StringBuilder body = new StringBuilder();
        int at = 0;
        while (true) {
            int lineEnd = chunked.indexOf("\r\n", at);
            int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
            if (size == 0) {
                return body.toString();
            }
            body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
            at = lineEnd + 2 + size + 2;
        }
    }
}
