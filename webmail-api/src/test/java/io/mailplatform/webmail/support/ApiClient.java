package io.mailplatform.webmail.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Real HTTP requests to the API under test, with HTTP Basic credentials and JSON bodies. */
public final class ApiClient {
    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;
    private final String forwardedFor;

    public ApiClient(int port) {
        this(port, null);
    }

    /**
     * A client behind a reverse proxy: its requests carry {@code X-Forwarded-For: forwardedFor}, which the
     * server honours when it runs with {@code server.forward-headers-strategy=native} (loopback is a trusted proxy).
     */
    public ApiClient(int port, String forwardedFor) {
        this.port = port;
        this.forwardedFor = forwardedFor;
    }

    /**
     * @param json the request body, or null for none
     * @param user null: no credentials
     */
    public HttpResponse<String> call(String method, String path, String json, String user, String password)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (forwardedFor != null) {
            request.header("X-Forwarded-For", forwardedFor);
        }
        if (user != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
