package io.mailplatform.testsupport.mime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * A corpus of malformed and hostile messages, generated (nothing is checked in as data), each with
 * a stable name. The platform must store every one byte-exact with a best-effort summary: never an
 * exception, a hang, unbounded memory or a lost message. Parser tests run all of them; delivery
 * tests send them through the whole pipeline.
 *
 * <p>All content is deterministic (random cases use fixed seeds), so a failure names a case that
 * can be reproduced with {@link #named(String)}.
 */
public final class MalformedMessages {

    /**
     * One case.
     *
     * @param name a stable, unique, kebab-case name
     * @param description what is wrong with it
     * @param content the raw message bytes
     */
    public record Case(String name, String description, byte[] content) {
        @Override
        public String toString() {
            return name + " (" + content.length + " octets)";
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Case c && c.name.equals(name) && Arrays.equals(c.content, content);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }
    }

    private static final String HEADER = "From: Alice <alice@example.org>\r\nTo: bob@example.test\r\n"
            + "Subject: malformed\r\nDate: Tue, 5 Mar 2024 10:00:00 +0100\r\nMessage-ID: <m@example.org>\r\n"
            + "MIME-Version: 1.0\r\n";

    private MalformedMessages() {
    }

    /** Every case, in a fixed order. */
    public static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        // ---- framing: empty, truncated, line ends ------------------------------------------------
        add(cases, "empty", "zero octets", new byte[0]);
        add(cases, "header-without-line-break", "a single header line, no CRLF, no body", "Subject: x");
        add(cases, "no-header", "starts with the blank line: body only", "\r\nJust a body\r\n");
        add(cases, "no-blank-line", "lines without colons and no blank line: header and body run together",
                "This is not a header\r\nNeither is this\r\n");
        add(cases, "bare-lf", "every line ends in a bare LF, multipart included",
                (HEADER + "Content-Type: multipart/mixed; boundary=lf\r\n\r\n--lf\r\nContent-Type: text/plain\r\n\r\n"
                        + "one\r\n--lf\r\n\r\ntwo\r\n--lf--\r\n").replace("\r\n", "\n"));
        add(cases, "mixed-line-ends", "CRLF, LF and bare CR mixed",
                "From: a@b.example\nSubject: mixed\r\nTo: c@d.example\r\r\nContent-Type: text/plain\n\r\nbody\rmore\n");
        add(cases, "bare-cr", "only bare CR line ends (no LF at all): one giant header line",
                (HEADER + "\r\nbody line\r\n").replace("\r\n", "\r"));
        add(cases, "truncated-in-header", "cut in the middle of a header field of a part",
                HEADER + "Content-Type: multipart/mixed; boundary=t\r\n\r\n--t\r\nContent-Type: text/pl");
        add(cases, "truncated-in-base64", "cut in the middle of a base64 attachment, no close delimiter",
                HEADER + "Content-Type: multipart/mixed; boundary=t\r\n\r\n--t\r\nContent-Type: image/png\r\n"
                        + "Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAf");
        add(cases, "delimiter-at-end-of-data", "close delimiter without a line break, nothing after it",
                HEADER + "Content-Type: multipart/mixed; boundary=e\r\n\r\n--e\r\n\r\nlast\r\n--e--");
        // ---- header junk ---------------------------------------------------------------------------
        add(cases, "header-line-1mib", "a Subject of one MiB on one line",
                "From: a@b.example\r\nSubject: " + "x".repeat(1 << 20) + "\r\n\r\nbody\r\n");
        add(cases, "folded-header-1mib", "a To field of one MiB folded over many lines",
                "From: a@b.example\r\nTo: " + "someone@example.org,\r\n ".repeat((1 << 20) / 24) + "last@example.org\r\n\r\nbody\r\n");
        add(cases, "eight-bit-header-junk", "ISO-8859-1 octets in Subject, From and a display name",
                latin1("From: J\u00fcrgen M\u00fcller <j@example.org>\r\nSubject: Gr\u00fc\u00dfe \u00e0 tous\r\n"
                        + "To: bob@example.test\r\n\r\nbody\r\n"));
        add(cases, "invalid-utf8-header", "broken UTF-8 sequences (lone continuation, overlong, truncated)",
                concat(ascii("Subject: bad "), new byte[] {(byte) 0x80, (byte) 0xc0, (byte) 0xaf, (byte) 0xe2, (byte) 0x82},
                        ascii("\r\nFrom: a@b.example\r\n\r\nbody\r\n")));
        add(cases, "nul-octets", "NUL octets in header values and body text",
                "From: a\u0000b@example.org\r\nSubject: nul\u0000here\r\n\r\ntext\u0000with nul\r\n");
        add(cases, "control-characters", "C0 controls and DEL in header names and values",
                "Subj\u0001ect: ctl\r\nX-\u007f: del\r\nFrom: a@b.example\u0007\r\n\r\nbody\u001b[0m\r\n");
        add(cases, "whitespace-before-colon", "obsolete blanks between field name and colon",
                "Subject  : spaced\r\nFrom\t: a@b.example\r\nContent-Type : text/plain; charset=utf-8\r\n\r\nbody\r\n");
        add(cases, "continuation-first", "the message starts with a folded continuation line",
                " continued\r\nSubject: after\r\n\r\nbody\r\n");
        add(cases, "duplicate-fields", "two Subjects, Froms and Content-Types (first one counts)",
                "Subject: first\r\nSubject: second\r\nFrom: a@b.example\r\nFrom: c@d.example\r\n"
                        + "Content-Type: text/html\r\nContent-Type: multipart/mixed; boundary=x\r\n\r\n<p>hi</p>\r\n");
        add(cases, "mbox-from-line", "an mbox From_ line before the header",
                "From alice@example.org Tue Mar  5 10:00:00 2024\r\n" + HEADER + "\r\nbody\r\n");
        add(cases, "missing-headers", "no From, no Date, no Subject, nothing but a body after a blank line",
                "X-Nothing: here\r\n\r\nbody\r\n");
        add(cases, "broken-encoded-words", "RFC 2047 words with unknown charset, bad base64, bad Q, no end",
                "Subject: =?x-klingon?B?AAAA?= =?UTF-8?B?####?= =?UTF-8?Q?=ZZ=?= =?UTF-8?B?R3LDvMOfZQ\r\n"
                        + "From: =?UTF-8?Q?unterminated <a@b.example>\r\n\r\nbody\r\n");
        add(cases, "garbage-addresses", "address lists of separators, brackets and stray groups",
                "From: ,,, <<>> @@ ;;; : \"unterminated <a@b\r\nTo: (unclosed comment <c@d.example\r\n"
                        + "Cc: group: a@b, (x) ;; extra: ;, <@route,@r2:x@y>, noat, @nolocal, local@\r\n"
                        + "Bcc: >>>><<<<\r\nReply-To: ;\r\nSender:\r\n\r\nbody\r\n");
        add(cases, "huge-address-list", "To with 20,000 addresses",
                "From: a@b.example\r\nTo: " + String.join(", ", repeat("user@example.org", 20_000)) + "\r\n\r\nbody\r\n");
        add(cases, "bad-dates", "a Date that is not one",
                "Date: 31 Feb 2024 25:61:99 +9999\r\nFrom: a@b.example\r\n\r\nbody\r\n");
        // ---- MIME structure ------------------------------------------------------------------------
        add(cases, "multipart-without-boundary", "multipart/mixed without a boundary parameter",
                HEADER + "Content-Type: multipart/mixed\r\n\r\n--x\r\n\r\ntext\r\n--x--\r\n");
        add(cases, "empty-boundary", "boundary=\"\"",
                HEADER + "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n\r\ntext\r\n----\r\n");
        add(cases, "boundary-never-used", "a boundary that no delimiter line uses",
                HEADER + "Content-Type: multipart/mixed; boundary=unused\r\n\r\n--other\r\n\r\ntext\r\n--other--\r\n");
        add(cases, "missing-close-delimiter", "parts but no close delimiter",
                HEADER + "Content-Type: multipart/mixed; boundary=m\r\n\r\n--m\r\n\r\none\r\n--m\r\n\r\ntwo\r\n");
        add(cases, "close-delimiter-only", "a close delimiter and no part",
                HEADER + "Content-Type: multipart/mixed; boundary=c\r\n\r\npreamble\r\n--c--\r\nepilogue\r\n");
        add(cases, "boundary-in-quoted-string", "boundary=... inside another parameter's quoted string",
                HEADER + "Content-Type: multipart/mixed; x=\"a; boundary=wrong\"; boundary=\"right;one\"\r\n\r\n"
                        + "--wrong\r\n\r\nnot a part\r\n--right;one\r\n\r\nthe part\r\n--right;one--\r\n");
        add(cases, "boundary-prefix-nesting", "the inner boundary starts with the outer one",
                HEADER + "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n"
                        + "Content-Type: multipart/alternative; boundary=b2\r\n\r\n--b2\r\n\r\ninner\r\n--b2--\r\n"
                        + "--b\r\n\r\nouter\r\n--b--\r\n");
        add(cases, "same-boundary-nested", "a nested multipart reuses its parent's boundary",
                HEADER + "Content-Type: multipart/mixed; boundary=s\r\n\r\n--s\r\n"
                        + "Content-Type: multipart/mixed; boundary=s\r\n\r\n--s\r\n\r\ninner\r\n--s--\r\n--s--\r\n");
        add(cases, "outer-boundary-ends-inner", "an inner multipart without close delimiter ended by the outer one",
                HEADER + "Content-Type: multipart/mixed; boundary=o\r\n\r\n--o\r\n"
                        + "Content-Type: multipart/mixed; boundary=i\r\n\r\n--i\r\n\r\nin\r\n--o\r\n\r\nafter\r\n--o--\r\n");
        add(cases, "boundary-10kib", "a boundary of 10 KiB",
                boundaryMessage("B".repeat(10 * 1024)));
        add(cases, "deep-multipart-nesting", "300 nested multiparts", deepMultipart(300));
        add(cases, "deep-message-nesting", "300 nested message/rfc822", deepMessage(300));
        add(cases, "many-parts", "50,000 empty parts", manyParts(50_000));
        add(cases, "invalid-content-types", "Content-Type values that are not media types",
                HEADER + "Content-Type: multipart/mixed; boundary=v\r\n\r\n--v\r\nContent-Type: text\r\n\r\na\r\n"
                        + "--v\r\nContent-Type: /\r\n\r\nb\r\n--v\r\nContent-Type: ;;;\r\n\r\nc\r\n"
                        + "--v\r\nContent-Type: \"text/plain\"\r\n\r\nd\r\n--v\r\nContent-Type:\r\n\r\ne\r\n--v--\r\n");
        add(cases, "parameter-flood", "10,000 Content-Type parameters",
                HEADER + "Content-Type: text/plain" + "; p=v".repeat(10_000) + "\r\n\r\nbody\r\n");
        add(cases, "rfc2231-broken", "RFC 2231 sections out of order, gaps, huge numbers, bad percent escapes",
                HEADER + "Content-Type: application/pdf; name*2=c; name*0*=utf-8''%E2%8; name*99999999=x;"
                        + " name*1*=%ZZ%; title*=no-quotes-at-all; n*=''\r\nContent-Disposition: attachment;"
                        + " filename*0*=x-unknown'en'%FF%FE; filename*1=\"tail\"\r\n\r\n%PDF\r\n");
        add(cases, "unterminated-quotes-and-comments", "MIME fields with unterminated quoted strings and comments",
                HEADER + "Content-Type: text/plain (comment; charset=\"utf-8\r\nContent-Disposition: attachment;"
                        + " filename=\"open\r\nContent-Language: (en, de\r\n\r\nbody\r\n");
        add(cases, "unknown-charset", "text in a charset nobody knows, and one with an illegal name",
                HEADER + "Content-Type: multipart/mixed; boundary=u\r\n\r\n--u\r\nContent-Type: text/plain; charset=x-klingon\r\n\r\n"
                        + "nuqneH\r\n--u\r\nContent-Type: text/plain; charset=\"bad name!\"\r\n\r\nqapla'\r\n--u--\r\n");
        add(cases, "bad-base64", "base64 with junk, wrong padding, and a line of padding",
                HEADER + "Content-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + "SGVsbG8*gd29y!bGQ\r\n====\r\nSGk=SGk=\r\n\u00ff\u00fe\r\n");
        add(cases, "bad-quoted-printable", "invalid escapes, '=' at the end, lower-case hex, 2 KiB lines",
                HEADER + "Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
                        + "=ZZ =4 =e9t=C3=A9 " + "y".repeat(2048) + "\r\ntrailing   \r\nend=");
        add(cases, "unknown-transfer-encoding", "x-uuencode and an invented encoding",
                HEADER + "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\n"
                        + "begin 644 f\r\n#86)C\r\nend\r\n--x\r\nContent-Transfer-Encoding: rot13 (really)\r\n\r\nbar\r\n--x--\r\n");
        add(cases, "encoded-message-rfc822", "message/rfc822 in base64 (forbidden by RFC 2046 §5.2.1)",
                HEADER + "Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                        + "U3ViamVjdDogaW5uZXINCg0KYm9keQ0K\r\n");
        add(cases, "empty-message-rfc822", "message/rfc822 part with an empty body",
                HEADER + "Content-Type: multipart/mixed; boundary=e\r\n\r\n--e\r\nContent-Type: message/rfc822\r\n\r\n--e--\r\n");
        add(cases, "broken-digest", "multipart/digest whose parts are not messages",
                HEADER + "Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\njust text\r\n--d\r\n"
                        + "Content-Type: text/plain\r\n\r\nexplicit\r\n--d--\r\n");
        add(cases, "html-junk", "text/html with unclosed tags, comments and scripts, and lone entities",
                HEADER + "Content-Type: text/html\r\n\r\n<p>hi <b>there<!-- never closed <script>alert(1)"
                        + " &amp &#99999999; &#x; <style>x{}</style\r\n");
        add(cases, "body-line-1mib", "a text body that is one line of one MiB",
                HEADER + "Content-Type: text/plain\r\n\r\n" + "word ".repeat((1 << 20) / 5) + "\r\n");
        add(cases, "random-octets", "64 KiB of seeded random octets", randomOctets(64 * 1024, 7));
        add(cases, "random-mime-soup", "random header and delimiter lines, seeded", mimeSoup(2_000, 11));
        return cases;
    }

    /** The case with this name. */
    public static Case named(String name) {
        return all().stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new NoSuchElementException(name));
    }

    // ---- generators ----------------------------------------------------------------------------

    private static String boundaryMessage(String boundary) {
        return HEADER + "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n--" + boundary
                + "\r\n\r\ntext\r\n--" + boundary + "--\r\n";
    }

    private static String deepMultipart(int depth) {
        StringBuilder out = new StringBuilder(HEADER);
        for (int i = 0; i < depth; i++) {
            out.append("Content-Type: multipart/mixed; boundary=d").append(i).append("\r\n\r\n--d").append(i).append("\r\n");
        }
        out.append("Content-Type: text/plain\r\n\r\ndeepest\r\n");
        for (int i = depth - 1; i >= 0; i--) {
            out.append("--d").append(i).append("--\r\n");
        }
        return out.toString();
    }

    private static String deepMessage(int depth) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < depth; i++) {
            out.append("Subject: level ").append(i).append("\r\nContent-Type: message/rfc822\r\n\r\n");
        }
        return out.append("Subject: deepest\r\n\r\nbody\r\n").toString();
    }

    private static String manyParts(int count) {
        StringBuilder out = new StringBuilder(HEADER).append("Content-Type: multipart/mixed; boundary=p\r\n\r\n");
        for (int i = 0; i < count; i++) {
            out.append("--p\r\n\r\n");
        }
        return out.append("--p--\r\n").toString();
    }

    private static byte[] randomOctets(int size, long seed) {
        byte[] bytes = new byte[size];
        new SplittableRandom(seed).nextBytes(bytes);
        return bytes;
    }

    /** Lines drawn from MIME fragments, so the parser meets many half-structures. */
    private static String mimeSoup(int lines, long seed) {
        String[] fragments = {"Content-Type: multipart/mixed; boundary=a", "Content-Type: multipart/digest; boundary=b",
            "Content-Type: message/rfc822", "Content-Type: text/html; charset=utf-8", "--a", "--a--", "--b", "--b--",
            "", "", "Content-Transfer-Encoding: base64", "Content-Transfer-Encoding: quoted-printable", "SGVsbG8=",
            "=E9t=", "<p>x</p>", "Subject: =?UTF-8?B?eA==?=", "From: a@b, (c", " folded", "\t", "plain text"};
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            out.append(fragments[random.nextInt(fragments.length)]).append(random.nextInt(8) == 0 ? "\n" : "\r\n");
        }
        return out.toString();
    }

    private static List<String> repeat(String value, int count) {
        List<String> values = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            values.add(value);
        }
        return values;
    }

    private static void add(List<Case> cases, String name, String description, String content) {
        add(cases, name, description, content.getBytes(StandardCharsets.UTF_8));
    }

    private static void add(List<Case> cases, String name, String description, byte[] content) {
        cases.add(new Case(name, description, content));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[]... pieces) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] piece : pieces) {
            out.writeBytes(piece);
        }
        return out.toByteArray();
    }
}
