package io.mailplatform.pop3.command;

import java.util.Locale;

/**
 * Every POP3 command this server understands, as immutable records: RFC 1939 (USER, PASS, APOP,
 * STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL, QUIT), RFC 2449 (CAPA), RFC 2595 (STLS) and
 * RFC 5034 (AUTH). A null message number means the command was given without one.
 */
public sealed interface Pop3Command {

    /** The command's keyword, for messages: each record is named after its keyword. */
    default String keyword() {
        return getClass().getSimpleName().toUpperCase(Locale.ROOT);
    }

    /** USER name (RFC 1939 §7). */
    record User(String name) implements Pop3Command {
    }

    /** PASS string (RFC 1939 §7); the argument may contain spaces. */
    record Pass(String password) implements Pop3Command {
        @Override
        public String toString() {
            return "Pass[***]";
        }
    }

    /** APOP name digest (RFC 1939 §7). */
    record Apop(String name, String digest) implements Pop3Command {
    }

    /**
     * AUTH [mechanism [initial-response]] (RFC 5034 §4). Without a mechanism the server lists its
     * mechanisms, as many clients expect; the initial response is null when not given.
     */
    record Auth(String mechanism, String initialResponse) implements Pop3Command {
        @Override
        public String toString() {
            return "Auth[" + mechanism + (initialResponse == null ? "" : ", ***") + "]";
        }
    }

    /** STLS (RFC 2595 §4). */
    record Stls() implements Pop3Command {
    }

    /** CAPA (RFC 2449 §5). */
    record Capa() implements Pop3Command {
    }

    /** QUIT (RFC 1939 §5, §6). */
    record Quit() implements Pop3Command {
    }

    /** STAT (RFC 1939 §5). */
    record Stat() implements Pop3Command {
    }

    /** LIST [msg] (RFC 1939 §5). */
    record List(MessageNumber message) implements Pop3Command {
    }

    /** RETR msg (RFC 1939 §5). */
    record Retr(MessageNumber message) implements Pop3Command {
    }

    /** DELE msg (RFC 1939 §5). */
    record Dele(MessageNumber message) implements Pop3Command {
    }

    /** NOOP (RFC 1939 §5). */
    record Noop() implements Pop3Command {
    }

    /** RSET (RFC 1939 §5). */
    record Rset() implements Pop3Command {
    }

    /** TOP msg n (RFC 1939 §7): the header, the blank line and n lines of the body. */
    record Top(MessageNumber message, int lines) implements Pop3Command {
    }

    /** UIDL [msg] (RFC 1939 §7). */
    record Uidl(MessageNumber message) implements Pop3Command {
    }
}
