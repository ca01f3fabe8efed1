package io.mailplatform.bench.delivery;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Realistic 10 KiB messages as an MX receives them: trace fields, a DKIM signature, a
 * multipart/alternative body with a quoted-printable text part and an HTML part.
 */
final class SampleMessages {
    static final int TARGET_SIZE = 10 * 1024;
    private static final String[] WORDS = ("lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor "
            + "incididunt ut labore et dolore magna aliqua quarterly report meeting agenda invoice attached regards "
            + "schedule délai réunion Grüße").split(" ");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.US);

    private SampleMessages() {
    }

    static byte[] message(long sequence, String from, String to, String envelopeId) {
        SplittableRandom random = new SplittableRandom(sequence);
        String boundary = "=_alt_" + Long.toHexString(random.nextLong());
        String date = DATE.format(ZonedDateTime.now(ZoneOffset.UTC));
        StringBuilder head = new StringBuilder(2048)
                .append("Received: from mail.sender.example ([192.0.2.10])\r\n\tby mx.bench.test with ESMTPS (TLSv1.3 TLS_AES_256_GCM_SHA384)\r\n")
                .append("\tid ").append(envelopeId).append("\r\n\tfor <").append(to).append(">; ").append(date).append("\r\n")
                .append("Received: from [10.1.2.3] by mail.sender.example with ESMTPSA; ").append(date).append("\r\n")
                .append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=sender.example; s=s2026;\r\n")
                .append("\th=from:to:subject:date:message-id:mime-version:content-type;\r\n")
                .append("\tbh=").append(base64ish(random, 44)).append(";\r\n\tb=").append(base64ish(random, 172))
                .append("\r\n\t ").append(base64ish(random, 172)).append("\r\n")
                .append("From: \"Sender ").append(sequence % 97).append("\" <").append(from).append(">\r\n")
                .append("To: <").append(to).append(">\r\n")
                .append("Subject: Quarterly figures #").append(sequence).append(" =?utf-8?q?r=C3=A9union?=\r\n")
                .append("Date: ").append(date).append("\r\n")
                .append("Message-ID: <").append(sequence).append('.').append(Long.toHexString(random.nextLong()))
                .append("@sender.example>\r\n")
                .append("MIME-Version: 1.0\r\n")
                .append("Content-Type: multipart/alternative; boundary=\"").append(boundary).append("\"\r\n\r\n");
        int budget = TARGET_SIZE - head.length() - 400;
        String text = words(random, budget * 2 / 5);
        String html = "<html><body><p>" + words(random, budget * 3 / 5 - 40).replace("\r\n", "</p>\r\n<p>") + "</p></body></html>";
        StringBuilder body = new StringBuilder(TARGET_SIZE)
                .append("--").append(boundary).append("\r\nContent-Type: text/plain; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: quoted-printable\r\n\r\n").append(quotedPrintable(text)).append("\r\n")
                .append("--").append(boundary).append("\r\nContent-Type: text/html; charset=utf-8\r\n")
                .append("Content-Transfer-Encoding: 8bit\r\n\r\n").append(html).append("\r\n")
                .append("--").append(boundary).append("--\r\n");
        byte[] bytes = (head.toString() + body).getBytes(StandardCharsets.UTF_8);
        return bytes;
    }

    private static String words(SplittableRandom random, int length) {
        StringBuilder out = new StringBuilder(length + 16);
        int line = 0;
        while (out.length() < length) {
            String word = WORDS[random.nextInt(WORDS.length)];
            out.append(word).append(' ');
            line += word.length() + 1;
            if (line > 66) {
                out.append("\r\n");
                line = 0;
            }
        }
        return out.toString();
    }

    private static String quotedPrintable(String text) {
        StringBuilder out = new StringBuilder(text.length() + 64);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '\r' || c == '\n' || (c >= 32 && c < 127 && c != '=')) {
                out.append((char) c);
            } else {
                out.append('=').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 15, 16)));
            }
        }
        return out.toString();
    }

    private static String base64ish(SplittableRandom random, int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }
}
