package io.mailplatform.bench.imap;

import io.mailplatform.store.mailbox.MailboxImport;
import io.mailplatform.store.mailbox.MessageFlags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Generated mail for the IMAP benchmarks: plausible headers, a few paragraphs of words from a
 * small vocabulary (2-4 KB per message), every fifth message a two-part multipart. Two marker
 * words have known frequencies: {@value #COMMON} in 20% of messages, {@value #RARE} in 0.1%.
 */
public final class BenchMessages {
    public static final String COMMON = "quarterly";
    public static final String RARE = "zeppelin";
    private static final String[] WORDS = ("the of and to in is that it for on with as was at by be this from have or an "
            + "which are but not all were when we there can more one would their out so what up about if into time has "
            + "them some could than other its only new two also after use first many these way people work well year "
            + "budget meeting project review release customer invoice report schedule travel office team plan update "
            + "server network storage backup mailbox folder message archive search index delivery protocol").split(" ");

    private final long seed;

    public BenchMessages(long seed) {
        this.seed = seed;
    }

    public List<MailboxImport.ImportedMessage> batch(int from, int to) {
        List<MailboxImport.ImportedMessage> messages = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            messages.add(new MailboxImport.ImportedMessage(message(i).getBytes(StandardCharsets.UTF_8),
                    i % 3 == 0 ? MessageFlags.NONE : MessageFlags.of(List.of("\\Seen")),
                    Instant.parse("2026-01-01T00:00:00Z").plusSeconds(600L * i)));
        }
        return messages;
    }

    String message(int i) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003 + i);
        StringBuilder body = new StringBuilder();
        int paragraphs = 3 + random.nextInt(4);
        for (int p = 0; p < paragraphs; p++) {
            int words = 60 + random.nextInt(60);
            for (int w = 0; w < words; w++) {
                body.append(WORDS[random.nextInt(WORDS.length)]).append(w % 14 == 13 ? "\r\n" : " ");
            }
            body.append("\r\n\r\n");
        }
        if (i % 5 == 0) {
            body.append(COMMON).append(" figures attached\r\n");
        }
        if (i % 1000 == 7) {
            body.append("the ").append(RARE).append(" arrives on tuesday\r\n");
        }
        String subject = WORDS[random.nextInt(WORDS.length)] + " " + WORDS[random.nextInt(WORDS.length)] + " #" + i;
        String header = "From: Sender " + (i % 500) + " <sender" + (i % 500) + "@example.org>\r\n"
                + "To: Bench <bench@bench.test>\r\nSubject: " + subject + "\r\n"
                + "Date: " + (1 + i % 28) + " Jan 2026 10:00:00 +0000\r\n"
                + "Message-ID: <bench-" + seed + "-" + i + "@example.org>\r\nMIME-Version: 1.0\r\n";
        if (i % 5 != 1) {
            return header + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body;
        }
        return header + "Content-Type: multipart/mixed; boundary=\"b" + i + "\"\r\n\r\n--b" + i + "\r\n"
                + "Content-Type: text/plain; charset=us-ascii\r\n\r\n" + body + "\r\n--b" + i + "\r\n"
                + "Content-Type: application/pdf; name=\"doc" + i + ".pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n"
                + "JVBERi0xLjQKJcfsj6IKNSAwIG9iago8PC9MZW5ndGggNiAwIFI+PgpzdHJlYW0K\r\n--b" + i + "--\r\n";
    }
}
