package io.mailplatform.webmail.compose;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** A {@code multipart/form-data} request body (RFC 7578) as a browser sends it, for upload tests. */
final class MultipartBody {
    static final String BOUNDARY = "----webmail-test-boundary-7MA4YWxk";
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    MultipartBody json(String name, String json) {
        return part(name, null, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A file part; the file name is sent as UTF-8, as browsers do. */
    MultipartBody file(String name, String fileName, String type, byte[] content) {
        return part(name, fileName, type, content);
    }

    private MultipartBody part(String name, String fileName, String type, byte[] content) {
        StringBuilder head = new StringBuilder("--").append(BOUNDARY).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append('"');
        if (fileName != null) {
            head.append("; filename=\"").append(fileName).append('"');
        }
        head.append("\r\nContent-Type: ").append(type).append("\r\n\r\n");
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        bytes.writeBytes(content);
        bytes.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    byte[] build() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(bytes.toByteArray());
        out.writeBytes(("--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    static String contentType() {
        return "multipart/form-data; boundary=" + BOUNDARY;
    }
}
