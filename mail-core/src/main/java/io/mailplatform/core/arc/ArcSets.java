package io.mailplatform.core.arc;

import io.mailplatform.core.dkim.Canonicalization;
import io.mailplatform.core.dkim.DkimException;
import io.mailplatform.core.dkim.HeaderHashInput;
import io.mailplatform.core.dkim.TagList;
import io.mailplatform.core.mime.HeaderField;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ARC sets of a message header (RFC 8617 §4.1): for each instance i, one ARC-Authentication-Results,
 * one ARC-Message-Signature and one ARC-Seal. {@link #of} refuses a header whose sets are not exactly
 * 1..N, each complete and unique, with N at most {@value #MAX_INSTANCE} (§4.2.1).
 */
public final class ArcSets {
    public static final String AAR = "ARC-Authentication-Results";
    public static final String AMS = "ARC-Message-Signature";
    public static final String SEAL = "ARC-Seal";
    public static final int MAX_INSTANCE = 50;
    private static final Pattern INSTANCE = Pattern.compile("^[ \t\r\n]*i[ \t\r\n]*=[ \t\r\n]*([0-9]{1,2})[ \t\r\n]*(;|$)");

    /** One instance's three fields. */
    public record ArcSet(int instance, HeaderField results, HeaderField messageSignature, HeaderField seal) {
    }

    /** A header whose ARC fields do not form a chain. */
    public static final class MalformedChainException extends Exception {
        MalformedChainException(String message) {
            super(message);
        }
    }

    private ArcSets() {
    }

    /** Whether the header has any ARC field. */
    public static boolean present(List<HeaderField> fields) {
        return fields.stream().anyMatch(f -> isArc(f.name()));
    }

    private static boolean isArc(String name) {
        return name.equalsIgnoreCase(AAR) || name.equalsIgnoreCase(AMS) || name.equalsIgnoreCase(SEAL);
    }

    /** The sets by instance, index 0 holding i=1; empty when the header has no ARC field. */
    public static List<ArcSet> of(byte[] message, List<HeaderField> fields) throws MalformedChainException {
        HeaderField[][] byInstance = new HeaderField[MAX_INSTANCE + 1][3];
        int highest = 0;
        for (HeaderField field : fields) {
            String name = field.name().toLowerCase(Locale.ROOT);
            int kind = name.equals("arc-authentication-results") ? 0 : name.equals("arc-message-signature") ? 1
                    : name.equals("arc-seal") ? 2 : -1;
            if (kind < 0) {
                continue;
            }
            int instance = instance(kind, field.value(message), field.name());
            if (instance < 1 || instance > MAX_INSTANCE) {
                throw new MalformedChainException("instance i=" + instance + " outside 1.." + MAX_INSTANCE);
            }
            if (byInstance[instance][kind] != null) {
                throw new MalformedChainException("two " + field.name() + " fields with i=" + instance);
            }
            byInstance[instance][kind] = field;
            highest = Math.max(highest, instance);
        }
        List<ArcSet> sets = new ArrayList<>(highest);
        for (int i = 1; i <= highest; i++) {
            HeaderField[] set = byInstance[i];
            if (Arrays.stream(set).anyMatch(f -> f == null)) {
                throw new MalformedChainException("ARC set i=" + i + " is incomplete");
            }
            sets.add(new ArcSet(i, set[0], set[1], set[2]));
        }
        return sets;
    }

    /**
     * The i= of a field: the first thing in ARC-Authentication-Results (§4.1.1, the results follow it), a
     * tag anywhere in the tag lists of the signature and the seal.
     */
    private static int instance(int kind, String value, String name) throws MalformedChainException {
        String text;
        if (kind == 0) {
            Matcher m = INSTANCE.matcher(value);
            text = m.find() ? m.group(1) : null;
        } else {
            try {
                text = TagList.parse(value).get("i");
            } catch (DkimException e) {
                throw new MalformedChainException(name + ": " + e.getMessage());
            }
        }
        if (text == null || !text.matches("[0-9]{1,2}")) {
            throw new MalformedChainException(name + " without a valid i=");
        }
        return Integer.parseInt(text);
    }

    /**
     * What the ARC-Seal of set {@code upTo} signs (RFC 8617 §5.1.1): the sets 1..upTo in order, each as
     * AAR, AMS, AS with relaxed header canonicalisation, the last seal with an empty b= and no final CRLF.
     *
     * @param seal the seal field of set {@code upTo} as it is or will be written
     */
    public static byte[] sealInput(byte[] message, List<ArcSet> sets, int upTo, byte[] seal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        for (ArcSet set : sets) {
            if (set.instance() > upTo) {
                break;
            }
            Canonicalization.RELAXED.header(message, set.results(), out);
            Canonicalization.RELAXED.header(message, set.messageSignature(), out);
            if (set.instance() < upTo) {
                Canonicalization.RELAXED.header(message, set.seal(), out);
            }
        }
        HeaderHashInput.appendSignatureField(seal, Canonicalization.RELAXED, out);
        return out.toByteArray();
    }
}
