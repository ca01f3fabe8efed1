package io.mailplatform.store.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.address.MailboxAddress;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermittedSendersTest {

    @Test
    void entriesGrantAddressesDomainsOrAnythingToOneAccountOrAll() throws Exception {
        PermittedSenders permitted = PermittedSenders.parse("mail.smtp.permitted-senders", List.of("Alice@Example.test:*@Alice.EXAMPLE",
                " * : NoReply@example.test ", "robot@example.test:*"));
        SenderIdentities alice = new SenderIdentities(Set.of("alice@example.test"),
                permitted.patternsFor("alice@example.test"), new Subaddressing("+"));
        assertThat(alice.owns(MailboxAddress.parse("x@alice.example"))).isTrue();
        assertThat(alice.owns(MailboxAddress.parse("noreply@EXAMPLE.test"))).isTrue();
        assertThat(alice.owns(MailboxAddress.parse("alice+tag@example.test"))).isTrue();
        assertThat(alice.owns(MailboxAddress.parse("x@sub.alice.example"))).isFalse();
        assertThat(alice.owns(MailboxAddress.parse("bob@example.test"))).isFalse();
        SenderIdentities robot = new SenderIdentities(Set.of("robot@example.test"),
                permitted.patternsFor("robot@example.test"), new Subaddressing(""));
        assertThat(robot.owns(MailboxAddress.parse("anyone@anywhere.example"))).isTrue();
        SenderIdentities untagged = new SenderIdentities(Set.of("bob@example.test"), List.of(), new Subaddressing(""));
        assertThat(untagged.owns(MailboxAddress.parse("bob+tag@example.test"))).isFalse(); // subaddressing off
    }

    @Test
    void anEntryThatCannotBeReadStopsTheStart() {
        for (String bad : new String[] {"alice@example.test", "alice@example.test:", ":x@example.test",
                "not an address:x@example.test", "alice@example.test:not an address", "alice@example.test:*@"}) {
            assertThatThrownBy(() -> PermittedSenders.parse("mail.smtp.permitted-senders", List.of(bad))).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mail.smtp.permitted-senders");
        }
    }
}
