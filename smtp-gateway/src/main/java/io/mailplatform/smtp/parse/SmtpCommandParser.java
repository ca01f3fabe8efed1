package io.mailplatform.smtp.parse;

import io.mailplatform.smtp.command.ForwardPath;
import io.mailplatform.smtp.command.ReversePath;
import io.mailplatform.smtp.command.SmtpCommand;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpException;
import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Turns one command line (without its CRLF) into a {@link SmtpCommand}, or throws
 * {@link SmtpException} with the reply: {@code 500 5.5.1} for an unknown verb, {@code 500 5.5.2}
 * for a line that is not a command at all, {@code 501} for bad arguments, {@code 500 5.5.6} for a
 * line over the limit of its verb. No I/O and no session state: one instance can serve every session.
 */
public final class SmtpCommandParser {
    /** RFC 5321 §4.5.3.1.4: a command line is at most 512 octets including the CRLF. */
    public static final int MAX_COMMAND_LINE = 512;
    /**
     * MAIL and RCPT carry extension parameters (SIZE, BODY, SMTPUTF8, RET, ENVID, NOTIFY, ORCPT, AUTH):
     * RFC 5321 §4.5.3.1.4 lets extensions raise the limit, and RFC 1870/3461 do. 512 more octets cover them.
     */
    public static final int MAX_PARAMETER_LINE = 1024;
    /** RFC 4954 §4: AUTH lines (and SASL responses) may be up to 12288 octets. */
    public static final int MAX_AUTH_LINE = 12288;

    private static final Map<String, Function<String, SmtpCommand>> VERBS = Map.ofEntries(
            Map.entry("EHLO", argument -> new SmtpCommand.Ehlo(domain(argument))),
            Map.entry("HELO", argument -> new SmtpCommand.Helo(domain(argument))),
            Map.entry("MAIL", SmtpCommandParser::mailFrom),
            Map.entry("RCPT", SmtpCommandParser::rcptTo),
            Map.entry("DATA", argument -> none(argument, new SmtpCommand.Data())),
            Map.entry("BDAT", SmtpCommandParser::bdat),
            Map.entry("RSET", argument -> none(argument, new SmtpCommand.Rset())),
            Map.entry("NOOP", argument -> new SmtpCommand.Noop()), // RFC 5321 §4.1.1.9: an argument is ignored
            Map.entry("QUIT", argument -> none(argument, new SmtpCommand.Quit())),
            Map.entry("STARTTLS", argument -> none(argument, new SmtpCommand.StartTls())),
            Map.entry("AUTH", SmtpCommandParser::auth),
            Map.entry("VRFY", argument -> new SmtpCommand.Vrfy(required(argument))),
            Map.entry("EXPN", argument -> new SmtpCommand.Expn(required(argument))),
            Map.entry("HELP", argument -> new SmtpCommand.Help(argument.isEmpty() ? null : argument)));

    private SmtpCommandParser() {
    }

    /** Parses a command line as received (UTF-8 is allowed for SMTPUTF8 addresses, RFC 6531 §3.3). */
    public static SmtpCommand parse(ByteBuf line) {
        String text = decode(line);
        int octets = line.readableBytes() + 2;
        String verb = verb(text);
        int limit = switch (verb) {
            case "MAIL", "RCPT" -> MAX_PARAMETER_LINE;
            case "AUTH" -> MAX_AUTH_LINE;
            default -> MAX_COMMAND_LINE;
        };
        if (octets > limit) {
            throw new SmtpException(Replies.LINE_TOO_LONG);
        }
        return parse(text, verb);
    }

    /** Parses a command line given as text. */
    public static SmtpCommand parse(String line) {
        return parse(line, verb(line));
    }

    private static SmtpCommand parse(String line, String verb) {
        Function<String, SmtpCommand> parser = VERBS.get(verb);
        if (parser == null) {
            throw new SmtpException(verb.isEmpty() ? Replies.SYNTAX_ERROR : Replies.UNRECOGNIZED);
        }
        String argument = line.length() > verb.length() ? line.substring(verb.length() + 1) : "";
        return parser.apply(argument);
    }

