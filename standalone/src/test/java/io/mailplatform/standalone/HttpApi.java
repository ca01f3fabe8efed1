package io.mailplatform.standalone;

import io.mailplatform.testsupport.Transcript;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** The platform's HTTP API as a client sees it: JSON posts and GETs, with HTTP Basic credentials when given. */
final class HttpApi {
    /** HTTPS with the generated development certificate, accepted as {@code curl -k} does. */
    private static final HttpClient HTTP = HttpClient.newBuilder().sslContext(Transcript.trustAll()).build();

    private final int port;

    HttpApi(int port) {
        this.port = port;
    }

    HttpResponse<String> post(String path, String json, String user, String password) throws Exception {
        return HTTP.send(request(path, user, password).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> get(String path, String user, String password) throws Exception {
        return HTTP.send(request(path, user, password).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A POST to the admin API as the administrator of the standalone tests; answers the status. */
    int admin(String path, String json) throws Exception {
        return post(path, json, "admin", "admin-secret").statusCode();
    }

    private HttpRequest.Builder request(String path, String user, String password) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + path));
        if (user != null) {
            builder.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return builder;
    }
}
