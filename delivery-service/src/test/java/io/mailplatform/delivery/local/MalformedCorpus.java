package io.mailplatform.delivery.local;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/** Generates malformed messages: broken MIME structure, bad encodings, junk bytes, missing and huge headers. */
final class MalformedCorpus {
    private MalformedCorpus() {
    }

    static Map<String, byte[]> generate() {
        Map<String, byte[]> corpus = new LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(20261122);
        String h = "From: a@example.org\r\nTo: b@example.org\r\nSubject: test\r\n";
        add(corpus, "no header at all", "just a body line\r\nand another\r\n");
        add(corpus, "empty header section", "\r\nbody after an empty header\r\n");
        add(corpus, "no blank line", h + "Date: today");
        add(corpus, "header line without colon", h + "this is not a header\r\n\r\nbody\r\n");
        add(corpus, "header name with space", "Sub ject: spaced\r\n" + h + "\r\nbody\r\n");
        add(corpus, "boundary never appears", h + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XYZ\"\r\n\r\n"
                + "no parts here\r\n");
        add(corpus, "unterminated multipart", h + "Content-Type: multipart/mixed; boundary=b1\r\n\r\n--b1\r\n"
                + "Content-Type: text/plain\r\n\r\npart one\r\n--b1\r\nContent-Type: text/plain\r\n\r\nno closing");
        add(corpus, "wrong inner boundary", h + "Content-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\n"
                + "Content-Type: multipart/alternative; boundary=inner\r\n\r\n--wrong\r\nx\r\n--outer--\r\n");
        add(corpus, "missing boundary parameter", h + "Content-Type: multipart/mixed\r\n\r\n--\r\nbody\r\n");
        add(corpus, "empty boundary", h + "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\nx\r\n----\r\n");
        add(corpus, "overlong boundary", h + "Content-Type: multipart/mixed; boundary=\"" + "b".repeat(200) + "   \"\r\n\r\n--"
                + "b".repeat(200) + "\r\n\r\npart\r\n--" + "b".repeat(200) + "--\r\n");
        add(corpus, "invalid base64", h + "Content-Transfer-Encoding: base64\r\n\r\n!!!not*base64@@@===\r\nSGVsbG8=x\r\n");
        add(corpus, "invalid quoted-printable", h + "Content-Transfer-Encoding: quoted-printable\r\n\r\n=ZZ=\r\n=4\r\n=\r\n");
        add(corpus, "unknown transfer encoding", h + "Content-Transfer-Encoding: x-uuencode-ish\r\n\r\nbegin 644\r\n");
        add(corpus, "unknown charset", h + "Content-Type: text/plain; charset=x-no-such-charset\r\n\r\n\u00e9t\u00e9\r\n");
        add(corpus, "broken encoded word", "Subject: =?utf-8?Q?broken=ZZ?= =?nonsense?B?@@@?= =?utf-8?B?\r\n\r\nx\r\n");
        add(corpus, "duplicate content type", h + "Content-Type: text/plain\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n"
                + "--z\r\nx\r\n--z--\r\n");
        add(corpus, "garbage date", h + "Date: the day after tomorrow, maybe\r\n\r\nx\r\n");
        add(corpus, "unbalanced address", "From: \"Unclosed <a@example.org\r\nTo: <<b@example.org>\r\nCc: ,,,@,\r\n\r\nx\r\n");
        add(corpus, "truncated message/rfc822", h + "Content-Type: message/rfc822\r\n\r\nSubject: inner\r\nContent-Type: multi");
        add(corpus, "bare LF line ends", "From: a@example.org\nSubject: lf\n\nline one\nline two\n");
        add(corpus, "bare CR line ends", "From: a@example.org\rSubject: cr\r\rbody\r");
        add(corpus, "mixed line ends", "From: a@example.org\r\nSubject: mixed\n\r\nbody\r\rmore\n");
        add(corpus, "no final line break", h + "\r\nbody without CRLF at the end");
        add(corpus, "only CRLF", "\r\n");
        add(corpus, "folded header starting the message", " continuation first\r\n" + h + "\r\nx\r\n");
        add(corpus, "ten thousand continuation lines", "Subject: start\r\n" + " more\r\n".repeat(10_000) + "\r\nx\r\n");
        add(corpus, "five thousand headers", "X-Many: value\r\n".repeat(5_000) + "\r\nx\r\n");
        add(corpus, "1 MB header line", "Subject: " + "x".repeat(1 << 20) + "\r\n" + h + "\r\nbody\r\n");
        StringBuilder nested = new StringBuilder(h);
        for (int depth = 0; depth < 100; depth++) {
            nested.append("Content-Type: multipart/mixed; boundary=d").append(depth).append("\r\n\r\n--d").append(depth)
                    .append("\r\n");
        }
        nested.append("\r\ndeepest\r\n");
        add(corpus, "hundred nested multiparts", nested.toString());

        corpus.put("8-bit junk in headers", concat(bytes("Subject: "), junk(random, 200, true), bytes("\r\nFrom: "),
                junk(random, 50, true), bytes("\r\n\r\nbody\r\n")));
        corpus.put("NUL bytes in header and body", concat(bytes("Subject: nul\0here\r\n\r\nbody\0\0with NULs\r\n")));
        corpus.put("invalid UTF-8 in header name", concat(new byte[] {(byte) 0xC3, (byte) 0x28, ':', ' ', 'x', '\r', '\n'},
                bytes(h + "\r\nx\r\n")));
        corpus.put("binary body without MIME", concat(bytes(h + "\r\n"), junk(random, 20_000, false)));
        corpus.put("random bytes", junk(random, 5_000, false));
        corpus.put("8-bit text part declared 7bit", concat(bytes(h + "Content-Transfer-Encoding: 7bit\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n"), "Grüße, ça va? ✉\r\n".getBytes(StandardCharsets.UTF_8)));
        return corpus;
    }

    private static void add(Map<String, byte[]> corpus, String name, String text) {
        corpus.put(name, text.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Random octets; for header junk without CR and LF so the junk stays inside the field. */
    private static byte[] junk(SplittableRandom random, int length, boolean noLineBreaks) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            byte b = (byte) random.nextInt(256);
            if (noLineBreaks && (b == '\r' || b == '\n')) {
                b = (byte) 0xFF;
            }
            out[i] = b;
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
