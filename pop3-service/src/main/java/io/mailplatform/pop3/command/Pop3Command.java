package io.mailplatform.pop3.command;

/**
 * Every POP3 command this server understands, as immutable records: RFC 1939 (USER, PASS, APOP,
 * STAT, LIST, RETR, DELE, NOOP, RSET, TOP, UIDL, QUIT), RFC 2449 (CAPA), RFC 2595 (STLS) and
 * RFC 5034 (AUTH). A null message number means the command was given without one.
 */
public sealed interface Pop3Command {

    /** The command's keyword, for messages. */
    String keyword();

    /** USER name (RFC 1939 §7). */
    record User(String name) implements Pop3Command {
        @Override
        public String keyword() {
            return "USER";
        }
    }

    /** PASS string (RFC 1939 §7); the argument may contain spaces. */
    record Pass(String password) implements Pop3Command {
        @Override
        public String keyword() {
            return "PASS";
        }

        @Override
        public String toString() {
            return "Pass[***]";
        }
    }

    /** APOP name digest (RFC 1939 §7). */
    record Apop(String name, String digest) implements Pop3Command {
        @Override
        public String keyword() {
            return "APOP";
        }
    }

    /**
     * AUTH [mechanism [initial-response]] (RFC 5034 §4). Without a mechanism the server lists its
     * mechanisms, as many clients expect; the initial response is null when not given.
     */
    record Auth(String mechanism, String initialResponse) implements Pop3Command {
        @Override
        public String keyword() {
            return "AUTH";
        }

        @Override
        public String toString() {
            return "Auth[" + mechanism + (initialResponse == null ? "" : ", ***") + "]";
        }
    }

    /** STLS (RFC 2595 §4). */
    record Stls() implements Pop3Command {
        @Override
        public String keyword() {
            return "STLS";
        }
    }

    /** CAPA (RFC 2449 §5). */
    record Capa() implements Pop3Command {
        @Override
        public String keyword() {
            return "CAPA";
        }
    }

    /** QUIT (RFC 1939 §5, §6). */
    record Quit() implements Pop3Command {
        @Override
        public String keyword() {
            return "QUIT";
        }
    }

    /** STAT (RFC 1939 §5). */
    record Stat() implements Pop3Command {
        @Override
        public String keyword() {
            return "STAT";
        }
    }

    /** LIST [msg] (RFC 1939 §5). */
    record List(MessageNumber message) implements Pop3Command {
        @Override
        public String keyword() {
            return "LIST";
        }
    }

    /** RETR msg (RFC 1939 §5). */
    record Retr(MessageNumber message) implements Pop3Command {
        @Override
        public String keyword() {
            return "RETR";
        }
    }

    /** DELE msg (RFC 1939 §5). */
    record Dele(MessageNumber message) implements Pop3Command {
        @Override
        public String keyword() {
            return "DELE";
        }
    }

    /** NOOP (RFC 1939 §5). */
    record Noop() implements Pop3Command {
        @Override
        public String keyword() {
            return "NOOP";
        }
    }

    /** RSET (RFC 1939 §5). */
    record Rset() implements Pop3Command {
        @Override
        public String keyword() {
            return "RSET";
        }
    }

    /** TOP msg n (RFC 1939 §7): the header, the blank line and n lines of the body. */
    record Top(MessageNumber message, int lines) implements Pop3Command {
        @Override
        public String keyword() {
            return "TOP";
        }
    }

    /** UIDL [msg] (RFC 1939 §7). */
    record Uidl(MessageNumber message) implements Pop3Command {
        @Override
        public String keyword() {
            return "UIDL";
        }
    }
}
