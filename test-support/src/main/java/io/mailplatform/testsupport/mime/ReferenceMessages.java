package io.mailplatform.testsupport.mime;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Well-formed messages with known structure, for parser, store, IMAP and delivery tests and for
 * benchmarks. Line ends are CRLF throughout.
 */
public final class ReferenceMessages {
    private ReferenceMessages() {
    }

    /**
     * message/rfc822 inside multipart/mixed inside multipart/alternative (the BODYSTRUCTURE case of
     * the IMAP issue):
     * <pre>
     * multipart/alternative              (root)
     *   1   text/plain                   "Plain version"
     *   2   multipart/mixed
     *   2.1   text/html                  "&lt;p&gt;HTML version&lt;/p&gt;"
     *   2.2   message/rfc822             Subject "Inner message"
     *   2.2.1   text/plain               "Inner text"
     *   2.2.2   application/pdf          base64 "JVBERi0xLjQK" (= "%PDF-1.4\n"), attachment doc.pdf
     * </pre>
     */
    public static byte[] nestedAlternative() {
        return crlf("""
                From: Alice Example <alice@example.org>
                To: Bob <bob@example.test>
                Subject: Nested
                Date: Wed, 6 Mar 2024 08:30:00 +0000
                Message-ID: <nested@example.org>
                MIME-Version: 1.0
                Content-Type: multipart/alternative; boundary="alt"

                This is the preamble.
                --alt
                Content-Type: text/plain; charset=us-ascii

                Plain version
                --alt
                Content-Type: multipart/mixed; boundary="mix"

                --mix
                Content-Type: text/html; charset=utf-8

                <p>HTML version</p>
                --mix
                Content-Type: message/rfc822
                Content-Description: forwarded

                From: Carol <carol@example.net>
                To: alice@example.org
                Subject: Inner message
                Date: Tue, 5 Mar 2024 10:00:00 +0100
                Message-ID: <inner@example.net>
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="inner"

                --inner
                Content-Type: text/plain

                Inner text
                --inner
                Content-Type: application/pdf; name="doc.pdf"
                Content-Transfer-Encoding: base64
                Content-Disposition: attachment; filename="doc.pdf"

                JVBERi0xLjQK
                --inner--

                --mix--
                --alt--
                This is the epilogue.
                """);
    }

    /**
     * multipart/mixed with a quoted-printable text/plain part and an image/png attachment carrying
     * every MIME header BODYSTRUCTURE reports (Content-ID, -Description, -MD5, -Disposition with an
     * RFC 2231 filename in continuations and UTF-8, -Language, -Location).
     */
    public static byte[] attachments() {
        return crlf("""
                From: alice@example.org
                To: bob@example.test
                Subject: Attachments
                MIME-Version: 1.0
                Content-Type: multipart/mixed; boundary="----=_Part_1"

                ------=_Part_1
                Content-Type: text/plain; charset=utf-8; format=flowed
                Content-Transfer-Encoding: quoted-printable

                Gr=C3=BC=C3=9Fe aus K=C3=B6ln, see the pict=
                ure.
                ------=_Part_1
                Content-Type: image/png;
                 name*0*=utf-8''K%C3%B6ln%20;
                 name*1="at night.png"
                Content-Transfer-Encoding: base64
                Content-ID: <img1@example.org>
                Content-Description: A picture
                Content-MD5: Q2hlY2sgSW50ZWdyaXR5IQ==
                Content-Disposition: attachment;
                 filename*0*=utf-8''K%C3%B6ln%20;
                 filename*1="at night.png"; size=8
                Content-Language: de, en-GB
                Content-Location: http://example.org/koeln.png

                iVBORw0KGgo=
                ------=_Part_1--
                """);
    }

    /** Encoded words in Subject and names, groups, Sender and Reply-To, In-Reply-To, an obsolete route. */
    public static byte[] encodedWordsAndGroups() {
        return crlf("""
                From: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <juergen@example.org>
                Sender: "Secretary, The" <secretary@example.org>
                Reply-To: list@example.org (The List)
                To: Friends: anne@example.org, =?ISO-8859-1?Q?Andr=E9?= <andre@example.org>;,
                 bob@example.test
                Cc: undisclosed-recipients:;
                Bcc: <@relay.example:hidden@example.org>
                Subject: =?UTF-8?B?R3LDvMOfZQ==?= =?UTF-8?Q?_und_K=C3=BCsse?=
                Date: Thu, 7 Mar 2024 23:59:59 -0800 (PST)
                In-Reply-To: <parent@example.org>
                Message-ID: <encoded@example.org>

                Hallo!
                """);
    }

