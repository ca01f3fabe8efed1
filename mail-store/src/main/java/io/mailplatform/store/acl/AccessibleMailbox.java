package io.mailplatform.store.acl;

import io.mailplatform.store.mailbox.Mailbox;

/**
 * A mailbox as one account reaches it: its own, or another account's shared with it.
 *
 * @param mailbox the stored mailbox (its {@code name} is the owner's)
 * @param name the name the account uses: the owner's name for its own mailboxes, "Other Users/owner/name" otherwise
 * @param rights the account's rights on it (every right on its own mailboxes)
 * @param own whether the account owns it
 */
public record AccessibleMailbox(Mailbox mailbox, String name, Rights rights, boolean own) {
}
