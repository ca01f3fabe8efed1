package io.mailplatform.webmail.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.mailbox.MessageFlags;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Maildir file names: info letters, Dovecot keyword letters and the delivery timestamp. */
class MaildirInfoTest {
    private static final Map<Integer, String> KEYWORDS = DovecotKeywords.parse("0 $Junk\n1 project\nnot a line\n3 later\n");

    @Test
    void infoLettersBecomeFlagsAndKeywords() {
        assertThat(MaildirInfo.flags("1700000000.M1P2.host,S=123:2,FRS", KEYWORDS))
                .isEqualTo(new MessageFlags(MessageFlags.FLAGGED | MessageFlags.ANSWERED | MessageFlags.SEEN, Set.of()));
        assertThat(MaildirInfo.flags("1700000000.M1P2.host:2,DPTabd", KEYWORDS))
                .isEqualTo(new MessageFlags(MessageFlags.DRAFT | MessageFlags.DELETED,
                        Set.of(MaildirInfo.FORWARDED, "$Junk", "project", "later")));
        assertThat(MaildirInfo.flags("1700000000.M1P2.host:2,Sz", KEYWORDS)).isEqualTo(new MessageFlags(MessageFlags.SEEN, Set.of()));
        assertThat(MaildirInfo.flags("1700000000.M1P2.host", KEYWORDS)).isEqualTo(MessageFlags.NONE);
        assertThat(MaildirInfo.flags("1700000000.M1P2.host;2,S", KEYWORDS)).isEqualTo(new MessageFlags(MessageFlags.SEEN, Set.of()));
    }

    @Test
    void flagsBecomeLettersInAsciiOrder() {
        Map<String, Integer> index = Map.of("$Junk", 0, "project", 1);
        assertThat(MaildirInfo.info(new MessageFlags(MessageFlags.SEEN | MessageFlags.DRAFT | MessageFlags.ANSWERED,
                Set.of("project", MaildirInfo.FORWARDED, "$Junk")), index)).isEqualTo(":2,DPRSab");
        assertThat(MaildirInfo.info(MessageFlags.NONE, index)).isEqualTo(":2,");
        MessageFlags all = new MessageFlags(31, Set.of("project"));
        assertThat(MaildirInfo.flags("1.2.h" + MaildirInfo.info(all, index), Map.of(1, "project"))).isEqualTo(all);
    }

    @Test
    void theNameTellsTheDeliveryTime() {
        assertThat(MaildirInfo.timestamp("1700000000.M1P2.host:2,S")).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
        assertThat(MaildirInfo.timestamp("msg.1234")).isNull();
        assertThat(MaildirInfo.timestamp("1700000000")).isNull();
        assertThat(MaildirInfo.timestamp("99999999999999999.x")).isNull();
    }

    @Test
    void dovecotKeywordsFileRoundTrips() {
        Map<String, Integer> index = Map.of("a", 0, "b c", 1);
        assertThat(DovecotKeywords.format(index)).isEqualTo("0 a\n1 b c\n");
        assertThat(DovecotKeywords.parse(DovecotKeywords.format(index))).isEqualTo(Map.of(0, "a", 1, "b c"));
    }
}
