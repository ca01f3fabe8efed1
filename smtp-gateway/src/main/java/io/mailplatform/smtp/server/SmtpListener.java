package io.mailplatform.smtp.server;

/** The three SMTP listeners (RFC 5321 port 25, RFC 6409 port 587, RFC 8314 port 465). */
public enum SmtpListener {
    /** Mail from other servers: no AUTH needed for local recipients. */
    MX("smtp", false),
    /** Message submission: STARTTLS, then AUTH, before MAIL. */
    SUBMISSION("submission", false),
    /** Message submission over implicit TLS: AUTH before MAIL. */
    SUBMISSIONS("submissions", true);

    private final String listenerName;
    private final boolean implicitTls;

    SmtpListener(String listenerName, boolean implicitTls) {
        this.listenerName = listenerName;
        this.implicitTls = implicitTls;
    }

    /** The name used for ports, logs and the {@code mail.smtp.proxy.listeners} setting. */
    public String listenerName() {
        return listenerName;
    }

    public boolean implicitTls() {
        return implicitTls;
    }

    /** RFC 6409 §4.3: submission requires authentication before a transaction. */
    public boolean requiresAuth() {
        return this != MX;
    }

    public static SmtpListener named(String name) {
        for (SmtpListener listener : values()) {
            if (listener.listenerName.equals(name)) {
                return listener;
            }
        }
        throw new IllegalArgumentException("no SMTP listener named " + name);
    }
}
