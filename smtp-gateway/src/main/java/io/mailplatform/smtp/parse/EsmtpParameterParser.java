package io.mailplatform.smtp.parse;

import io.mailplatform.core.address.AddressException;
import io.mailplatform.core.address.Xtext;
import io.mailplatform.core.envelope.BodyType;
import io.mailplatform.core.envelope.DsnNotify;
import io.mailplatform.core.envelope.DsnReturn;
import io.mailplatform.core.text.ClientText;
import io.mailplatform.smtp.command.MailParameters;
import io.mailplatform.smtp.command.RcptParameters;
import io.mailplatform.smtp.reply.Replies;
import io.mailplatform.smtp.reply.SmtpException;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * RFC 5321 §4.1.2 {@code Mail-parameters} / {@code Rcpt-parameters}: {@code esmtp-param *(SP
 * esmtp-param)}, {@code esmtp-param = esmtp-keyword ["=" esmtp-value]}. Only the parameters of the
 * extensions the gateway advertises are accepted; any other is {@code 555 5.5.4} (§4.1.1.11), a
 * known one with a bad value {@code 501 5.5.4}, among them an xtext value (ENVID, ORCPT, AUTH) that
 * decodes to a control character: an encoded CR LF would otherwise forge fields in a DSN.
 */
final class EsmtpParameterParser {
    /** RFC 3461 §4.4: ENVID is at most 100 characters. */
    private static final int MAX_ENVID = 100;
    /** RFC 1870 §3: {@code size-value ::= 1*20DIGIT}. */
    private static final int MAX_SIZE_DIGITS = 20;

    private EsmtpParameterParser() {
    }

    static MailParameters mail(String text) {
        long size = -1;
        BodyType body = BodyType.SEVEN_BIT;
        boolean smtpUtf8 = false;
        DsnReturn ret = null;
        String envId = null;
        String auth = null;
        for (Parameter parameter : parameters(text)) {
            String value = parameter.value();
            switch (parameter.keyword()) {
                case "SIZE" -> size = size(value);
                case "BODY" -> body = body(value);
                case "SMTPUTF8" -> {
                    noValue(value);
                    smtpUtf8 = true;
                }
                case "RET" -> ret = ret(value);
                case "ENVID" -> envId = xtext(value, MAX_ENVID);
                case "AUTH" -> auth = xtext(value, 500);
                default -> throw new SmtpException(Replies.UNSUPPORTED_PARAMETER);
            }
        }
        return new MailParameters(size, body, smtpUtf8, ret, envId, auth);
    }

    static RcptParameters rcpt(String text) {
        Set<DsnNotify> notify = Set.of();
        String orcpt = null;
        for (Parameter parameter : parameters(text)) {
            switch (parameter.keyword()) {
                case "NOTIFY" -> notify = notify(parameter.value());
                case "ORCPT" -> orcpt = orcpt(parameter.value());
                default -> throw new SmtpException(Replies.UNSUPPORTED_PARAMETER);
            }
        }
        return new RcptParameters(notify, orcpt);
    }

    /** One {@code esmtp-param}: the keyword upper-cased, the value as sent (null when absent). */
    private record Parameter(String keyword, String value) {
    }

    /** Splits and checks the keywords; a keyword may appear once. */
    private static List<Parameter> parameters(String text) {
        List<Parameter> parameters = new ArrayList<>(4);
        Set<String> seen = new HashSet<>();
        for (String parameter : split(text)) {
            int equals = parameter.indexOf('=');
            String keyword = (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
            checkKeyword(keyword, seen);
            parameters.add(new Parameter(keyword, equals < 0 ? null : parameter.substring(equals + 1)));
        }
        return parameters;
    }

    /** The parameters, separated by one or more spaces (no regular expression: this runs for every MAIL and RCPT). */
    private static List<String> split(String text) {
        List<String> parameters = new ArrayList<>(4);
        int i = 0;
        int length = text.length();
        while (i < length) {
            while (i < length && text.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < length && text.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                parameters.add(text.substring(start, i));
            }
        }
        return parameters;
    }

    /** {@code esmtp-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")}; a keyword may appear once. */
    private static void checkKeyword(String keyword, Set<String> seen) {
        if (keyword.isEmpty() || keyword.charAt(0) == '-') {
            throw bad("Invalid parameter keyword");
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-')) {
                throw bad("Invalid parameter keyword");
            }
        }
        if (!seen.add(keyword)) {
            throw bad("Duplicate parameter " + ClientText.excerpt(keyword));
        }
    }

    private static long size(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_SIZE_DIGITS) {
            throw bad("Invalid SIZE value");
        }
        for (int i = 0; i < value.length(); i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                throw bad("Invalid SIZE value");
            }
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // 20 digits may exceed a long: larger than any limit anyway
        }
    }

    private static BodyType body(String value) {
        BodyType type = value == null ? null : BodyType.fromKeyword(value);
        if (type == null) {
            throw bad("Invalid BODY value, use 7BIT, 8BITMIME or BINARYMIME");
        }
        return type;
    }

    private static DsnReturn ret(String value) {
        if ("FULL".equalsIgnoreCase(value)) {
            return DsnReturn.FULL;
        }
        if ("HDRS".equalsIgnoreCase(value)) {
            return DsnReturn.HDRS;
        }
        throw bad("Invalid RET value, use FULL or HDRS");
    }

    /** RFC 3461 §4.1: {@code "NEVER" / 1#( "SUCCESS" / "FAILURE" / "DELAY" )}. */
    private static Set<DsnNotify> notify(String value) {
        if (value == null || value.isEmpty()) {
            throw bad("Invalid NOTIFY value");
        }
        Set<DsnNotify> set = EnumSet.noneOf(DsnNotify.class);
        for (String item : value.split(",", -1)) {
            DsnNotify notify;
            try {
                notify = DsnNotify.valueOf(item.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw bad("Invalid NOTIFY value " + ClientText.excerpt(item));
            }
            if (!set.add(notify)) {
                throw bad("Duplicate NOTIFY value " + ClientText.excerpt(item));
            }
        }
        if (set.contains(DsnNotify.NEVER) && set.size() > 1) {
            throw bad("NOTIFY=NEVER cannot be combined");
        }
        return set;
    }

    /** RFC 3461 §4.2: {@code addr-type ";" xtext}, addr-type an atom such as rfc822. */
    private static String orcpt(String value) {
        int semicolon = value == null ? -1 : value.indexOf(';');
        if (semicolon <= 0) {
            throw bad("Invalid ORCPT value, use addr-type;xtext");
        }
        for (int i = 0; i < semicolon; i++) {
            char c = value.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) {
                throw bad("Invalid ORCPT address type");
            }
        }
        xtext(value.substring(semicolon + 1), 500);
        return value;
    }

    private static String xtext(String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max) {
            throw bad("Invalid xtext value");
        }
        try {
            return Xtext.decode(value);
        } catch (AddressException e) {
            throw bad("Invalid xtext value: " + e.getMessage());
        }
    }

    private static void noValue(String value) {
        if (value != null) {
            throw bad("Parameter takes no value");
        }
    }

    private static SmtpException bad(String text) {
        return new SmtpException(Replies.BAD_PARAMETER_VALUE.withText(text));
    }
}
