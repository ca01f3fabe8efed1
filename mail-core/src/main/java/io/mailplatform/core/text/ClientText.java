package io.mailplatform.core.text;

/**
 * Text a client sent, made fit to be quoted back in a reply line: a reply line has a length limit
 * (512 octets for SMTP, RFC 5321 §4.5.3.1.5; 512 for POP3, RFC 1939 §3) and must never carry a
 * line break or a control character the client chose.
 */
public final class ClientText {
    /** The most characters of client text a reply quotes. */
    public static final int EXCERPT = 40;

    private ClientText() {
    }

    /** At most {@value #EXCERPT} characters of {@code text}, everything but visible ASCII as '?'. */
    public static String excerpt(String text) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), EXCERPT));
        for (int i = 0; i < text.length() && out.length() < EXCERPT; i++) {
            char c = text.charAt(i);
            out.append(c > ' ' && c < 127 ? c : '?');
        }
        return out.toString();
    }
}