    /** multipart/digest: parts without Content-Type are message/rfc822 (RFC 2046 §5.1.5). */
    public static byte[] digest() {
        return crlf("""
                From: digest@example.org
                Subject: Digest
                MIME-Version: 1.0
                Content-Type: multipart/digest; boundary="d"

                --d

                From: one@example.org
                Subject: First

                first body
                --d
                Content-Type: message/rfc822

                From: two@example.org
                Subject: Second

                second body
                --d
                Content-Type: text/plain

                not a message
                --d--
                """);
    }

    /** Every reference message by name. */
    public static Map<String, byte[]> all() {
        Map<String, byte[]> all = new LinkedHashMap<>();
        all.put("nested-alternative", nestedAlternative());
        all.put("attachments", attachments());
        all.put("encoded-words-and-groups", encodedWordsAndGroups());
        all.put("digest", digest());
        all.put("realistic-10k", realistic(10 * 1024, 1));
        return all;
    }

    /**
     * A realistic message of about {@code size} octets (for benchmarks and load): a typical header
     * block, multipart/mixed with multipart/alternative (text/plain quoted-printable, text/html) and
     * a small base64 attachment. Words are drawn with the seed, so equal arguments give equal bytes.
     */
    public static byte[] realistic(int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] words = {"the", "mail", "server", "delivers", "messages", "quickly", "and", "reliably", "to", "every",
            "mailbox", "while", "clients", "search", "their", "folders", "for", "meeting", "notes", "invoice", "report",
            "Grüße", "schön", "naïve", "café"};
        StringBuilder header = new StringBuilder()
                .append("Return-Path: <sender@example.org>\n")
                .append("Received: from mx.example.org (mx.example.org [192.0.2.1])\n\tby mail.example.test with ESMTPS"
                        + " id ").append(random.nextInt(1_000_000)).append(";\n\tTue, 5 Mar 2024 10:00:01 +0000\n")
                .append("DKIM-Signature: v=1; a=rsa-sha256; d=example.org; s=mail; h=from:to:subject:date;\n"
                        + "\tbh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=;\n\tb=").append("A".repeat(172)).append('\n')
                .append("From: \"Sender, Some\" <sender@example.org>\n")
                .append("To: Recipient One <one@example.test>, two@example.test\n")
                .append("Cc: =?UTF-8?Q?J=C3=BCrgen?= <juergen@example.test>\n")
                .append("Subject: =?UTF-8?Q?Quarterly_report_=E2=80=93_draft_").append(random.nextInt(1000)).append("?=\n")
                .append("Date: Tue, 5 Mar 2024 10:00:00 +0100\n")
                .append("Message-ID: <").append(random.nextLong() & Long.MAX_VALUE).append("@example.org>\n")
                .append("MIME-Version: 1.0\n")
                .append("Content-Type: multipart/mixed; boundary=\"mixed-b\"\n\n");
        int textBudget = Math.max(200, (size - header.length() - 900) / 2);
        StringBuilder plain = new StringBuilder();
        while (plain.length() < textBudget) {
            plain.append(words[random.nextInt(words.length)]).append(plain.length() % 70 > 60 ? "\n" : " ");
        }
        String text = plain.toString();
        String html = "<html><body><p>" + text.replace("\n", "</p>\n<p>") + "</p></body></html>";
        byte[] attachment = new byte[240];
        random.nextBytes(attachment);
        String body = "--mixed-b\n"
                + "Content-Type: multipart/alternative; boundary=\"alt-b\"\n\n"
                + "--alt-b\nContent-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n"
                + quotedPrintable(text) + "\n"
                + "--alt-b\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: 8bit\n\n" + html + "\n"
                + "--alt-b--\n\n"
                + "--mixed-b\nContent-Type: application/octet-stream; name=\"data.bin\"\n"
                + "Content-Transfer-Encoding: base64\nContent-Disposition: attachment; filename=\"data.bin\"\n\n"
                + Base64.getMimeEncoder().encodeToString(attachment).replace("\r\n", "\n") + "\n"
                + "--mixed-b--\n";
        return crlf(header + body);
    }

    private static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder();
        int lineLength = 0;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            String piece;
            if (b == '\n') {
                out.append('\n');
                lineLength = 0;
                continue;
            }
            if (b < 0 || b == '=') {
                piece = String.format("=%02X", b & 0xff);
            } else {
                piece = String.valueOf((char) b);
            }
            if (lineLength + piece.length() > 75) {
                out.append("=\n");
                lineLength = 0;
            }
            out.append(piece);
            lineLength += piece.length();
        }
        return out.toString();
    }

    private static byte[] crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }
}
