package io.mailplatform.pop3.session;

import io.mailplatform.pop3.codec.MessageBodyInput;
import io.mailplatform.pop3.maildrop.Maildrop;
import io.mailplatform.pop3.response.Pop3Exception;
import io.mailplatform.pop3.response.Pop3Response;
import io.mailplatform.pop3.response.StatusResponse;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What a processor sees of its session. Called on the session's event loop only; blocking work goes
 * through {@link #runBlocking}, and later commands wait until it is done, so replies keep their order.
 */
public interface Pop3Context {

    Pop3State state();

    boolean tlsActive();

    /** Whether the server has a certificate for STLS. */
    boolean tlsAvailable();

    /** Whether USER/PASS and AUTH may be used now: under TLS, or when allowed for development. */
    boolean plaintextAuthAllowed();

    /** The timestamp of this session's greeting, which APOP digests. */
    String apopTimestamp();

    InetAddress clientAddress();

    /** The open maildrop (TRANSACTION state). */
    Maildrop maildrop();

    /** The name given by a USER command just before, or null. */
    String pendingUser();

    void pendingUser(String name);

    void reply(Pop3Response response);

    /** Runs {@code work} on a worker thread, then {@code then} with its result on the event loop. */
    <T> void runBlocking(Supplier<T> work, Consumer<T> then);

    /**
     * Runs {@code work} on a worker thread without holding later commands back, then {@code then}
     * on the event loop with its result, or with the failure and a null result (reading ahead).
     */
    <T> void runInBackground(Supplier<T> work, BiConsumer<T, RuntimeException> then);

    /** Holds later commands back until {@code done} completes, then runs {@code then} on the event loop. */
    void waitFor(CompletionStage<?> done, Runnable then);

    /** The worker pool, for store reads that feed a streamed message. */
    Executor workers();

    /** Runs {@code then} after {@code delay}, holding later commands back meanwhile (login throttling). */
    void answerAfter(Duration delay, Runnable then);

    /** Answers and switches to TLS, discarding whatever the client pipelined in plaintext (RFC 2595 §4). */
    void startTls(StatusResponse reply);

    /** Hands the next line to {@code handler} instead of the command parser (SASL responses). */
    void expectContinuation(ContinuationHandler handler);

    /**
     * Enters the TRANSACTION state with {@code maildrop}; false (and the maildrop closed) when the
     * client has gone meanwhile.
     */
    boolean openTransaction(Maildrop maildrop);

    /** Enters the UPDATE state (QUIT in TRANSACTION). */
    void enterUpdate();

    /** Streams a message; later commands wait until it is written. */
    void stream(MessageBodyInput body);

    /** Resumes a streamed message whose next chunk has arrived. */
    Runnable resumeTransfer();

    /** Sends a last response and closes the connection. */
    void close(Pop3Response last);

    /** A line that continues a command rather than starting one. */
    @FunctionalInterface
    interface ContinuationHandler {
        void line(String line) throws Pop3Exception;
    }
}
