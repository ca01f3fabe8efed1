package io.mailplatform.smtp;

import io.mailplatform.smtp.policy.RecipientDirectory;
import io.mailplatform.store.directory.DirectoryService;

/** The directory every gateway test starts from. */
public final class TestDirectory {
    public static final String DOMAIN = "example.test";
    public static final String ALICE = "alice@example.test";
    public static final String BOB = "bob@example.test";
    public static final String PASSWORD = "wonder land";

    private TestDirectory() {
    }

    /** Creates example.test with alice and bob, an alias and a list (call after the tables were emptied). */
    public static void provision(DirectoryService directory, RecipientDirectory cache) throws Exception {
        cache.invalidateAll();
        directory.createDomain(DOMAIN);
        directory.createAccount(ALICE, PASSWORD);
        directory.createAccount(BOB, PASSWORD);
        directory.addAlias("team@example.test", ALICE);
        directory.addAlias("team@example.test", BOB);
        directory.createList("all@example.test", false);
        directory.addListMember("all@example.test", ALICE);
        directory.createAccount("postmaster@example.test", PASSWORD);
    }
}
