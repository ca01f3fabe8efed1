package io.mailplatform.delivery.relay.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The service extensions a server announced in its EHLO reply (RFC 5321 §4.1.1.1): each line after
 * the first is {@code ehlo-keyword *( SP ehlo-param )}. Keywords are kept upper-case with their
 * parameters; a line that is no keyword is ignored, never an error (servers send odd lines such as
 * {@code AUTH=LOGIN}). After HELO there are none.
 *
 * @param keywords upper-case keyword to its parameters, in the order announced
 */
public record EhloExtensions(Map<String, List<String>> keywords) {
    public static final String STARTTLS = "STARTTLS";
    public static final String PIPELINING = "PIPELINING";
    public static final String SIZE = "SIZE";
    public static final String EIGHT_BIT_MIME = "8BITMIME";
    public static final String SMTPUTF8 = "SMTPUTF8";
    public static final String BINARYMIME = "BINARYMIME";
    public static final String CHUNKING = "CHUNKING";
    public static final String DSN = "DSN";
    public static final String AUTH = "AUTH";

    /** RFC 5321 §4.1.1.1 {@code ehlo-keyword = (ALPHA / DIGIT) *(ALPHA / DIGIT / "-")}. */
    private static final Pattern KEYWORD = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]*");

    /** What a server that answered HELO offers: nothing. */
    public static final EhloExtensions NONE = new EhloExtensions(Map.of());

    public EhloExtensions {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        keywords.forEach((keyword, parameters) -> copy.put(keyword, List.copyOf(parameters)));
        keywords = Collections.unmodifiableMap(copy);
    }

    /** Reads the keywords of a positive EHLO reply (its first line names the server). */
    public static EhloExtensions parse(SmtpReply ehloReply) {
        Map<String, List<String>> keywords = new LinkedHashMap<>();
        List<String> lines = ehloReply.lines();
        for (int i = 1; i < lines.size(); i++) {
            String[] words = lines.get(i).trim().split(" +");
            if (words.length == 0 || !KEYWORD.matcher(words[0]).matches()) {
                continue;
            }
            keywords.putIfAbsent(words[0].toUpperCase(Locale.ROOT), List.of(words).subList(1, words.length));
        }
        return new EhloExtensions(keywords);
    }

    public boolean supports(String keyword) {
        return keywords.containsKey(keyword);
    }

    /**
     * The largest message the server takes, from {@code SIZE n} (RFC 1870 §4); 0 when it announced
     * no limit, no size or one that is no number.
     */
    public long sizeLimit() {
        List<String> parameters = keywords.get(SIZE);
        if (parameters == null || parameters.isEmpty()) {
            return 0;
        }
        String value = parameters.get(0);
        if (value.isEmpty() || value.length() > 18 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return 0;
        }
        return Long.parseLong(value);
    }

    /** The SASL mechanisms of {@code AUTH} (RFC 4954 §3), upper-case. */
    public Set<String> authMechanisms() {
        List<String> parameters = keywords.get(AUTH);
        if (parameters == null) {
            return Set.of();
        }
        return Set.copyOf(parameters.stream().map(p -> p.toUpperCase(Locale.ROOT)).toList());
    }
}
