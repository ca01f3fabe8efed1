package io.mailplatform.core.arc;

import io.mailplatform.core.dkim.DkimException;
import io.mailplatform.core.dkim.DkimResult;
import io.mailplatform.core.dkim.DkimSignature;
import io.mailplatform.core.dkim.DkimVerifier;
import io.mailplatform.core.dkim.SigningAlgorithm;
import io.mailplatform.core.dkim.TagList;
import io.mailplatform.core.mime.HeaderField;
import io.mailplatform.core.mime.HeaderSection;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

/**
 * Validates a message's ARC chain (RFC 8617 §5.2): the sets form a chain 1..N; the newest seal does not
 * say cv=fail; the first seal says cv=none and every later one cv=pass; the newest
 * ARC-Message-Signature verifies (as a DKIM signature, with {@link DkimVerifier}); and every seal, from
 * the newest down, verifies over the sets up to its own. Keys come through the verifier's DNS look-up.
 */
public final class ArcVerifier {
    private final DkimVerifier dkim;

    public ArcVerifier(DkimVerifier dkim) {
        this.dkim = dkim;
    }

    /** Whether the message carries ARC fields at all; cheap, so mail without them needs no thread. */
    public static boolean sealed(byte[] message) {
        return ArcSets.present(HeaderSection.fields(message));
    }

    public ArcResult verify(byte[] message) {
        int bodyStart = HeaderSection.bodyOffset(message);
        List<HeaderField> fields = HeaderSection.fields(message, 0, bodyStart);
        List<ArcSets.ArcSet> sets;
        try {
            sets = ArcSets.of(message, fields);
        } catch (ArcSets.MalformedChainException e) {
            return ArcResult.fail(0, e.getMessage());
        }
        if (sets.isEmpty()) {
            return ArcResult.NONE;
        }
        int n = sets.size();
        TagList[] seals = new TagList[n];
        for (ArcSets.ArcSet set : sets) {
            try {
                seals[set.instance() - 1] = TagList.parse(set.seal().value(message));
            } catch (DkimException e) {
                return ArcResult.fail(n, "seal i=" + set.instance() + ": " + e.getMessage());
            }
        }
        if ("fail".equalsIgnoreCase(seals[n - 1].get("cv"))) {
            return ArcResult.fail(n, "the chain failed before us");
        }
        for (int i = 0; i < n; i++) {
            String expected = i == 0 ? "none" : "pass";
            if (!expected.equalsIgnoreCase(seals[i].get("cv"))) {
                return ArcResult.fail(n, "seal i=" + (i + 1) + " has cv=" + seals[i].get("cv") + ", not " + expected);
            }
        }
        ArcSets.ArcSet newest = sets.get(n - 1);
        DkimResult ams;
        try {
            DkimSignature signature = DkimSignature.parseArcMessageSignature(newest.messageSignature().value(message));
            if (signature.signedFields().stream().anyMatch(name -> name.equalsIgnoreCase(ArcSets.SEAL))) {
                return ArcResult.fail(n, "message signature i=" + n + " signs an ARC-Seal"); // §4.1.2
            }
            ams = dkim.verify(message, fields, newest.messageSignature(), signature, bodyStart, new HashMap<>());
        } catch (DkimException e) {
            return ArcResult.fail(n, "message signature i=" + n + ": " + e.getMessage());
        }
        if (!ams.passed()) {
            return ArcResult.fail(n, "message signature i=" + n + ": " + ams.reason());
        }
        for (int i = n; i >= 1; i--) {
            ArcSets.ArcSet set = sets.get(i - 1);
            DkimResult seal = verifySeal(message, sets, set, seals[i - 1]);
            if (!seal.passed()) {
                return ArcResult.fail(n, "seal i=" + i + ": " + seal.reason());
            }
        }
        return new ArcResult(ArcResult.ChainValidation.PASS, n, seals[n - 1].get("d").toLowerCase(Locale.ROOT), null);
    }

    private DkimResult verifySeal(byte[] message, List<ArcSets.ArcSet> sets, ArcSets.ArcSet set, TagList tags) {
        try {
            SigningAlgorithm algorithm = SigningAlgorithm.of(tags.require("a"));
            byte[] value = Base64.getDecoder().decode(TagList.withoutFws(tags.require("b")));
            byte[] field = Arrays.copyOfRange(message, set.seal().start(), set.seal().end());
            byte[] data = ArcSets.sealInput(message, sets, set.instance(), field);
            return dkim.verifyData(null, tags.require("d").toLowerCase(Locale.ROOT), tags.require("s").toLowerCase(Locale.ROOT),
                    algorithm, value, data);
        } catch (DkimException e) {
            return new DkimResult(DkimResult.Verdict.PERMERROR, e.getMessage(), null, 0);
        } catch (IllegalArgumentException e) {
            return new DkimResult(DkimResult.Verdict.PERMERROR, "malformed base64 in b=", null, 0);
        }
    }
}
