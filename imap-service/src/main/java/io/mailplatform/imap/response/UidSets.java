package io.mailplatform.imap.response;

/** Ascending numbers in compact sequence-set form, e.g. {@code 2,10:15,21} (COPYUID, ESEARCH ALL). */
public final class UidSets {
    private UidSets() {
    }

    public static String format(long[] ascending) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < ascending.length) {
            int end = i;
            while (end + 1 < ascending.length && ascending[end + 1] == ascending[end] + 1) {
                end++;
            }
            if (out.length() > 0) {
                out.append(',');
            }
            out.append(ascending[i]);
            if (end > i) {
                out.append(':').append(ascending[end]);
            }
            i = end + 1;
        }
        return out.toString();
    }

    public static String format(java.util.List<Long> ascending) {
        return format(ascending.stream().mapToLong(Long::longValue).toArray());
    }
}
