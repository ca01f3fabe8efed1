package io.mailplatform.delivery.relay.smtp;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Domain;
import io.mailplatform.core.address.MailboxAddress;
import io.mailplatform.core.address.Xtext;
import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.envelope.EnvelopeRecipient;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes the MAIL FROM and RCPT TO command lines (RFC 5321 §4.1.1.2, §4.1.1.3) with their ESMTP
 * parameters. Pure. Nothing from the envelope reaches the wire unchecked: a path with a control
 * character, or one that is no mailbox, is refused ({@link InvalidPathException}) rather than
 * written, so no value can end a command line early; DSN values are xtext (RFC 3461 §4) or left out.
 */
final class EnvelopeCommands {
    /** RFC 3461 §4.4: ENVID is at most 100 characters. */
    private static final int MAX_ENVID_LENGTH = 100;
    /** RFC 3461 §4.2: ORCPT is at most 500 characters. */
    private static final int MAX_ORCPT_LENGTH = 500;
    /** RFC 3461 §4.2 {@code addr-type = atom}. */
    private static final Pattern ADDRESS_TYPE = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+");

    private EnvelopeCommands() {
    }

    /** Thrown for an address that cannot be written as an RFC 5321 path. */
    static final class InvalidPathException extends Exception {
        private static final long serialVersionUID = 1L;

        InvalidPathException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The MAIL FROM parameters chosen for one server.
     *
     * @param size {@code SIZE=} (RFC 1870), or 0 for none
     * @param body {@code BODY=} (RFC 6152, RFC 3030), or null for none
     * @param smtpUtf8 whether to send {@code SMTPUTF8} (RFC 6531)
     * @param dsn whether to pass {@code RET=} and {@code ENVID=} (RFC 3461)
     */
    record MailParameters(long size, BodyType body, boolean smtpUtf8, boolean dsn) {
    }

    static String mailFrom(OutboundTransaction transaction, MailParameters parameters) throws InvalidPathException {
        StringBuilder line = new StringBuilder(96).append("MAIL FROM:").append(path(transaction.reversePath(), true));
        if (parameters.size() > 0) {
            line.append(" SIZE=").append(parameters.size());
        }
        if (parameters.body() != null) {
            line.append(" BODY=").append(parameters.body().keyword());
        }
        if (parameters.smtpUtf8()) {
            line.append(" SMTPUTF8");
        }
        if (parameters.dsn()) {
            DsnReturn ret = transaction.dsnReturn();
            if (ret != null) {
                line.append(" RET=").append(ret.name());
            }
            String envid = transaction.dsnEnvelopeId() == null || Xtext.hasControl(transaction.dsnEnvelopeId()) ? null
                    : Xtext.encode(transaction.dsnEnvelopeId());
            if (envid != null && envid.length() <= MAX_ENVID_LENGTH) {
                line.append(" ENVID=").append(envid);
            }
        }
        return line.toString();
    }

    static String rcptTo(EnvelopeRecipient recipient, boolean dsn) throws InvalidPathException {
        StringBuilder line = new StringBuilder(96).append("RCPT TO:").append(path(recipient.address(), false));
        if (dsn) {
            if (!recipient.notifyOn().isEmpty()) {
                line.append(" NOTIFY=").append(notify(recipient));
            }
            String orcpt = recipient.originalRecipient();
            if (orcpt != null && isOriginalRecipient(orcpt)) {
                line.append(" ORCPT=").append(orcpt);
            }
        }
        return line.toString();
    }

    /**
     * {@code <local@domain>}, the local part quoted when it is no dot-atom; {@code <>} for the null
     * reverse-path.
     */
    static String path(String address, boolean reversePath) throws InvalidPathException {
        if (address.isEmpty()) {
            if (reversePath) {
                return "<>";
            }
            throw new InvalidPathException("empty forward-path");
        }
        if (Xtext.hasControl(address)) {
            throw new InvalidPathException("control character in address");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new InvalidPathException("address is not local-part@domain: " + address);
        }
        String local = address.substring(0, at);
        // an SRS local part may be longer (MailboxAddress.parse takes it too): forwarded mail leaves from one
        if (local.getBytes(StandardCharsets.UTF_8).length > MailboxAddress.MAX_LOCAL_PART_OCTETS
                && !MailboxAddress.isSrsLocalPart(local)) {
            throw new InvalidPathException("local part longer than 64 octets");
        }
        Domain domain;
        try {
            domain = Domain.parse(address.substring(at + 1));
        } catch (AddressException e) {
            throw new InvalidPathException(e.getMessage());
        }
        String path = "<" + new MailboxAddress(local, domain) + ">";
        if (path.getBytes(StandardCharsets.UTF_8).length > MailboxAddress.MAX_PATH_OCTETS) {
            throw new InvalidPathException("path longer than 256 octets");
        }
        return path;
    }

    /** Whether an address needs SMTPUTF8 to travel (RFC 6531 §3.2). */
    static boolean isInternational(String address) {
        for (int i = 0; i < address.length(); i++) {
            if (address.charAt(i) > 0x7f) {
                return true;
            }
        }
        return false;
    }

    /** RFC 3461 §4.1: NEVER alone, or the others in a fixed order. */
    private static String notify(EnvelopeRecipient recipient) {
        if (recipient.notifyOn().contains(DsnNotify.NEVER)) {
            return DsnNotify.NEVER.name();
        }
        List<String> values = new ArrayList<>(3);
        for (DsnNotify notify : List.of(DsnNotify.SUCCESS, DsnNotify.FAILURE, DsnNotify.DELAY)) {
            if (recipient.notifyOn().contains(notify)) {
                values.add(notify.name());
            }
        }
        return String.join(",", values);
    }

    /** {@code addr-type ";" xtext}, at most 500 characters; anything else is left out, not sent. */
    private static boolean isOriginalRecipient(String orcpt) {
        int semicolon = orcpt.indexOf(';');
        return orcpt.length() <= MAX_ORCPT_LENGTH && semicolon > 0
                && ADDRESS_TYPE.matcher(orcpt.substring(0, semicolon)).matches()
                && Xtext.isValid(orcpt.substring(semicolon + 1));
    }
}