    /** The upper-cased verb: letters up to the first space; "" when the line does not start with one. */
    private static String verb(String line) {
        int end = line.indexOf(' ');
        String verb = end < 0 ? line : line.substring(0, end);
        if (verb.isEmpty() || verb.length() > 10) {
            return "";
        }
        for (int i = 0; i < verb.length(); i++) {
            char c = verb.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'))) {
                return "";
            }
        }
        return verb.toUpperCase(Locale.ROOT);
    }

    /** Decodes a line strictly: ASCII fast path, otherwise UTF-8 with malformed input refused. */
    static String decode(ByteBuf line) {
        int length = line.readableBytes();
        int start = line.readerIndex();
        boolean ascii = true;
        for (int i = 0; i < length; i++) {
            byte b = line.getByte(start + i);
            if ((b >= 0 && b < 0x20 && b != '\t') || b == 0x7f) {
                throw new SmtpException(Replies.SYNTAX_ERROR.withText("Control characters are not allowed in commands"));
            }
            if (b < 0) {
                ascii = false;
            }
        }
        if (ascii) {
            return line.toString(start, length, StandardCharsets.US_ASCII);
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer bytes = line.nioBuffer(start, length);
            return decoder.decode(bytes).toString();
        } catch (CharacterCodingException e) {
            throw new SmtpException(Replies.SYNTAX_ERROR.withText("Invalid UTF-8 in command"));
        }
    }

    /** EHLO/HELO take the client's name; it is recorded, not judged (RFC 5321 §4.1.4: no refusal for a mismatch). */
    private static String domain(String argument) {
        String domain = argument.strip();
        if (domain.isEmpty()) {
            throw new SmtpException(Replies.ARGUMENT_SYNTAX.withText("Domain or address literal required"));
        }
        int space = domain.indexOf(' ');
        return space < 0 ? domain : domain.substring(0, space);
    }

    private static SmtpCommand mailFrom(String argument) {
        String path = prefixed(argument, "FROM:");
        PathParser.Parsed<ReversePath> parsed = PathParser.reversePath(path);
        return new SmtpCommand.MailFrom(parsed.path(), EsmtpParameterParser.mail(parsed.rest()));
    }

    private static SmtpCommand rcptTo(String argument) {
        String path = prefixed(argument, "TO:");
        PathParser.Parsed<ForwardPath> parsed = PathParser.forwardPath(path);
        return new SmtpCommand.RcptTo(parsed.path(), EsmtpParameterParser.rcpt(parsed.rest()));
    }

    /**
     * The text after {@code FROM:} / {@code TO:}. RFC 5321 allows no space after the colon, but
     * several popular clients send one ({@code MAIL FROM: <a@b>}); like Postfix and Exim, we accept it.
     */
    private static String prefixed(String argument, String prefix) {
        if (!argument.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new SmtpException(Replies.ARGUMENT_SYNTAX.withText("Syntax: " + (prefix.equals("TO:")
                    ? "RCPT TO:<address>" : "MAIL FROM:<address>")));
        }
        return argument.substring(prefix.length()).stripLeading();
    }

    /** RFC 3030 §2: {@code "BDAT" SP chunk-size [ SP end-marker ]}. */
    private static SmtpCommand bdat(String argument) {
        BdatLine line = BdatLine.parse(argument);
        if (line == null) {
            throw new SmtpException(Replies.ARGUMENT_SYNTAX.withText("Syntax: BDAT <size> [LAST]"));
        }
        return new SmtpCommand.Bdat(line.size(), line.last());
    }

    /** RFC 4954 §4: {@code "AUTH" SP sasl-mech [SP initial-response]}. */
    private static SmtpCommand auth(String argument) {
        String[] parts = argument.strip().split(" ", -1);
        String mechanism = parts[0].toUpperCase(Locale.ROOT);
        if (mechanism.isEmpty() || mechanism.length() > 20 || parts.length > 2 || !mechanism.matches("[A-Z0-9_-]+")) {
            throw new SmtpException(Replies.ARGUMENT_SYNTAX.withText("Syntax: AUTH <mechanism> [initial-response]"));
        }
        return new SmtpCommand.Auth(mechanism, parts.length == 2 ? parts[1] : null);
    }

    private static String required(String argument) {
        if (argument.isBlank()) {
            throw new SmtpException(Replies.ARGUMENT_SYNTAX.withText("Argument required"));
        }
        return argument.strip();
    }

    private static SmtpCommand none(String argument, SmtpCommand command) {
        if (!argument.isBlank()) {
            throw new SmtpException(Replies.ARGUMENT_SYNTAX.withText("No parameters allowed"));
        }
        return command;
    }
}
