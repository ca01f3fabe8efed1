package io.mailplatform.store.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.MailboxAddress;
import java.util.List;
import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.transaction.support.TransactionTemplate;

@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
class DirectoryServiceTest {
    @Autowired
    DirectoryService directory;
    @Autowired
    Authenticator authenticator;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;
    @Autowired
    TransactionTemplate transactions;

    @Test
    void domainsAndAccountsAreUniqueAndNormalized() throws AddressException {
        directory.createDomain("Example.TEST");
        assertThatThrownBy(() -> directory.createDomain("example.test")).isInstanceOf(DuplicateEntryException.class);
        Account account = directory.createAccount("Dave@Example.test", "pw1");
        assertThat(account.address()).isEqualTo("dave@example.test");
        assertThatThrownBy(() -> directory.createAccount("dave@EXAMPLE.test", "x")).isInstanceOf(DuplicateEntryException.class);
        assertThatThrownBy(() -> directory.createAccount("x@unknown.test", "x")).isInstanceOf(UnknownEntryException.class);
        assertThatThrownBy(() -> directory.createAccount("not an address", "x")).isInstanceOf(AddressException.class);
        assertThat(directory.isLocalDomain("EXAMPLE.test")).isTrue();
        assertThat(directory.findAccount("DAVE@example.test")).contains(account);
    }

    @Test
    void passwordsAreStoredAsAdaptiveHashesAndChecked() throws AddressException {
        directory.createDomain("auth.test");
        directory.createAccount("erin@auth.test", "correct horse");
        String hash = jdbc.sql("SELECT password_hash FROM accounts WHERE address = 'erin@auth.test'").query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain("correct horse");
        assertThat(authenticator.authenticate("Erin@auth.test", "correct horse")).isPresent();
        assertThat(authenticator.authenticate("erin@auth.test", "correct horse")).isPresent();
        assertThat(authenticator.authenticate("erin@auth.test", "wrong")).isEmpty();
        assertThat(authenticator.authenticate("nobody@auth.test", "correct horse")).isEmpty();
        directory.changePassword("erin@auth.test", "new one");
        authenticator.forget("erin@auth.test");
        assertThat(authenticator.authenticate("erin@auth.test", "correct horse")).isEmpty();
        assertThat(authenticator.authenticate("erin@auth.test", "new one")).isPresent();
    }

    @Test
    void aliasesListsAndCatchAll() throws AddressException {
        directory.createDomain("lists.test");
        directory.addAlias("team@lists.test", "a@lists.test");
        directory.addAlias("team@lists.test", "b@lists.test");
        assertThatThrownBy(() -> directory.addAlias("team@lists.test", "a@lists.test"))
                .isInstanceOf(DuplicateEntryException.class);
        assertThat(directory.aliasTargets("TEAM@lists.test")).containsExactly("a@lists.test", "b@lists.test");
        directory.createList("news@lists.test", true);
        directory.addListMember("news@lists.test", "x@elsewhere.test");
        directory.addListMember("news@lists.test", "x@elsewhere.test");
        assertThat(directory.listMembers("news@lists.test")).containsExactly("x@elsewhere.test");
        directory.setCatchAll("lists.test", "a@lists.test");
        assertThat(directory.findDomain("lists.test").orElseThrow().catchAll()).isEqualTo("a@lists.test");
    }

    /** What the gateway asks at RCPT: the same order as delivery's routing, with the postmaster and the separator configured. */
    @Test
    void recipientsAreLookedUpAsDeliveryRoutesThem() throws Exception {
        DirectoryService configured = new DirectoryService(jdbc, passwords, transactions, new Subaddressing("-"),
                new Postmaster("hostmaster@look.test"));
        directory.createDomain("look.test");
        directory.createDomain("bare.test");
        directory.createDomain("caught.test");
        directory.createAccount("hostmaster@look.test", "pw");
        directory.createAccount("off@look.test", "pw");
        jdbc.sql("UPDATE accounts SET enabled = false WHERE address = 'off@look.test'").update();
        directory.createList("open@look.test", false);
        directory.createList("closed@look.test", true);
        directory.addListMember("closed@look.test", "hostmaster@look.test");
        directory.addAlias("team@look.test", "hostmaster@look.test");
        directory.setCatchAll("caught.test", "hostmaster@look.test");
        for (Object[] expected : new Object[][] {
                {"hostmaster@look.test", RecipientLookup.DELIVERABLE},
                {"HostMaster-news@look.test", RecipientLookup.DELIVERABLE}, // "-" is the separator here
                {"hostmaster+news@look.test", RecipientLookup.UNKNOWN},
                {"off@look.test", RecipientLookup.UNKNOWN},
                {"off-tag@look.test", RecipientLookup.UNKNOWN},
                {"team@look.test", RecipientLookup.DELIVERABLE},
                {"open@look.test", RecipientLookup.DELIVERABLE},
                {"closed@look.test", RecipientLookup.membersOnlyList("closed@look.test")},
                {"closed-x@look.test", RecipientLookup.membersOnlyList("closed@look.test")},
                {"nobody@look.test", RecipientLookup.UNKNOWN},
                {"PostMaster@bare.test", RecipientLookup.DELIVERABLE}, // RFC 5321 §4.5.1
                {"postmaster-x@bare.test", RecipientLookup.DELIVERABLE},
                {"webmaster@bare.test", RecipientLookup.UNKNOWN},
                {"anyone@caught.test", RecipientLookup.DELIVERABLE},
                {"postmaster@elsewhere.example", RecipientLookup.NOT_LOCAL}}) {
            assertThat(configured.lookUpRecipient(MailboxAddress.parse((String) expected[0]))).as((String) expected[0])
                    .isEqualTo(expected[1]);
        }
        assertThat(configured.isListMember("closed@look.test", List.of("hostmaster@look.test"))).isTrue();
        assertThat(configured.isListMember("Closed@look.test", List.of("x@example.org", "off@look.test"))).isFalse();
        assertThat(configured.isListMember("closed@look.test", List.of())).isFalse();
        // a postmaster whose domain is not (yet) ours is no stand-in: never a relay recipient
        DirectoryService early = new DirectoryService(jdbc, passwords, transactions, new Subaddressing("+"),
                new Postmaster("postmaster@not-yet.test"));
        assertThat(early.lookUpRecipient(MailboxAddress.parse("postmaster@bare.test"))).isEqualTo(RecipientLookup.UNKNOWN);
    }
}
