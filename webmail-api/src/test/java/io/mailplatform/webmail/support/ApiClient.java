package io.mailplatform.webmail.support;

import io.mailplatform.testsupport.Transcript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Real HTTPS requests to the API under test (accepting its generated certificate, as {@code curl -k}
 * does), with HTTP Basic credentials and JSON bodies.
 */
public final class ApiClient {
    private static final HttpClient HTTPS = HttpClient.newBuilder().sslContext(Transcript.trustAll()).build();
    private final HttpClient http;
    private final String base;
    private final String forwardedFor;

    public ApiClient(int port) {
        this(port, null);
    }

    /**
     * A client behind a reverse proxy: its requests carry {@code X-Forwarded-For: forwardedFor}, which the
     * server honours when it runs with {@code server.forward-headers-strategy=native} (loopback is a trusted proxy).
     */
    public ApiClient(int port, String forwardedFor) {
        this(HTTPS, "https://127.0.0.1:" + port, forwardedFor);
    }

    private ApiClient(HttpClient http, String base, String forwardedFor) {
        this.http = http;
        this.base = base;
        this.forwardedFor = forwardedFor;
    }

    /**
     * @param json the request body, or null for none
     * @param user null: no credentials
     */
    public HttpResponse<String> call(String method, String path, String json, String user, String password)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with a body of any type (uploads); answers the body as octets. */
    public HttpResponse<byte[]> send(String method, String path, String contentType, byte[] body, String user,
            String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (user != null) {
            request.header("Authorization", basic(user, password));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
