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

    /**
     * Creates example.test with alice, bob and the postmaster, an alias, a list and a members-only
     * list, and second.test without a postmaster of its own (call after the tables were emptied).
     */
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
        directory.createList("staff@example.test", true);
        directory.addListMember("staff@example.test", ALICE);
        directory.createDomain("second.test");
    }
}
