package io.mailplatform.bench.mime;

import io.mailplatform.core.mime.ImapEnvelope;
import io.mailplatform.core.mime.MessageSummary;
import io.mailplatform.core.mime.MessageSummaryCodec;
import io.mailplatform.core.mime.MessageSummaryParser;
import io.mailplatform.store.mailbox.SummaryColumns;
import io.mailplatform.testsupport.mime.ReferenceMessages;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of parsing a message once at delivery/APPEND ({@link MessageSummaryParser}), of the storage
 * columns derived from it, and of encoding/decoding the stored summary (IMAP FETCH decodes one per
 * message). The message is {@link ReferenceMessages#realistic(int, long)}: multipart/mixed with a
 * multipart/alternative (quoted-printable text, 8-bit HTML) and a base64 attachment.
 *
 * <p>Run (see README, "Message parsing and storage"):
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/bench.cp)" org.openjdk.jmh.Main MessageSummaryBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class MessageSummaryBenchmark {
    /** Message size in octets. */
    @Param({"10240", "102400"})
    public int size;

    private byte[] message;
    private byte[] stored;

    @Setup
    public void setUp() {
        message = ReferenceMessages.realistic(size, 42);
        stored = MessageSummaryCodec.encode(MessageSummaryParser.parse(message).withoutSearchText());
    }

    /** The full parse: envelope, structure with offsets, sent date, search text. */
    @Benchmark
    public MessageSummary parse() {
        return MessageSummaryParser.parse(message);
    }

    /** What the store does per inserted content: parse, encode, derive the text columns. */
    @Benchmark
    public SummaryColumns summaryColumns() {
        return SummaryColumns.of(message);
    }

    @Benchmark
    public MessageSummary decode() {
        return MessageSummaryCodec.decode(stored);
    }

    @Benchmark
    public ImapEnvelope decodeEnvelope() {
        return MessageSummaryCodec.decodeEnvelope(stored);
    }
}
