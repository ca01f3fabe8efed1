package io.mailplatform.delivery.mtasts;

import io.mailplatform.core.tlsrpt.TlsResultType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the HTTP/1.1 response (RFC 9112) to the policy request from a stream: only {@code 200} with a
 * {@code text/plain} body is a policy (RFC 8461 §3.3: redirects are not followed); the body comes by
 * Content-Length, chunked or up to the end of the connection, never more than the limit.
 */
final class PolicyResponse {
    /** Longest status or header line, and most header octets in all. */
    private static final int MAX_LINE = 8192;
    private static final int MAX_HEADER = 32 * 1024;

    private final InputStream in;
    private final int maxBody;
    private int headerOctets;

    private PolicyResponse(InputStream in, int maxBody) {
        this.in = in;
        this.maxBody = maxBody;
    }

    /** The policy file's text. */
    static String read(InputStream in, int maxBody) throws IOException, PolicyFetchException {
        return new PolicyResponse(in, maxBody).response();
    }

    private String response() throws IOException, PolicyFetchException {
        String status = line();
        String[] parts = status.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.") || !parts[1].matches("[0-9]{3}")) {
            throw error("not an HTTP/1.x response: " + abbreviate(status));
        }
        int code = Integer.parseInt(parts[1]);
        if (code / 100 == 3) {
            throw error("HTTP " + code + ": redirects are not followed (RFC 8461 §3.3)");
        }
        if (code != 200) {
            throw error("HTTP " + code);
        }
        String contentType = null;
        long length = -1;
        boolean chunked = false;
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw error("not a header field: " + abbreviate(header));
            }
            String name = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            switch (name) {
                case "content-type" -> contentType = value;
                case "content-length" -> {
                    if (!value.matches("[0-9]{1,18}")) {
                        throw error("bad Content-Length " + abbreviate(value));
                    }
                    length = Long.parseLong(value);
                }
                case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).endsWith("chunked");
                default -> {
                }
            }
        }
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("text/plain")) { // RFC 8461 §3.2
            throw new PolicyFetchException(TlsResultType.STS_POLICY_INVALID,
                    "the policy is " + (contentType == null ? "without a media type" : abbreviate(contentType))
                            + ", not text/plain");
        }
        byte[] body;
        if (chunked) {
            body = chunked();
        } else if (length >= 0) {
            if (length > maxBody) {
                throw tooLarge();
            }
            body = in.readNBytes((int) length);
            if (body.length < length) {
                throw error("the connection closed after " + body.length + " of " + length + " octets");
            }
        } else {
            body = upTo(maxBody);
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** RFC 9112 §7.1: chunk-size [ext] CRLF data CRLF ..., 0 CRLF, trailers, CRLF. */
    private byte[] chunked() throws IOException, PolicyFetchException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line().split(";", 2)[0].strip();
            if (!size.matches("[0-9A-Fa-f]{1,8}")) {
                throw error("bad chunk size " + abbreviate(size));
            }
            long octets = Long.parseLong(size, 16);
            if (octets == 0) {
                while (!line().isEmpty()) {
                    // trailer fields: ignored
                }
                return body.toByteArray();
            }
            if (body.size() + octets > maxBody) {
                throw tooLarge();
            }
            byte[] chunk = in.readNBytes((int) octets);
            if (chunk.length < octets) {
                throw error("the connection closed within a chunk");
            }
            body.writeBytes(chunk);
            if (!line().isEmpty()) {
                throw error("a chunk is longer than its size");
            }
        }
    }

    private byte[] upTo(int limit) throws IOException, PolicyFetchException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw tooLarge();
        }
        return body;
    }

    /** A line ended by CRLF (or LF), without it. */
    private String line() throws IOException, PolicyFetchException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int octet = in.read();
            if (octet < 0) {
                throw error("the connection closed within the response header");
            }
            if (++headerOctets > MAX_HEADER || line.length() > MAX_LINE) {
                throw error("the response header is longer than " + MAX_HEADER + " octets");
            }
            if (octet == '\n') {
                int end = line.length();
                return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
            }
            line.append((char) octet);
        }
    }

    private PolicyFetchException tooLarge() {
        return error("the policy is larger than " + maxBody + " octets");
    }

    private static PolicyFetchException error(String message) {
        return new PolicyFetchException(TlsResultType.STS_POLICY_FETCH_ERROR, message);
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 64) + "...";
    }
}
