package io.mailplatform.smtp.parse;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.smtp.command.ForwardPath;
import io.mailplatform.smtp.command.ReversePath;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpException;
import io.mailplatform.smtp.reply.SmtpReply;
import java.nio.charset.StandardCharsets;

/**
 * RFC 5321 §4.1.2 paths: {@code Reverse-path = Path / "<>"}, {@code Forward-path = Path /
 * "<Postmaster@" Domain ">" / "<Postmaster>"}, {@code Path = "<" [ A-d-l ":" ] Mailbox ">"}. A source
 * route ({@code A-d-l}) is accepted and ignored (§4.1.1.3, §C). The text after the path is returned
 * for the parameter parser.
 */
final class PathParser {
    /** RFC 5321 §4.5.3.1.3: a path is at most 256 octets including the angle brackets. */
    static final int MAX_PATH_OCTETS = MailboxAddress.MAX_PATH_OCTETS;

    private PathParser() {
    }

    /** A parsed path and the rest of the argument (the ESMTP parameters, untrimmed). */
    record Parsed<T>(T path, String rest) {
    }

    static Parsed<ReversePath> reversePath(String text) {
        int close = closingBracket(text, Replies.BAD_SENDER_SYNTAX);
        String inner = text.substring(1, close);
        if (inner.isEmpty()) {
            return new Parsed<>(ReversePath.NULL, text.substring(close + 1));
        }
        MailboxAddress mailbox = mailbox(inner, Replies.BAD_SENDER_SYNTAX);
        return new Parsed<>(new ReversePath(mailbox, !isAscii(inner)), text.substring(close + 1));
    }

    static Parsed<ForwardPath> forwardPath(String text) {
        int close = closingBracket(text, Replies.BAD_RECIPIENT_SYNTAX);
        String inner = text.substring(1, close);
        if (inner.equalsIgnoreCase("Postmaster")) {
            return new Parsed<>(ForwardPath.POSTMASTER, text.substring(close + 1));
        }
        if (inner.isEmpty()) {
            throw new SmtpException(Replies.BAD_RECIPIENT_SYNTAX);
        }
        MailboxAddress mailbox = mailbox(inner, Replies.BAD_RECIPIENT_SYNTAX);
        return new Parsed<>(new ForwardPath(mailbox, !isAscii(inner)), text.substring(close + 1));
    }

    private static MailboxAddress mailbox(String inner, SmtpReply bad) {
        if (inner.startsWith("@")) {
            int colon = inner.indexOf(':');
            if (colon < 0) {
                throw new SmtpException(bad.withText("Source route without a mailbox"));
            }
            inner = inner.substring(colon + 1);
        }
        try {
            return MailboxAddress.parse(inner);
        } catch (AddressException e) {
            throw new SmtpException(bad.withText(bad.text() + ": " + e.getMessage()));
        }
    }

    /** The index of the '>' that ends the path, skipping quoted local parts; the text must start with '<'. */
    private static int closingBracket(String text, SmtpReply bad) {
        if (text.isEmpty() || text.charAt(0) != '<') {
            throw new SmtpException(bad.withText(bad.text() + ": the address must be in angle brackets"));
        }
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                if (text.substring(0, i + 1).getBytes(StandardCharsets.UTF_8).length > MAX_PATH_OCTETS) {
                    throw new SmtpException(bad.withText("Path too long"));
                }
                return i;
            }
        }
        throw new SmtpException(bad.withText(bad.text() + ": missing '>'"));
    }

    static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) > 0x7f) {
                return false;
            }
        }
        return true;
    }
}
