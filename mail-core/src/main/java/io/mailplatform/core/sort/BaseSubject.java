package io.mailplatform.core.sort;

import io.mailplatform.core.mime.HeaderText;
import java.util.Locale;

/**
 * The base subject of RFC 5256 §2.1, the key of SORT SUBJECT (and of THREAD ORDEREDSUBJECT): the
 * subject with reply and forward markers ("Re:", "Fwd:", "Fw:", "[list] ", "(fwd)", "[Fwd: ...]")
 * removed, so a reply sorts next to the message it answers.
 */
public final class BaseSubject {
    private BaseSubject() {
    }

    /** The base subject of a raw (undecoded) Subject field value; empty for null. */
    public static String of(String rawSubject) {
        return extract(rawSubject).base();
    }

    /**
     * Whether the subject marks a reply or a forward (RFC 5256 §2.1, §3 step 5.A): extracting its base
     * subject removed a subj-refwd ("Re:", "Fwd:", "Fw:") or unwrapped a subj-fwd-hdr/subj-fwd-trl
     * ("[Fwd: ...]").
     */
    public static boolean isReplyOrForward(String rawSubject) {
        return extract(rawSubject).replyOrForward();
    }

    private record Extracted(String base, boolean replyOrForward) {
    }

    private static Extracted extract(String rawSubject) {
        if (rawSubject == null) {
            return new Extracted("", false);
        }
        boolean replyOrForward = false;
        // step 1: decoded, every run of white space (folding included) one space
        String s = HeaderText.decode(rawSubject).replaceAll("[ \\t\\r\\n]+", " ");
        while (true) {
            s = withoutTrailers(s);
            boolean changed;
            do {
                changed = false;
                int leader;
                while ((leader = leader(s)) > 0) { // step 3
                    replyOrForward |= s.charAt(0) != ' '; // a leader other than white space holds a subj-refwd
                    s = s.substring(leader);
                    changed = true;
                }
                int blob = blob(s, 0);
                if (blob > 0 && blob < s.length()) { // step 4: a blob is removed only if something follows it
                    s = s.substring(blob);
                    changed = true;
                }
            } while (changed); // step 5
            // step 6: "[fwd: subject]" is the forwarded message's subject
            if (s.regionMatches(true, 0, "[fwd:", 0, 5) && s.endsWith("]")) {
                s = s.substring(5, s.length() - 1);
                replyOrForward = true;
                continue;
            }
            return new Extracted(s, replyOrForward);
        }
    }

    /** Step 2: subj-trailer = "(fwd)" / WSP, removed from the end as long as any remain. */
    private static String withoutTrailers(String s) {
        int end = s.length();
        while (true) {
            if (end > 0 && s.charAt(end - 1) == ' ') {
                end--;
            } else if (end >= 5 && s.regionMatches(true, end - 5, "(fwd)", 0, 5)) {
                end -= 5;
            } else {
                return s.substring(0, end);
            }
        }
    }

    /** The length of the subj-leader at the start, 0 if none: {@code (*subj-blob subj-refwd) / WSP}. */
    private static int leader(String s) {
        if (s.startsWith(" ")) {
            return 1;
        }
        int at = 0;
        int blob;
        while ((blob = blob(s, at)) > 0) {
            at += blob;
        }
        int refwd = refwd(s, at);
        return refwd > 0 ? at + refwd : 0;
    }

    /** subj-refwd = ("re" / ("fw" ["d"])) *WSP [subj-blob] ":"; its length at {@code at}, or 0. */
    private static int refwd(String s, int at) {
        for (String marker : new String[] {"re", "fwd", "fw"}) {
            if (!s.regionMatches(true, at, marker, 0, marker.length())) {
                continue;
            }
            int i = at + marker.length();
            while (i < s.length() && s.charAt(i) == ' ') {
                i++;
            }
            i += blob(s, i);
            if (i < s.length() && s.charAt(i) == ':') {
                return i + 1 - at;
            }
        }
        return 0;
    }

    /** subj-blob = "[" *BLOBCHAR "]" *WSP, BLOBCHAR being anything but brackets; its length at {@code at}, or 0. */
    private static int blob(String s, int at) {
        if (at >= s.length() || s.charAt(at) != '[') {
            return 0;
        }
        int i = at + 1;
        while (i < s.length() && s.charAt(i) != ']') {
            if (s.charAt(i) == '[') {
                return 0;
            }
            i++;
        }
        if (i >= s.length()) {
            return 0;
        }
        i++;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i - at;
    }

    /** The i;ascii-casemap form (RFC 4790 §9.2): ASCII letters upper case, everything else as it is. */
    static String asciiCasemap(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            out.append(c >= 'a' && c <= 'z' ? (char) (c - 32) : c);
        }
        return out.toString();
    }

    /** A unicode case fold for display names (RFC 5957 compares them as RFC 5255 i;unicode-casemap does). */
    static String unicodeCasemap(String s) {
        return s.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT);
    }
}
