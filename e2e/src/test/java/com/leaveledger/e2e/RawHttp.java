package com.leaveledger.e2e;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * HTTP/1.1 written byte for byte over a socket, one connection per request: the request line and header values go
 * out exactly as given (ISO-8859-1, so a char up to U+00FF is one byte: 0x80–0x9F, CR, LF, NUL included), which
 * {@code java.net.http.HttpClient} refuses or normalises. No redirects, no retries, no decoding of the target.
 */
final class RawHttp {

    /** The most of a response body kept; the rest is read and dropped. */
    private static final int BODY_LIMIT = 256 * 1024;

    private RawHttp() {
    }

    record Header(String name, String value) {
    }

    /** What the server answered; {@code status} -1 if it closed the connection (or timed out) without an answer. */
    record Response(int status, List<Header> headers, byte[] body, String error) {

        String header(String name) {
            return headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value).findFirst()
                    .orElse(null);
        }

        String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends {@code method target HTTP/1.1} with {@code Host}, the given headers in order, {@code Content-Length} when
     * there is a body, and {@code Connection: close}.
     */
    static Response send(int port, String method, String target, List<Header> headers, byte[] body) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 5_000);
            socket.setSoTimeout(30_000);
            ByteArrayOutputStream request = new ByteArrayOutputStream();
            line(request, method + " " + target + " HTTP/1.1");
            line(request, "Host: localhost:" + port);
            for (Header header : headers) {
                line(request, header.name() + ": " + header.value());
            }
            if (body != null) {
                line(request, "Content-Length: " + body.length);
            }
            line(request, "Connection: close");
            line(request, "");
            if (body != null) {
                request.write(body);
            }
            OutputStream out = socket.getOutputStream();
            out.write(request.toByteArray());
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()), method.equals("HEAD"));
        } catch (IOException e) {
            return new Response(-1, List.of(), new byte[0], e.toString());
        }
    }

    private static void line(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[] {'\r', '\n'});
    }

    private static Response read(InputStream in, boolean head) throws IOException {
        String statusLine = readLine(in);
        if (statusLine == null || statusLine.isEmpty()) {
            return new Response(-1, List.of(), new byte[0], "connection closed without a status line");
        }
        String[] parts = statusLine.split(" ", 3);
        int status;
        try {
            status = Integer.parseInt(parts[1]);
        } catch (RuntimeException e) {
            return new Response(-1, List.of(), new byte[0], "not a status line: " + statusLine);
        }
        List<Header> headers = new ArrayList<>();
        for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.add(new Header(line.substring(0, colon).trim(), line.substring(colon + 1).trim()));
            }
        }
        if (status == 100) {
            return read(in, head);
        }
        if (head || status == 204 || status == 304) {
            return new Response(status, headers, new byte[0], null);
        }
        Response partial = new Response(status, headers, new byte[0], null);
        String encoding = partial.header("Transfer-Encoding");
        String length = partial.header("Content-Length");
        byte[] body;
        if (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = chunked(in);
        } else if (length != null) {
            body = exactly(in, Long.parseLong(length));
        } else {
            body = exactly(in, Long.MAX_VALUE);
        }
        return new Response(status, headers, body, null);
    }

    private static byte[] chunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = readLine(in);
            if (size == null) {
                break;
            }
            int semicolon = size.indexOf(';');
            long n = Long.parseLong((semicolon >= 0 ? size.substring(0, semicolon) : size).trim(), 16);
            if (n == 0) {
                for (String trailer = readLine(in); trailer != null && !trailer.isEmpty(); trailer = readLine(in)) {
                    // trailers are not needed
                }
                break;
            }
            body.writeBytes(exactly(in, n));
            readLine(in);
        }
        return limited(body.toByteArray());
    }

    private static byte[] exactly(InputStream in, long n) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long remaining = n;
        while (remaining > 0) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (read < 0) {
                break;
            }
            if (body.size() < BODY_LIMIT) {
                body.write(buffer, 0, read);
            }
            remaining -= read;
        }
        return limited(body.toByteArray());
    }

    private static byte[] limited(byte[] body) {
        return body.length <= BODY_LIMIT ? body : java.util.Arrays.copyOf(body, BODY_LIMIT);
    }

    /** A line up to CRLF (or LF), ISO-8859-1; null at the end of the stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                break;
            }
            line.write(b);
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
