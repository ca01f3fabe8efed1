package io.mailplatform.webmail.transfer;

/** An import upload over {@code mail.webmail.import.max-upload-size}: 413. */
public class UploadTooLargeException extends RuntimeException {
    public UploadTooLargeException(long limit) {
        super("The upload is larger than " + limit + " octets (mail.webmail.import.max-upload-size)");
    }
}
