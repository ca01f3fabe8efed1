package io.mailplatform.core.arc;

import io.mailplatform.core.dkim.DkimSigner;
import io.mailplatform.core.mime.HeaderSection;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.List;

/**
 * Adds an ARC set to a message we forward (RFC 8617 §5.1): ARC-Authentication-Results with our
 * authentication results, an ARC-Message-Signature and an ARC-Seal, both made by a {@link DkimSigner}
 * of the forwarding domain. The seal's cv= is what validating the incoming chain gave. A chain that
 * already failed, or that would exceed {@value ArcSets#MAX_INSTANCE} sets, is not extended (§5.1.2).
 */
public final class ArcSealer {
    private ArcSealer() {
    }

    /**
     * The three fields to put on top of the message (each ending in CRLF), or null when the chain must not be
     * extended.
     *
     * @param incoming the validation of the chain the message came with
     * @param results the value of our Authentication-Results field: authserv-id and results, without the name
     */
    public static String seal(byte[] message, ArcResult incoming, String results, DkimSigner signer, Instant now)
            throws GeneralSecurityException {
        if (incoming.cv() == ArcResult.ChainValidation.FAIL || incoming.instance() >= ArcSets.MAX_INSTANCE) {
            return null;
        }
        int instance = incoming.instance() + 1;
        String aar = ArcSets.AAR + ": i=" + instance + "; " + results + "\r\n";
        String ams = signer.signArcMessage(instance, message, now);
        // the seal covers the new set too: lay it over the message (with a placeholder seal) to read the sets
        byte[] placeholder = (aar + ams + ArcSets.SEAL + ": i=" + instance + "; b=\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] withSet = new byte[placeholder.length + message.length];
        System.arraycopy(placeholder, 0, withSet, 0, placeholder.length);
        System.arraycopy(message, 0, withSet, placeholder.length, message.length);
        List<ArcSets.ArcSet> sets;
        try {
            sets = ArcSets.of(withSet, HeaderSection.fields(withSet, 0, HeaderSection.bodyOffset(withSet)));
        } catch (ArcSets.MalformedChainException e) {
            return null; // the incoming chain was validated; only a concurrent change could get here
        }
        String cv = incoming.cv().keyword();
        String seal = signer.seal(instance, cv, now, unsigned -> ArcSets.sealInput(withSet, sets, instance, unsigned));
        return seal + ams + aar;
    }
}
