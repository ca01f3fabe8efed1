package io.mailplatform.imap.config;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * IMAP METADATA settings ({@code mail.imap.metadata.*}, RFC 5464). The server's shared entries are
 * the operator's: clients read them and cannot change them.
 *
 * @param admin the server's {@code /shared/admin} entry, a URI to reach the administrators such as
 *        {@code mailto:postmaster@example.com} (default: none)
 * @param comment the server's {@code /shared/comment} entry (default: none)
 * @param maxEntries entries one account may keep, server and mailbox entries together; SETMETADATA
 *        beyond is refused with {@code [METADATA TOOMANY]} (default 1000)
 * @param maxValueSize the largest value of one entry; larger ones are refused with
 *        {@code [METADATA MAXSIZE n]} (default 64KB)
 */
@Validated
@ConfigurationProperties("mail.imap.metadata")
public record MetadataProperties(
        String admin,
        String comment,
        @DefaultValue("1000") @Min(1) int maxEntries,
        @DefaultValue("64KB") DataSize maxValueSize) {

    public MetadataProperties {
        admin = admin == null || admin.isBlank() ? null : admin.strip();
        comment = comment == null || comment.isBlank() ? null : comment;
        if (maxValueSize.toBytes() < 1) {
            throw new IllegalArgumentException("mail.imap.metadata.max-value-size must be positive");
        }
    }
}
