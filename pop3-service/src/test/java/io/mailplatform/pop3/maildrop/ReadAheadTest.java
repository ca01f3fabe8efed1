package io.mailplatform.pop3.maildrop;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.pop3.command.MessageNumber;
import io.mailplatform.store.directory.Account;
import io.mailplatform.store.mailbox.Mailbox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which first chunks are read ahead with a RETR, and that each is handed out once. */
class ReadAheadTest {
    private static final int CHUNK = 64 * 1024;

    private static Maildrop maildrop(int count, int storedSize) {
        List<MaildropMessage> messages = new ArrayList<>();
        for (int n = 1; n <= count; n++) {
            messages.add(new MaildropMessage(new MessageNumber(n), 100 + n, storedSize, storedSize + 10));
        }
        return new Maildrop(new Account(1, "a@example.test", null, true),
                new Mailbox(1, 1, "INBOX", 7, count + 101, 1, null, true), null, messages);
    }

    private static List<Integer> numbers(List<MaildropMessage> window) {
        return window.stream().map(m -> m.number().value()).toList();
    }

    @Test
    void smallMessagesAreReadAheadUpToTheMessageBound() {
        Maildrop maildrop = maildrop(200, 2048);
        List<MaildropMessage> window = maildrop.readAhead().window(maildrop, maildrop.listed().get(9), CHUNK);
        assertThat(window).hasSize(ReadAhead.MAX_MESSAGES);
        assertThat(numbers(window).get(0)).isEqualTo(10);
        assertThat(numbers(window).get(ReadAhead.MAX_MESSAGES - 1)).isEqualTo(10 + ReadAhead.MAX_MESSAGES - 1);
    }

    @Test
    void largerMessagesAreReadAheadUpToTheOctetBoundAndThoseOfSeveralChunksNot() {
        Maildrop maildrop = maildrop(50, 10_000);
        assertThat(maildrop.readAhead().window(maildrop, maildrop.listed().get(0), CHUNK))
                .hasSize(ReadAhead.MAX_OCTETS / 10_000);
        Maildrop large = maildrop(5, 1 << 20);
        // messages of more than one chunk are not read ahead; the requested one always comes
        assertThat(numbers(large.readAhead().window(large, large.listed().get(0), CHUNK))).containsExactly(1);
        assertThat(numbers(large.readAhead().window(large, large.listed().get(0), 1 << 20))).containsExactly(1);
    }

    @Test
    void deletedMessagesAndChunksAlreadyReadAreSkippedAndEachChunkIsTakenOnce() {
        Maildrop maildrop = maildrop(6, 100);
        maildrop.markDeleted(maildrop.listed().get(2));
        ReadAhead readAhead = maildrop.readAhead();
        List<MaildropMessage> window = readAhead.window(maildrop, maildrop.listed().get(0), CHUNK);
        assertThat(numbers(window)).containsExactly(1, 2, 4, 5, 6);
        readAhead.keep(window, List.of(new byte[] {1}, new byte[] {2}, new byte[] {4}, new byte[0], new byte[] {6}));
        assertThat(readAhead.take(1)).as("the first is sent at once, not kept").isNull();
        assertThat(readAhead.take(2)).containsExactly(2);
        assertThat(readAhead.take(2)).isNull();
        assertThat(numbers(readAhead.window(maildrop, maildrop.listed().get(1), CHUNK))).containsExactly(2);
        readAhead.clear();
        assertThat(readAhead.take(4)).as("forgotten when the maildrop is left").isNull();
    }
}
