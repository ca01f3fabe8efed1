package io.mailplatform.core.mime;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongConsumer;

/** Seeded property runs and random summaries: a failure names the seed that reproduces it. */
final class SummaryProperties {
    private SummaryProperties() {
    }

    /**
     * Runs {@code property} for {@code runs} seeds. The first seed comes from the system property
     * {@code summary.seed} when set (to replay a failure), else from the clock.
     */
    static void forSeeds(int runs, LongConsumer property) {
        String fixed = System.getProperty("summary.seed");
        long base = fixed != null ? Long.parseLong(fixed) : System.nanoTime();
        for (int i = 0; i < (fixed != null ? 1 : runs); i++) {
            long seed = base + i;
            try {
                property.accept(seed);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError("property failed for seed " + seed + " (replay with -Dsummary.seed=" + seed
                        + ")", e);
            }
        }
    }

    static MessageSummary summary(SplittableRandom random) {
        return new MessageSummary(envelope(random), part(random, 0), random.nextBoolean() ? null
                : Instant.ofEpochSecond(random.nextLong(-10_000_000_000L, 10_000_000_000L), random.nextInt(1_000_000_000))
                        .atOffset(ZoneOffset.ofTotalSeconds(60 * random.nextInt(-18 * 60, 18 * 60 + 1))),
                string(random, 2000), string(random, 500));
    }

    static ImapEnvelope envelope(SplittableRandom random) {
        List<EnvelopeAddress> from = addresses(random);
        return new ImapEnvelope(string(random, 40), string(random, 200), from,
                random.nextBoolean() ? from : addresses(random), random.nextBoolean() ? from : addresses(random),
                addresses(random), addresses(random), addresses(random), string(random, 50), string(random, 50));
    }

    static List<EnvelopeAddress> addresses(SplittableRandom random) {
        List<EnvelopeAddress> list = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            list.add(new EnvelopeAddress(string(random, 30), string(random, 10), string(random, 20), string(random, 20)));
        }
        return list;
    }

    static BodyPart part(SplittableRandom random, int depth) {
        List<BodyPart> parts = new ArrayList<>();
        if (depth < 4 && random.nextInt(3) == 0) {
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                parts.add(part(random, depth + 1));
            }
        }
        boolean message = depth < 4 && random.nextInt(6) == 0;
        int header = random.nextInt(Integer.MAX_VALUE);
        int body = random.nextBoolean() ? header + random.nextInt(1000) : random.nextInt();
        return new BodyPart(nonNull(random, 10), nonNull(random, 10), parameters(random), string(random, 30),
                string(random, 30), string(random, 16), header, body, random.nextInt(), random.nextInt(), string(random, 24),
                random.nextBoolean() ? null : new BodyPart.Disposition(nonNull(random, 10), parameters(random)),
                random.nextBoolean() ? List.of() : List.of(nonNull(random, 5), nonNull(random, 5)), string(random, 40), parts,
                message ? envelope(random) : null, message ? part(random, depth + 1) : null);
    }

    static List<BodyPart.Parameter> parameters(SplittableRandom random) {
        List<BodyPart.Parameter> list = new ArrayList<>();
        int count = random.nextInt(4);
        for (int i = 0; i < count; i++) {
            list.add(new BodyPart.Parameter(nonNull(random, 10), nonNull(random, 60)));
        }
        return list;
    }

    private static final String[] FREQUENT = {"text", "plain", "charset", "utf-8", "base64", "multipart", "mixed", ""};

    /** Null, empty, a dictionary word or random text with ASCII, Latin, CJK and astral characters. */
    static String string(SplittableRandom random, int maxLength) {
        return random.nextInt(5) == 0 ? null : nonNull(random, maxLength);
    }

    static String nonNull(SplittableRandom random, int maxLength) {
        if (random.nextInt(4) == 0) {
            return FREQUENT[random.nextInt(FREQUENT.length)];
        }
        int length = random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> out.append((char) random.nextInt(0x20, 0x7f));
                case 1 -> out.append((char) random.nextInt(0xa0, 0x250));
                case 2 -> out.append((char) random.nextInt(0x4e00, 0x9fff));
                case 3 -> out.appendCodePoint(random.nextInt(0x1f300, 0x1f5ff));
                case 4 -> out.append((char) random.nextInt(0, 0x20));
                default -> out.append('a');
            }
        }
        return out.toString();
    }
}
