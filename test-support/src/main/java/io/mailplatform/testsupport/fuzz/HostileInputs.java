package io.mailplatform.testsupport.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Near-valid hostile inputs for property-based fuzzing (jqwik): valid seed inputs of one protocol
 * (commands, records, messages) with a few mutations each, the way real attacks and broken
 * clients deviate from the grammar: NUL, bare CR and LF, invalid UTF-8 (overlong, surrogates,
 * truncated sequences, above U+10FFFF), numbers past every integer type, a slice repeated thousands
 * of times (deep nesting, long runs), the protocol's own special tokens in wrong places,
 * truncation, deletion, splicing of two seeds and flipped case. A mutation is data (a
 * {@link Mutation} record), so jqwik shrinks a failing input to fewer and smaller mutations.
 */
public final class HostileInputs {
    /** Octet sequences no well-formed command contains, or that strict UTF-8 decoding must refuse. */
    private static final byte[][] HOSTILE = {
        {0}, {'\r'}, {'\n'}, {'\r', '\n'}, {'\n', '\r'}, {0x7f}, {0x1b}, {'\t'}, {(byte) 0x80}, {(byte) 0xff},
        {(byte) 0xc0, (byte) 0x80}, // overlong NUL
        {(byte) 0xc3}, // truncated two-octet sequence
        {(byte) 0xe2, (byte) 0x82}, // truncated three-octet sequence
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, // a UTF-16 surrogate encoded
        {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, // above U+10FFFF
        {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, // byte order mark
        "\u00e9".getBytes(StandardCharsets.UTF_8), "\u202e".getBytes(StandardCharsets.UTF_8),
        "\ud83d\udce7".getBytes(StandardCharsets.UTF_8),
    };

    /** Numbers at and past the edges of int, unsigned int, long and unsigned long. */
    private static final String[] NUMBERS = {"0", "00", "1", "-1", "+1", "2147483647", "2147483648", "4294967295",
        "4294967296", "9223372036854775807", "9223372036854775808", "18446744073709551616",
        "99999999999999999999999999999999999999", "000000000000000000000000000001", "1e9", "0x10"};

    /** What one mutation does. */
    public enum Kind {
        /** Insert a {@link #HOSTILE} octet sequence. */
        HOSTILE_BYTES,
        /** Insert one of the protocol's tokens. */
        TOKEN,
        /** Replace the next run of digits (or insert) with a number from {@link #NUMBERS}. */
        NUMBER,
        /** Repeat a slice of 1 to 8 octets up to 4,096 times (deep nesting, long runs). */
        REPEAT,
        /** Delete a slice. */
        DELETE,
        /** Cut the input short. */
        TRUNCATE,
        /** Replace the rest with the rest of another seed. */
        SPLICE,
        /** Flip the case of a slice. */
        CASE,
        /** Replace one octet with any octet value. */
        BYTE
    }

    /**
     * One mutation; every field shrinks towards a simpler input.
     *
     * @param kind what it does
     * @param at where, taken modulo the input length
     * @param span how many octets it affects
     * @param pick which token, number, hostile sequence, seed or octet value
     * @param count how often a slice is repeated
     */
    public record Mutation(Kind kind, int at, int span, int pick, int count) {
    }

    private final List<byte[]> seeds;
    private final List<byte[]> tokens;
    private final int maxLength;
    private final int maxMutations;

    private HostileInputs(List<byte[]> seeds, List<byte[]> tokens, int maxLength, int maxMutations) {
        if (seeds.isEmpty()) {
            throw new IllegalArgumentException("at least one seed");
        }
        this.seeds = List.copyOf(seeds);
        this.tokens = List.copyOf(tokens);
        this.maxLength = maxLength;
        this.maxMutations = maxMutations;
    }

    /** Mutations of the given valid inputs (UTF-8), at most 64 KiB each after mutation. */
    public static HostileInputs of(List<String> seeds) {
        List<byte[]> bytes = new ArrayList<>();
        for (String seed : seeds) {
            bytes.add(seed.getBytes(StandardCharsets.UTF_8));
        }
        return new HostileInputs(bytes, List.of(), 64 * 1024, 6);
    }

    /** Mutations of the given valid inputs as octets. */
    public static HostileInputs ofBytes(List<byte[]> seeds) {
        return new HostileInputs(seeds, List.of(), 64 * 1024, 6);
    }

    /** The protocol's special tokens (delimiters, keywords), inserted at random places. */
    public HostileInputs tokens(String... tokens) {
        List<byte[]> bytes = new ArrayList<>();
        for (String token : tokens) {
            bytes.add(token.getBytes(StandardCharsets.UTF_8));
        }
        return new HostileInputs(seeds, bytes, maxLength, maxMutations);
    }

    /** The longest input produced (a mutation that would exceed it is cut at this length). */
    public HostileInputs maxLength(int octets) {
        return new HostileInputs(seeds, tokens, octets, maxMutations);
    }

    public Arbitrary<FuzzInput> arbitrary() {
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 1 << 20), Arbitraries.integers().between(1, 16),
                Arbitraries.integers().between(0, 1 << 16), Arbitraries.integers().between(1, 4096))
                .as(Mutation::new);
        Arbitrary<Integer> seed = Arbitraries.integers().between(0, seeds.size() - 1);
        return Combinators.combine(seed, mutation.list().ofMaxSize(maxMutations))
                .as((index, mutations) -> new FuzzInput(apply(seeds.get(index), mutations)));
    }

