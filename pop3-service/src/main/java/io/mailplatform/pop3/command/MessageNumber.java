package io.mailplatform.pop3.command;

/**
 * A message number (RFC 1939 §5): the 1-based position of a message in the maildrop snapshot taken
 * at login. Numbers stay the same for the whole session, deleted messages included.
 *
 * @param value 1 or more
 */
public record MessageNumber(int value) {
    public MessageNumber {
        if (value < 1) {
            throw new IllegalArgumentException("message numbers start at 1");
        }
    }

    /** The 0-based index into the snapshot. */
    public int index() {
        return value - 1;
    }

    @Override
    public String toString() {
        return Integer.toString(value);
    }
}
