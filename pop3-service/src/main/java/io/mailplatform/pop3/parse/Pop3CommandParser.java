package io.mailplatform.pop3.parse;

import io.mailplatform.core.auth.ApopDigest;
import io.mailplatform.pop3.command.Pop3Command;
import io.mailplatform.pop3.response.Replies;
import java.util.Locale;
import java.util.Map;

/**
 * Turns one command line (without its CRLF) into a {@link Pop3Command}: a pure function, one
 * argument parser per keyword in a single table. Keywords are case-insensitive (RFC 1939 §3).
 */
public final class Pop3CommandParser {

    @FunctionalInterface
    private interface ArgumentParser {
        Pop3Command parse(Pop3Arguments arguments) throws Pop3SyntaxException;
    }

    private static final Pop3Command STLS = new Pop3Command.Stls();
    private static final Pop3Command CAPA = new Pop3Command.Capa();
    private static final Pop3Command QUIT = new Pop3Command.Quit();
    private static final Pop3Command STAT = new Pop3Command.Stat();
    private static final Pop3Command NOOP = new Pop3Command.Noop();
    private static final Pop3Command RSET = new Pop3Command.Rset();

    private static final Map<String, ArgumentParser> PARSERS = Map.ofEntries(
            // AUTHORIZATION state (RFC 1939 §4, §7; RFC 2595; RFC 5034)
            Map.entry("USER", a -> ended(a, new Pop3Command.User(a.word("a mailbox name")))),
            Map.entry("PASS", a -> new Pop3Command.Pass(a.rest("a password"))),
            Map.entry("APOP", Pop3CommandParser::apop),
            Map.entry("AUTH", Pop3CommandParser::auth),
            Map.entry("STLS", a -> ended(a, STLS)),
            // any state
            Map.entry("CAPA", a -> ended(a, CAPA)),
            Map.entry("QUIT", a -> ended(a, QUIT)),
            // TRANSACTION state (RFC 1939 §5, §7)
            Map.entry("STAT", a -> ended(a, STAT)),
            Map.entry("LIST", a -> ended(a, new Pop3Command.List(a.optionalMessageNumber()))),
            Map.entry("RETR", a -> ended(a, new Pop3Command.Retr(a.messageNumber()))),
            Map.entry("DELE", a -> ended(a, new Pop3Command.Dele(a.messageNumber()))),
            Map.entry("NOOP", a -> ended(a, NOOP)),
            Map.entry("RSET", a -> ended(a, RSET)),
            Map.entry("TOP", a -> ended(a, new Pop3Command.Top(a.messageNumber(), a.number("a line count")))),
            Map.entry("UIDL", a -> ended(a, new Pop3Command.Uidl(a.optionalMessageNumber()))));

    public Pop3Command parse(String line) throws Pop3SyntaxException {
        if (line.isBlank()) {
            throw new Pop3SyntaxException(Replies.EMPTY_COMMAND);
        }
        int space = line.indexOf(' ');
        String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
        ArgumentParser parser = PARSERS.get(keyword);
        if (parser == null) {
            throw new Pop3SyntaxException(Replies.UNKNOWN_COMMAND);
        }
        return parser.parse(new Pop3Arguments(keyword, space < 0 ? "" : line.substring(space + 1)));
    }

    private static Pop3Command ended(Pop3Arguments arguments, Pop3Command command) throws Pop3SyntaxException {
        arguments.end();
        return command;
    }

    private static Pop3Command apop(Pop3Arguments arguments) throws Pop3SyntaxException {
        String name = arguments.word("a mailbox name and a digest");
        String digest = arguments.word("a digest");
        arguments.end();
        if (!ApopDigest.isWellFormed(digest)) {
            throw new Pop3SyntaxException("The APOP digest must be 32 hexadecimal digits");
        }
        return new Pop3Command.Apop(name, digest);
    }

    private static Pop3Command auth(Pop3Arguments arguments) throws Pop3SyntaxException {
        String mechanism = arguments.optionalWord();
        String initialResponse = mechanism == null ? null : arguments.optionalWord();
        arguments.end();
        return new Pop3Command.Auth(mechanism == null ? null : mechanism.toUpperCase(Locale.ROOT), initialResponse);
    }
}
