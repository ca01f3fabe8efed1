package io.mailplatform.testsupport.smtp;

import java.util.Locale;

/**
 * A command line the fake server read.
 *
 * @param line the line without CRLF (AUTH responses are recorded as {@code ***})
 * @param moreInputWaiting whether further input had already arrived when the line was read: true
 *        for every line but the last of a PIPELINING group written at once, never for a client
 *        that waits for each reply
 */
public record ReceivedCommand(String line, boolean moreInputWaiting) {

    /** The command verb, upper-case. */
    public String verb() {
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        int colon = verb.indexOf(':');
        return (colon < 0 ? verb : verb.substring(0, colon)).toUpperCase(Locale.ROOT);
    }
}
