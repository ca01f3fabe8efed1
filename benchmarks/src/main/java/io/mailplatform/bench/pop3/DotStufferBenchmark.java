package io.mailplatform.bench.pop3;

import io.mailplatform.pop3.codec.DotStuffer;
import io.mailplatform.testsupport.mime.ReferenceMessages;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
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
 * CPU per message of the encoding RETR sends every octet through ({@link DotStuffer}: CRLF line ends,
 * dot-stuffing, the terminating line), for a small and a larger message
 * ({@link ReferenceMessages#realistic(int, long)}).
 *
 * <pre>
 * java -cp "benchmarks/target/classes:$(cat benchmarks/target/bench.cp)" org.openjdk.jmh.Main DotStufferBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class DotStufferBenchmark {
    /** Message size in octets. */
    @Param({"2400", "65536"})
    public int size;

    private byte[] message;
    private ByteBuf out;

    @Setup
    public void setUp() {
        message = ReferenceMessages.realistic(size, 42);
        out = Unpooled.buffer(message.length * 2);
    }

    @Benchmark
    public int retr() {
        out.clear();
        DotStuffer stuffer = DotStuffer.message();
        stuffer.encode(message, 0, message.length, out);
        stuffer.finish(out);
        return out.readableBytes();
    }
}
