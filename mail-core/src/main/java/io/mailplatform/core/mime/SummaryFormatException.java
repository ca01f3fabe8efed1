package io.mailplatform.core.mime;

/**
 * Stored summary bytes that {@link MessageSummaryCodec} cannot decode: corrupt, truncated, or
 * written by a newer version of the platform ({@link #unsupportedVersion()}). Readers then parse the
 * stored message again, and must not overwrite a newer summary with an older one.
 */
public class SummaryFormatException extends RuntimeException {
    private final boolean unsupportedVersion;

    public SummaryFormatException(String message, boolean unsupportedVersion) {
        super(message);
        this.unsupportedVersion = unsupportedVersion;
    }

    public boolean unsupportedVersion() {
        return unsupportedVersion;
    }
}
