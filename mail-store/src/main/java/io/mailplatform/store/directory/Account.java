package io.mailplatform.store.directory;

/**
 * A user account: the login identity of every protocol, and the owner of mailboxes.
 *
 * @param id database id
 * @param address the normalized address, also the login name
 * @param quotaBytes storage quota, or null for unlimited
 * @param enabled disabled accounts cannot log in and receive no mail
 */
public record Account(long id, String address, Long quotaBytes, boolean enabled) {
}