    /** The seed with the mutations applied in order. */
    public byte[] apply(byte[] seed, List<Mutation> mutations) {
        byte[] input = seed;
        for (Mutation mutation : mutations) {
            input = apply(input, mutation);
            if (input.length > maxLength) {
                input = Arrays.copyOf(input, maxLength);
            }
        }
        return input;
    }

    private byte[] apply(byte[] in, Mutation m) {
        int at = in.length == 0 ? 0 : m.at() % (in.length + 1);
        int end = Math.min(in.length, at + m.span());
        return switch (m.kind()) {
            case HOSTILE_BYTES -> insert(in, at, HOSTILE[m.pick() % HOSTILE.length]);
            case TOKEN -> tokens.isEmpty() ? in : insert(in, at, tokens.get(m.pick() % tokens.size()));
            case NUMBER -> number(in, at, NUMBERS[m.pick() % NUMBERS.length].getBytes(StandardCharsets.US_ASCII));
            case REPEAT -> repeat(in, at, Math.min(end, at + 8), m.count());
            case DELETE -> splice(in, at, end, new byte[0]);
            case TRUNCATE -> Arrays.copyOf(in, at);
            case SPLICE -> {
                byte[] other = seeds.get(m.pick() % seeds.size());
                int from = other.length == 0 ? 0 : m.span() * 97 % (other.length + 1);
                yield splice(in, at, in.length, Arrays.copyOfRange(other, from, other.length));
            }
            case CASE -> flipCase(in, at, end);
            case BYTE -> {
                if (at == in.length) {
                    yield insert(in, at, new byte[] {(byte) m.pick()});
                }
                byte[] out = in.clone();
                out[at] = (byte) m.pick();
                yield out;
            }
        };
    }

    private static byte[] insert(byte[] in, int at, byte[] what) {
        return splice(in, at, at, what);
    }

    /** Replaces the octets {@code [from, to)} with {@code what}. */
    private static byte[] splice(byte[] in, int from, int to, byte[] what) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length - (to - from) + what.length);
        out.write(in, 0, from);
        out.write(what, 0, what.length);
        out.write(in, to, in.length - to);
        return out.toByteArray();
    }

    /** Replaces the first run of digits at or after {@code at} with {@code number}, or inserts it. */
    private static byte[] number(byte[] in, int at, byte[] number) {
        int start = at;
        while (start < in.length && !isDigit(in[start])) {
            start++;
        }
        if (start == in.length) {
            return insert(in, at, number);
        }
        int end = start;
        while (end < in.length && isDigit(in[end])) {
            end++;
        }
        return splice(in, start, end, number);
    }

    private byte[] repeat(byte[] in, int from, int to, int count) {
        if (to <= from) {
            return in;
        }
        int slice = to - from;
        int times = Math.max(1, Math.min(count, (maxLength - in.length) / slice));
        byte[] repeated = new byte[slice * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(in, from, repeated, i * slice, slice);
        }
        return splice(in, from, to, repeated);
    }

    private static byte[] flipCase(byte[] in, int from, int to) {
        byte[] out = in.clone();
        for (int i = from; i < to; i++) {
            byte b = out[i];
            if ((b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z')) {
                out[i] = (byte) (b ^ 0x20);
            }
        }
        return out;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
