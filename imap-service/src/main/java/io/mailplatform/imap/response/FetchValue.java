package io.mailplatform.imap.response;

import io.mailplatform.core.mime.BodyPart;
import io.mailplatform.core.mime.ImapEnvelope;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/** One data item of a FETCH response (RFC 9051 §7.5.2). */
public sealed interface FetchValue {

    record Flags(List<String> flags) implements FetchValue {
    }

    record Uid(long uid) implements FetchValue {
    }

    /** MODSEQ of RFC 7162 §3.1.4: the message's mod-sequence. */
    record ModSeq(long modSeq) implements FetchValue {
    }

    record InternalDate(Instant date) implements FetchValue {
    }

    /** SAVEDATE of RFC 8514: null when the save date is not known (NIL). */
    record SaveDate(Instant date) implements FetchValue {
    }

    /**
     * EMAILID or THREADID of RFC 8474: {@code name (id)}, or {@code name NIL} when {@code id} is null.
     */
    record ObjectId(String name, String id) implements FetchValue {
    }

    /** PREVIEW of RFC 8970: null for NIL (not available yet, PREVIEW (LAZY)). */
    record Preview(String text) implements FetchValue {
    }

    /** RFC822.SIZE. */
    record Size(long size) implements FetchValue {
    }

    record Envelope(ImapEnvelope envelope) implements FetchValue {
    }

    /** BODY (extensible false) or BODYSTRUCTURE. */
    record BodyStructure(BodyPart body, boolean extensible) implements FetchValue {
    }

    /**
     * A body section, written as a literal.
     *
     * @param name the data item name, e.g. {@code BODY[HEADER]<0>} or {@code RFC822}
     * @param content the octets, or null for NIL (no such part)
     */
    record Section(String name, byte[] content) implements FetchValue {
    }

    /**
     * BINARY[...]: decoded content, sent as literal8 ({@code ~{n}}) when it holds NUL octets.
     */
    record Binary(String name, byte[] content) implements FetchValue {
    }

    record BinarySize(String name, long size) implements FetchValue {
    }

    /**
     * A section too large to hold in memory, written as a literal of {@code length} octets read a
     * chunk at a time while the client takes them ({@code encode.StreamedLiteral}).
     *
     * @param name the data item name, as for {@link Section} or {@link Binary}
     * @param length the exact number of octets the literal announces
     * @param literal8 whether to send literal8 ({@code ~{n}}): BINARY, whose octets are not scanned for NUL
     * @param source where the octets come from
     */
    record StreamedSection(String name, long length, boolean literal8, Octets source) implements FetchValue {
    }

    /**
     * A value read and encoded only when its turn comes to be written, when the client has taken
     * what came before: a section that did not fit in what a FETCH batch may hold. Its octets are
     * read on their own then, so a response with many large items holds one at a time.
     *
     * @param value computes the value ({@link Section}, {@link Binary} or {@link BinarySize})
     */
    record Deferred(Supplier<FetchValue> value) implements FetchValue {
    }

    /** Reads a streamed section's octets. */
    @FunctionalInterface
    interface Octets {
        /**
         * {@code length} octets from {@code offset} of the section; null or fewer octets when the
         * message no longer exists.
         */
        byte[] read(long offset, int length);
    }
}
