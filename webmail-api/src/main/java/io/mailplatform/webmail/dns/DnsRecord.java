package io.mailplatform.webmail.dns;

import java.util.List;

/**
 * One record a hosted domain should publish, and, when checked, what DNS has.
 *
 * @param status null when not checked; else {@code ok}, {@code missing}, {@code different} or
 *        {@code error} (the look-up failed)
 * @param found the records of that type at that name, when checked
 */
public record DnsRecord(String type, String name, String value, String purpose, String status, List<String> found) {

    DnsRecord checked(String status, List<String> found) {
        return new DnsRecord(type, name, value, purpose, status, List.copyOf(found));
    }
}
