package io.mailplatform.core.mime;

import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Charset names from messages (MIME charset parameters, RFC 2047 and RFC 2231) to Java charsets,
 * never throwing. US-ASCII and unknown names give null: callers then use the platform rule
 * (UTF-8 when valid, else a single-byte charset), since "us-ascii" text with 8-bit bytes is common.
 */
final class Charsets {
    /** Bounded: hostile messages could name endless distinct charsets. */
    private static final int CACHE_LIMIT = 256;
    private static final Map<String, Optional<Charset>> CACHE = new ConcurrentHashMap<>();

    private Charsets() {
    }

    static Charset lookup(String name) {
        if (name == null || name.isEmpty() || name.length() > 40) {
            return null;
        }
        Optional<Charset> cached = CACHE.get(name);
        if (cached == null) {
            cached = Optional.ofNullable(find(name));
            if (CACHE.size() < CACHE_LIMIT) {
                CACHE.put(name, cached);
            }
        }
        return cached.orElse(null);
    }

    private static Charset find(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.equals("us-ascii") || key.equals("ascii") || key.equals("unknown-8bit") || key.startsWith("x-unknown")) {
            return null;
        }
        if (key.equals("ks_c_5601-1987")) {
            key = "x-windows-949"; // Outlook's name for the Korean code page
        }
        try {
            return Charset.isSupported(key) ? Charset.forName(key) : null;
        } catch (IllegalArgumentException e) {
            return null; // illegal charset name
        }
    }
}
