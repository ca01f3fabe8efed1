package io.mailplatform.store.mailbox;

/**
 * One METADATA entry (RFC 5464 §3): its name with the /private or /shared prefix, lower-cased, and
 * its value; a null value in a change removes the entry.
 */
public record MetadataEntry(String name, byte[] value) {
}
