package io.mailplatform.store.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.store.StoreTestApplication;
import io.mailplatform.testsupport.RealInfrastructure;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(classes = StoreTestApplication.class)
@RealInfrastructure(kafka = false)
class DirectoryServiceTest {
    @Autowired
    DirectoryService directory;
    @Autowired
    Authenticator authenticator;
    @Autowired
    JdbcClient jdbc;

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
}
