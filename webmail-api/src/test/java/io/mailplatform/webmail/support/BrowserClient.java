package io.mailplatform.webmail.support;

import io.mailplatform.testsupport.Transcript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a browser page does with the API, over real HTTPS: it keeps the cookies the server sets
 * (name and value; the attributes are checked by tests on the raw Set-Cookie lines) and sends them
 * back, and it sends the CSRF token in X-XSRF-TOKEN when told to.
 */
public final class BrowserClient {
    private static final HttpClient HTTPS = HttpClient.newBuilder().sslContext(Transcript.trustAll()).build();
    private final String base;
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String csrfToken;

    public BrowserClient(int port) {
        this.base = "https://127.0.0.1:" + port;
    }

    public Map<String, String> cookies() {
        return cookies;
    }

    /** Send this token in X-XSRF-TOKEN from now on (null: none). */
    public void csrf(String token) {
        this.csrfToken = token;
    }

    public HttpResponse<String> call(String method, String path, String json) throws Exception {
        return send(method, path, json, Map.of());
    }

    public HttpResponse<String> send(String method, String path, String json, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null && !headers.containsKey("Content-Type")) {
            request.header("Content-Type", "application/json");
        }
        if (!cookies.isEmpty()) {
            request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                    .collect(Collectors.joining("; ")));
        }
        if (csrfToken != null) {
            request.header("X-XSRF-TOKEN", csrfToken);
        }
        headers.forEach(request::header);
        HttpResponse<String> response = HTTPS.send(request.build(), HttpResponse.BodyHandlers.ofString());
        remember(response.headers().allValues("Set-Cookie"));
        return response;
    }

    private void remember(List<String> setCookies) {
        for (String line : setCookies) {
            String pair = line.split(";", 2)[0];
            int equals = pair.indexOf('=');
            String name = pair.substring(0, equals).trim();
            String value = pair.substring(equals + 1).trim();
            boolean expired = line.toLowerCase().contains("max-age=0");
            if (expired || value.isEmpty()) {
                cookies.remove(name);
            } else {
                cookies.put(name, value);
            }
        }
    }
}
