package io.mailplatform.core.dmarc.report;

/** A received aggregate report that cannot be read: not XML, not the appendix C format, or beyond a limit. */
public class ReportFormatException extends Exception {
    public ReportFormatException(String message) {
        super(message);
    }

    public ReportFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
