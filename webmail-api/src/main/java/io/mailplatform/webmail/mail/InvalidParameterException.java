package io.mailplatform.webmail.mail;

/** A request parameter or body field is not acceptable (400, the problem names the field). */
public class InvalidParameterException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String field;

    public InvalidParameterException(String field, String problem) {
        super(field + " " + problem);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
