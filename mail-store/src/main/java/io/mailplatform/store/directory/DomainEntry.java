package io.mailplatform.store.directory;

/**
 * A local domain: mail for it is delivered here.
 *
 * @param id database id
 * @param name the lower-case A-label name
 * @param catchAll the address receiving mail for unknown local parts, or null
 */
public record DomainEntry(long id, String name, String catchAll) {
}
