package io.mailplatform.core.envelope;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The binary form of an {@link Envelope} carried in the Kafka record header {@value #HEADER}; the
 * record value is the raw message, untouched. The first byte is the format version, so a reader
 * can refuse (dead-letter) a version it does not know instead of misreading it.
 *
 * <p>Version 1: strings are a signed 32-bit length (−1 for null) and UTF-8 bytes; enums are their
 * ordinal as one byte (−1 for null); NOTIFY is a bit set of {@link DsnNotify} ordinals.
 */
public final class EnvelopeCodec {
    public static final String HEADER = "mail-envelope";
    public static final byte VERSION = 1;
    private static final int MAX_STRING = 1 << 20;
    private static final int MAX_RECIPIENTS = 100_000;

    private EnvelopeCodec() {
    }

    public static byte[] encode(Envelope envelope) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            writeString(out, envelope.id());
            writeString(out, envelope.reversePath());
            out.writeInt(envelope.recipients().size());
            for (EnvelopeRecipient recipient : envelope.recipients()) {
                writeString(out, recipient.address());
                int bits = 0;
                for (DsnNotify notify : recipient.notifyOn()) {
                    bits |= 1 << notify.ordinal();
                }
                out.writeByte(bits);
                writeString(out, recipient.originalRecipient());
            }
            writeString(out, envelope.clientAddress());
            writeString(out, envelope.heloName());
            writeString(out, envelope.authenticatedUser());
            writeString(out, envelope.tls() == null ? null : envelope.tls().protocol());
            writeString(out, envelope.tls() == null ? null : envelope.tls().cipherSuite());
            out.writeLong(envelope.receivedAt().toEpochMilli());
            out.writeByte(envelope.bodyType().ordinal());
            out.writeBoolean(envelope.smtpUtf8());
            out.writeByte(envelope.dsnReturn() == null ? -1 : envelope.dsnReturn().ordinal());
            writeString(out, envelope.dsnEnvelopeId());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static Envelope decode(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new EnvelopeFormatException("missing envelope header");
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            byte version = in.readByte();
            if (version != VERSION) {
                throw new EnvelopeFormatException("unsupported envelope version " + version);
            }
            String id = readString(in);
            String reversePath = readString(in);
            int count = in.readInt();
            if (count < 0 || count > MAX_RECIPIENTS) {
                throw new EnvelopeFormatException("bad recipient count " + count);
            }
            List<EnvelopeRecipient> recipients = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String address = readString(in);
                int bits = in.readUnsignedByte();
                Set<DsnNotify> notify = EnumSet.noneOf(DsnNotify.class);
                for (DsnNotify value : DsnNotify.values()) {
                    if ((bits & (1 << value.ordinal())) != 0) {
                        notify.add(value);
                    }
                }
                recipients.add(new EnvelopeRecipient(address, notify, readString(in)));
            }
            String client = readString(in);
            String helo = readString(in);
            String user = readString(in);
            String tlsProtocol = readString(in);
            String tlsCipher = readString(in);
            Instant receivedAt = Instant.ofEpochMilli(in.readLong());
            BodyType bodyType = enumAt(BodyType.values(), in.readByte());
            boolean smtpUtf8 = in.readBoolean();
            DsnReturn ret = enumAt(DsnReturn.values(), in.readByte());
            String envId = readString(in);
            if (id == null || reversePath == null || bodyType == null) {
                throw new EnvelopeFormatException("envelope lacks id, reverse path or body type");
            }
            Envelope.TlsInfo tls = tlsProtocol == null ? null : new Envelope.TlsInfo(tlsProtocol, tlsCipher);
            return new Envelope(id, reversePath, recipients, client, helo, user, tls, receivedAt, bodyType,
                    smtpUtf8, ret, envId);
        } catch (IOException e) {
            throw new EnvelopeFormatException("truncated envelope", e);
        }
    }

    private static <E extends Enum<E>> E enumAt(E[] values, byte ordinal) {
        if (ordinal == -1) {
            return null;
        }
        if (ordinal < 0 || ordinal >= values.length) {
            throw new EnvelopeFormatException("bad enum ordinal " + ordinal);
        }
        return values[ordinal];
    }

    private static void writeString(DataOutputStream out, String value) throws IOException {
        if (value == null) {
            out.writeInt(-1);
            return;
        }
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > MAX_STRING) {
            throw new EnvelopeFormatException("bad string length " + length);
        }
        byte[] utf8 = in.readNBytes(length);
        if (utf8.length != length) {
            throw new EnvelopeFormatException("truncated envelope string");
        }
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
