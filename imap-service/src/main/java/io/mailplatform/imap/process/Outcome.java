package io.mailplatform.imap.process;

import io.mailplatform.imap.response.ImapResponse;
import io.mailplatform.imap.response.Responder;
import java.time.Duration;

/** How a command ends, for the session to carry out on the event loop. */
public sealed interface Outcome {

    /** Send the tagged response after {@code delay} (failed-login throttling), then take the next command. */
    record Done(ImapResponse.Status tagged, Duration delay) implements Outcome {
        public Done(ImapResponse.Status tagged) {
            this(tagged, Duration.ZERO);
        }
    }

    /** Send the tagged OK, then start TLS before reading anything else (RFC 9051 §6.2.1). */
    record StartTls(ImapResponse.Status tagged) implements Outcome {
    }

    /** Send the tagged OK uncompressed, then DEFLATE both directions (RFC 4978 §3). */
    record Compress(ImapResponse.Status tagged) implements Outcome {
    }

    /** Send the tagged response (after the BYE already written), then close (LOGOUT). */
    record Logout(ImapResponse.Status tagged) implements Outcome {
    }

    /** Send an untagged BYE and close. */
    record Bye(String text) implements Outcome {
    }

    /** Send a continuation request; the client's next line goes to {@code next} (AUTHENTICATE). */
    record Continue(String tag, String prompt, ContinuationHandler next) implements Outcome {
    }

    /** Send "+ idling" and report changes as they happen until the client sends DONE (RFC 9051 §6.3.13). */
    record Idle(String tag) implements Outcome {
    }

    /**
     * The command is not finished but the client has not read its output yet ({@code Responder.congested()}):
     * run {@code rest} on a worker once the channel is writable again; later commands wait meanwhile.
     * No worker waits for a slow client.
     */
    record Paused(Step rest) implements Outcome {
    }

    /** The rest of a paused command; returns how it ends, or pauses again. */
    @FunctionalInterface
    interface Step {
        Outcome run(Responder out);
    }
}
