package io.mailplatform.core.envelope;

/** The MAIL FROM {@code BODY=} parameter (RFC 6152, RFC 3030). */
public enum BodyType {
    SEVEN_BIT("7BIT"),
    EIGHT_BIT_MIME("8BITMIME"),
    BINARY_MIME("BINARYMIME");

    private final String keyword;

    BodyType(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }

    /** Returns the body type for a keyword (case-insensitive), or null if it is not one. */
    public static BodyType fromKeyword(String keyword) {
        for (BodyType type : values()) {
            if (type.keyword.equalsIgnoreCase(keyword)) {
                return type;
            }
        }
        return null;
    }
}
