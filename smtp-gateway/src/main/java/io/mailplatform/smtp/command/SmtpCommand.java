package io.mailplatform.smtp.command;

/**
 * The commands of the gateway, one record each (RFC 5321 §4.1.1 and the extensions it
 * advertises). Produced by {@link io.mailplatform.smtp.parse.SmtpCommandParser}, consumed by the
 * session's processors; pure data.
 */
public sealed interface SmtpCommand {

    /** The verb as the client must spell it (case-insensitively). */
    String verb();

    /** RFC 5321 §4.1.1.1; {@code domain} is the client's own name or address literal, as sent. */
    record Ehlo(String domain) implements SmtpCommand {
        public String verb() {
            return "EHLO";
        }
    }

    record Helo(String domain) implements SmtpCommand {
        public String verb() {
            return "HELO";
        }
    }

    /** RFC 5321 §4.1.1.2 with the parameters of SIZE, 8BITMIME/BINARYMIME, SMTPUTF8, DSN and AUTH. */
    record MailFrom(ReversePath path, MailParameters parameters) implements SmtpCommand {
        public String verb() {
            return "MAIL";
        }
    }

    /** RFC 5321 §4.1.1.3 with the DSN parameters NOTIFY and ORCPT. */
    record RcptTo(ForwardPath path, RcptParameters parameters) implements SmtpCommand {
        public String verb() {
            return "RCPT";
        }
    }

    record Data() implements SmtpCommand {
        public String verb() {
            return "DATA";
        }
    }

    /** RFC 3030 §2: a chunk of {@code size} octets follows the command line; {@code last} ends the message. */
    record Bdat(long size, boolean last) implements SmtpCommand {
        public String verb() {
            return "BDAT";
        }
    }

    record Rset() implements SmtpCommand {
        public String verb() {
            return "RSET";
        }
    }

    record Noop() implements SmtpCommand {
        public String verb() {
            return "NOOP";
        }
    }

    record Quit() implements SmtpCommand {
        public String verb() {
            return "QUIT";
        }
    }

    /** RFC 3207. */
    record StartTls() implements SmtpCommand {
        public String verb() {
            return "STARTTLS";
        }
    }

    /** RFC 4954 §4; {@code initialResponse} is the base64 text, "=" for an empty one, or null. */
    /** AUTH; {@link #toString()} never shows the initial response, which carries credentials. */
    record Auth(String mechanism, String initialResponse) implements SmtpCommand {
        public String verb() {
            return "AUTH";
        }

        @Override
        public String toString() {
            return "Auth[" + mechanism + (initialResponse == null ? "" : ", ***") + "]";
        }
    }

    record Vrfy(String argument) implements SmtpCommand {
        public String verb() {
            return "VRFY";
        }
    }

    record Expn(String argument) implements SmtpCommand {
        public String verb() {
            return "EXPN";
        }
    }

    /** {@code topic} may be null. */
    record Help(String topic) implements SmtpCommand {
        public String verb() {
            return "HELP";
        }
    }
}
