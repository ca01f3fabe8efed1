package io.mailplatform.delivery.relay.smtp;

/**
 * Looks through message text, chunk by chunk, for octets above 127, telling the header section
 * (up to the first empty line) from the body. Decides whether a message may go to a server without
 * 8BITMIME (RFC 6152: only 7-bit text) or SMTPUTF8 (RFC 6531: no UTF-8 header fields). Pure; one
 * instance per read.
 */
final class EightBitScan {
    private boolean inHeader = true;
    private boolean lineEmpty = true;
    private boolean headerHas8Bit;
    private boolean bodyHas8Bit;

    void scan(byte[] chunk) {
        for (byte b : chunk) {
            if (b < 0) {
                if (inHeader) {
                    headerHas8Bit = true;
                } else {
                    bodyHas8Bit = true;
                }
            }
            if (b == '\n') {
                if (inHeader && lineEmpty) {
                    inHeader = false;
                }
                lineEmpty = true;
            } else if (b != '\r') {
                lineEmpty = false;
            }
        }
    }

    /** Whether the rest need not be read: both parts already known to hold 8-bit octets. */
    boolean settled() {
        return headerHas8Bit && bodyHas8Bit;
    }

    boolean headerHas8Bit() {
        return headerHas8Bit;
    }

    boolean has8Bit() {
        return headerHas8Bit || bodyHas8Bit;
    }
}
