package io.mailplatform.pop3.response;

/** Extended response codes in brackets after {@code -ERR} (RFC 2449 §8, RFC 3206). */
public enum ResponseCode {
    /** RFC 2449 §8.1.2: the maildrop is locked by another session. */
    IN_USE("IN-USE"),
    /** RFC 2449 §8.1.1: logged in too soon after the last login (LOGIN-DELAY). */
    LOGIN_DELAY("LOGIN-DELAY"),
    /** RFC 3206 §4: a temporary server problem; trying again later may work. */
    SYS_TEMP("SYS/TEMP"),
    /** RFC 3206 §4: a permanent server problem; trying again will not help. */
    SYS_PERM("SYS/PERM"),
    /** RFC 3206 §5: the credentials are wrong or not acceptable here. */
    AUTH("AUTH");

    private final String text;

    ResponseCode(String text) {
        this.text = text;
    }

    /** The code as it appears between the brackets. */
    public String text() {
        return text;
    }
}
