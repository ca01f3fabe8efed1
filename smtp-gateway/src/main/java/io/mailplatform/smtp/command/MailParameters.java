package io.mailplatform.smtp.command;

import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnReturn;

/**
 * The ESMTP parameters of MAIL FROM.
 *
 * @param size the SIZE= estimate in octets (RFC 1870), or -1 when absent
 * @param body the BODY= type (RFC 6152, RFC 3030), 7BIT when absent
 * @param smtpUtf8 the SMTPUTF8 keyword (RFC 6531)
 * @param dsnReturn RET= (RFC 3461 §4.3), or null
 * @param dsnEnvelopeId ENVID= decoded from xtext (RFC 3461 §4.4), or null
 * @param authorization AUTH= mailbox decoded from xtext (RFC 4954 §5), or null; "<>" when unknown
 */
public record MailParameters(long size, BodyType body, boolean smtpUtf8, DsnReturn dsnReturn, String dsnEnvelopeId,
        String authorization) {
    public static final MailParameters NONE = new MailParameters(-1, BodyType.SEVEN_BIT, false, null, null, null);
}
