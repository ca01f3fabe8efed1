package io.mailplatform.imap.mailbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.imap.response.ImapNoException;
import io.mailplatform.store.mailbox.MailboxNameRules;
import io.mailplatform.store.mailbox.MailboxRefusedException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

class MailboxNamingTest {

    @Test
    void modifiedUtf7AsRfc9051AppendixA1Shows() {
        assertThat(ModifiedUtf7.encode("~peter/mail/台北/日本語")).isEqualTo("~peter/mail/&U,BTFw-/&ZeVnLIqe-");
        assertThat(ModifiedUtf7.decode("~peter/mail/&U,BTFw-/&ZeVnLIqe-")).isEqualTo("~peter/mail/台北/日本語");
        assertThat(ModifiedUtf7.encode("Tom & Jerry")).isEqualTo("Tom &- Jerry");
        assertThat(ModifiedUtf7.decode("Entw&APw-rfe")).isEqualTo("Entwürfe");
        assertThat(ModifiedUtf7.encode("☺!")).isEqualTo("&Jjo-!");
        assertThatThrownBy(() -> ModifiedUtf7.decode("&Jjo!")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModifiedUtf7.decode("&U,BTFw-&ZeVnLIqe-")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModifiedUtf7.decode("&AGE-")).as("encoded printable ASCII")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ModifiedUtf7.decode("&AB-")).as("odd octets").isInstanceOf(IllegalArgumentException.class);
    }

    /** Property: decode(encode(s)) == s for random Unicode names, including astral characters (seed printed on failure). */
    @RepeatedTest(50)
    void modifiedUtf7RoundTrips(RepetitionInfo repetition) {
        long seed = 7919L * repetition.getCurrentRepetition();
        SplittableRandom random = new SplittableRandom(seed);
        StringBuilder name = new StringBuilder();
        int length = random.nextInt(1, 20);
        for (int i = 0; i < length; i++) {
            int kind = random.nextInt(4);
            int cp = switch (kind) {
                case 0 -> random.nextInt(0x20, 0x7f);
                case 1 -> random.nextInt(0xa0, 0x800);
                case 2 -> random.nextInt(0x3000, 0xd7ff);
                default -> random.nextInt(0x1f300, 0x1f5ff);
            };
            name.appendCodePoint(cp);
        }
        String encoded = ModifiedUtf7.encode(name.toString());
        assertThat(encoded).as("seed %d", seed).matches("[\\x20-\\x7e]*");
        assertThat(ModifiedUtf7.decode(encoded)).as("seed %d", seed).isEqualTo(name.toString());
    }

    @Test
    void clientNamesFoldInboxAndDecodeByMode() {
        assertThat(MailboxNames.fromClient("inbox", false)).isEqualTo("INBOX");
        assertThat(MailboxNames.fromClient("InBox/Archive", false)).isEqualTo("INBOX/Archive");
        assertThat(MailboxNames.fromClient("INBOXES", false)).isEqualTo("INBOXES");
        assertThat(MailboxNames.fromClient("K&APY-ln", false)).isEqualTo("Köln");
        assertThat(MailboxNames.fromClient("K&APY-ln", true)).isEqualTo("K&APY-ln");
        // a decomposed name is stored in NFC (RFC 9051 §5.1)
        assertThat(MailboxNames.fromClient("Ko\u0308ln", true)).isEqualTo("Köln");
        assertThatThrownBy(() -> MailboxNames.fromClient("&Jjo!", false)).isInstanceOf(ImapNoException.class);
    }

    @Test
    void creatableNamesHaveNoEmptyLevelsWildcardsOrControls() {
        MailboxNameRules.checkCreatable("a/b/c");
        for (String bad : new String[] {"", "/a", "a//b", "a*", "a%b", "a\u0001b"}) {
            assertThatThrownBy(() -> MailboxNameRules.checkCreatable(bad)).as(bad).isInstanceOf(MailboxRefusedException.class);
        }
        assertThat(MailboxNameRules.withoutTrailingDelimiter("owatagusiam/")).isEqualTo("owatagusiam");
    }

    @Test
    void listPatternsMatchAsRfc9051Describes() {
        assertThat(MailboxPattern.of("", "*").matches("a/b/c")).isTrue();
        assertThat(MailboxPattern.of("", "%").matches("a")).isTrue();
        assertThat(MailboxPattern.of("", "%").matches("a/b")).isFalse();
        assertThat(MailboxPattern.of("archive/", "%").matches("archive/2026")).isTrue();
        assertThat(MailboxPattern.of("archive/", "%").matches("archive/2026/q1")).isFalse();
        assertThat(MailboxPattern.of("", "a%c").matches("abbc")).isTrue();
        assertThat(MailboxPattern.of("", "a%c").matches("ab/c")).isFalse();
        assertThat(MailboxPattern.of("", "*2").matches("foo2/bar2")).isTrue();
        assertThat(MailboxPattern.of("", "inbox").matches("INBOX")).isTrue();
        assertThat(MailboxPattern.of("", "Inbox/%").matches("INBOX/Sub")).isTrue();
        assertThat(MailboxPattern.of("", "inbox").matches("Inbox")).isFalse();
        assertThat(MailboxPattern.of("", "%").listsImpliedLevels()).isTrue();
        // many wildcards cost time linear in pattern times name, never exponential
        String pattern = "*%".repeat(2000) + "x";
        long start = System.nanoTime();
        assertThat(MailboxPattern.of("", pattern).matches("a".repeat(500))).isFalse();
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }
}
