package io.mailplatform.store.acl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.store.mailbox.MailboxNameRules;
import io.mailplatform.store.mailbox.MailboxRefusedException;
import io.mailplatform.store.mailbox.MessageFlags;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RFC 4314 rights strings: §2.1 letters, the obsolete "c" and "d" of §2.1.1, the rights flags
 * need; and the RFC 2342 "Other Users" namespace reserved for shared mailboxes.
 */
class RightsTest {

    @Test
    void lettersParseAndFormatInRfcOrder() {
        assertThat(Rights.parse("aetxkpiwsrl").letters()).isEqualTo("lrswipkxtea");
        assertThat(Rights.parse("").isEmpty()).isTrue();
        assertThat(Rights.ALL.format()).isEqualTo("lrswipkxteacd");
    }

    @Test
    void obsoleteCreateAndDeleteMapToTheirMembers() {
        // RFC 4314 §3.1 example: "+cda" gives k, x t e and a
        assertThat(Rights.parse("cda").letters()).isEqualTo("kxtea");
        assertThat(Rights.parse("lrswi").format()).isEqualTo("lrswi");
        // "d" is written back when any of x, t, e is present; "c" when k is
        assertThat(Rights.parse("rwipslxetad").format()).isEqualTo("lrswipxtead");
        assertThat(Rights.parse("lk").format()).isEqualTo("lkc");
    }

    @Test
    void anUnknownLetterIsAnError() {
        assertThatThrownBy(() -> Rights.parse("lrz")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown right z");
        assertThatThrownBy(() -> Rights.parse("L")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theOtherUsersNamespaceHoldsNoOwnMailbox() {
        for (String name : List.of("Other Users", "Other Users/x", "Other Users/a@b.test/Inbox")) {
            assertThatThrownBy(() -> MailboxNameRules.checkCreatable(name)).as(name)
                    .isInstanceOf(MailboxRefusedException.class);
        }
        MailboxNameRules.checkCreatable("Other Users of mine");
        MailboxNameRules.checkCreatable("Projects/Other Users");
    }

    @Test
    void flagsNeedSeenDeleteOrWrite() {
        MessageFlags all = MessageFlags.of(List.of("\\Seen", "\\Deleted", "\\Flagged", "$Label"));
        assertThat(FlagRights.needed(all)).containsExactly(Right.SEEN, Right.WRITE, Right.DELETE_MESSAGES);
        assertThat(FlagRights.needed(MessageFlags.of(List.of("\\Seen")))).containsExactly(Right.SEEN);
        assertThat(FlagRights.permitted(all, Rights.parse("s")).names()).containsExactly("\\Seen");
        assertThat(FlagRights.permitted(all, Rights.parse("w")).names()).containsExactly("\\Flagged", "$Label");
        assertThat(FlagRights.permitted(all, Rights.ALL)).isEqualTo(all);
    }
}
