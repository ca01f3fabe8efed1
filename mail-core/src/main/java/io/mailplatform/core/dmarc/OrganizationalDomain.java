package io.mailplatform.core.dmarc;

import com.google.common.net.InternetDomainName;
import java.util.Locale;

/**
 * The organizational domain of RFC 7489 §3.2: the public suffix of a name plus one label, from the
 * Public Suffix List that Guava carries ({@link InternetDomainName}), which is updated with each Guava
 * release (update the dependency to update the list). A name that is itself a public suffix, or is
 * not a valid domain name, is its own organizational domain.
 */
public final class OrganizationalDomain {
    private OrganizationalDomain() {
    }

    public static String of(String domain) {
        String name = domain.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        try {
            InternetDomainName parsed = InternetDomainName.from(name);
            return parsed.isUnderPublicSuffix() ? parsed.topPrivateDomain().toString() : name;
        } catch (IllegalArgumentException | IllegalStateException e) {
            return name;
        }
    }

    /** Whether two domains are aligned: equal (strict), or of the same organizational domain (relaxed). */
    public static boolean aligned(String a, String b, boolean strict) {
        String left = a.toLowerCase(Locale.ROOT);
        String right = b.toLowerCase(Locale.ROOT);
        return strict ? left.equals(right) : of(left).equals(of(right));
    }
}
