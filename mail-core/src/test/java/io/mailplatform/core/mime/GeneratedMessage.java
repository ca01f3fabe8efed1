package io.mailplatform.core.mime;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/**
 * Well-formed random messages for differential tests: multiparts (mixed, alternative, related,
 * digest children), encapsulated messages, text and base64 leaves, RFC 2047 subjects and names,
 * folded header fields, up to four levels deep. Deterministic per seed.
 */
final class GeneratedMessage {
    private static final String[] SUBJECTS = {"plain subject", "=?UTF-8?B?Q2Fmw6kgw6AgbGEgY3LDqG1l?=",
        "=?utf-8?Q?Gr=C3=BC=C3=9Fe?= aus =?iso-8859-1?q?K=F6ln?=", "folded\r\n subject over two lines",
        "=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "", "\u00e9t\u00e9 in raw UTF-8"};
    private static final String[] FROMS = {"a@example.org", "\"Doe, Jane\" <jane@example.org>",
        "=?UTF-8?Q?J=C3=B6rg?= <joerg@example.de>", "Bob <bob@example.net>, carol@example.com",
        "alice@example.org (Alice)"};
    private static final String[] LEAVES = {"text/plain; charset=utf-8", "text/html; charset=\"us-ascii\"",
        "application/octet-stream; name=\"a.bin\"", "image/png", "TEXT/Plain"};

    private GeneratedMessage() {
    }

    static byte[] of(SplittableRandom random) {
        StringBuilder out = new StringBuilder();
        out.append("From: ").append(FROMS[random.nextInt(FROMS.length)]).append("\r\n");
        out.append("Subject: ").append(SUBJECTS[random.nextInt(SUBJECTS.length)]).append("\r\n");
        out.append("Date: Tue, 5 Mar 2024 10:00:00 +0100\r\nMIME-Version: 1.0\r\n");
        entity(random, 0, out);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Appends the Content-Type field, the blank line and the body of one entity. */
    private static void entity(SplittableRandom random, int depth, StringBuilder out) {
        int kind = depth >= 4 ? 0 : random.nextInt(depth == 0 ? 3 : 4);
        if (kind == 1 || kind == 3 && random.nextBoolean()) {
            String subtype = new String[] {"mixed", "alternative", "related"}[random.nextInt(3)];
            String boundary = "b" + depth + "_" + random.nextInt(1000) + "'()+_,-./:=?";
            out.append("Content-Type: multipart/").append(subtype).append(";\r\n boundary=\"").append(boundary)
                    .append("\"\r\n\r\npreamble\r\n");
            int children = 1 + random.nextInt(4);
            for (int i = 0; i < children; i++) {
                out.append("--").append(boundary).append("\r\n");
                entity(random, depth + 1, out);
                out.append("\r\n");
            }
            out.append("--").append(boundary).append("--\r\nepilogue\r\n");
        } else if (kind == 2) {
            out.append("Content-Type: message/rfc822\r\n\r\n");
            out.append("From: ").append(FROMS[random.nextInt(FROMS.length)]).append("\r\n");
            out.append("Subject: inner ").append(depth).append("\r\n");
            entity(random, depth + 1, out);
        } else {
            String type = LEAVES[random.nextInt(LEAVES.length)];
            boolean binary = !type.toLowerCase().startsWith("text");
            out.append("Content-Type: ").append(type).append("\r\n");
            if (binary) {
                out.append("Content-Transfer-Encoding: base64\r\n\r\nAAECAwQFBgcICQ==");
            } else {
                out.append("\r\nleaf at depth ").append(depth).append("\r\nsecond line");
            }
        }
    }
}
