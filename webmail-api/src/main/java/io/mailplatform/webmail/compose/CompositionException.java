package io.mailplatform.webmail.compose;

/** A composition that cannot become a message: 400, naming the field at fault. */
public class CompositionException extends RuntimeException {
    private final String field;

    public CompositionException(String field, String message) {
        super(message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
