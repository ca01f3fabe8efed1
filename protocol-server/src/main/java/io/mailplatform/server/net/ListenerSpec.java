package io.mailplatform.server.net;

/**
 * One listening socket of a protocol service.
 *
 * @param name a label for logs and for looking up the bound port ("smtp", "submission", ...)
 * @param host the address to bind; "0.0.0.0" or "::" for all
 * @param port the port; 0 picks a free one (tests), a negative port disables the listener
 * @param implicitTls whether TLS starts with the connection (465, 993, 995) rather than by STARTTLS
 */
public record ListenerSpec(String name, String host, int port, boolean implicitTls) {
    public boolean enabled() {
        return port >= 0;
    }
}
