package io.mailplatform.store.acl;

/**
 * One entry of a mailbox's access control list.
 *
 * @param identifier the grantee's account address, or {@link MailboxAcl#ANYONE}
 * @param rights what the grantee may do
 */
public record AclEntry(String identifier, Rights rights) {
}
