package io.mailplatform.store.directory;

/**
 * A local domain as routing sees it.
 *
 * @param id database id
 * @param name the lower-case A-label name
 * @param catchAll the address receiving mail for unknown local parts, or null
 * @param spfFailPolicy {@code junk} or {@code discard} for mail failing SPF, or null for the service default
 */
public record LocalDomain(long id, String name, String catchAll, String spfFailPolicy) {
}
