package io.mailplatform.webmail.transfer;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Importing mail into accounts through the admin API ({@code mail.webmail.import.*}).
 *
 * @param allowedDirectory the server directory under which an administrator may name a path to import
 *        from (an mbox file or a Maildir tree); unset: imports only from uploads (default unset)
 * @param maxUploadSize largest upload (mbox file or tar, tar.gz, zip archive); larger gets 413 (default 2GB)
 * @param maxExtractedSize most octets an uploaded archive may unpack to; more fails the job (default 10GB)
 * @param maxMessageSize largest message imported; larger ones are skipped and listed as errors (default 50MB)
 * @param maxErrors errors a job keeps to show (each skipped message is counted in any case) (default 100)
 */
@Validated
@ConfigurationProperties("mail.webmail.import")
public record TransferProperties(
        String allowedDirectory,
        @DefaultValue("2GB") DataSize maxUploadSize,
        @DefaultValue("10GB") DataSize maxExtractedSize,
        @DefaultValue("50MB") DataSize maxMessageSize,
        @DefaultValue("100") @Min(1) int maxErrors) {
}
