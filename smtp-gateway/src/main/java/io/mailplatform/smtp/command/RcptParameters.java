package io.mailplatform.smtp.command;

import io.mailplatform.core.envelope.DsnNotify;
import java.util.Set;

/**
 * The ESMTP parameters of RCPT TO (RFC 3461 §4.1, §4.2).
 *
 * @param notifyOn the NOTIFY= set, empty when absent
 * @param originalRecipient ORCPT= as sent ({@code addr-type;xtext}), or null
 */
public record RcptParameters(Set<DsnNotify> notifyOn, String originalRecipient) {
    public static final RcptParameters NONE = new RcptParameters(Set.of(), null);

    public RcptParameters {
        notifyOn = Set.copyOf(notifyOn);
    }
}
