package io.mailplatform.smtp.ehlo;

import io.mailplatform.smtp.reply.SmtpReply;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders the EHLO reply: the greeting line, then one keyword per {@code 250-} line (RFC 5321
 * §4.1.1.1). The EHLO reply carries no enhanced status codes (RFC 2034 §3).
 */
public final class EhloReply {
    private EhloReply() {
    }

    public static SmtpReply render(String hostname, String clientName, List<EhloExtension> extensions,
            EhloExtension.EhloContext context) {
        List<String> lines = new ArrayList<>();
        lines.add(hostname + " greets " + clientName);
        for (EhloExtension extension : extensions) {
            lines.addAll(extension.keywords(context));
        }
        return new SmtpReply(250, null, lines);
    }
}
