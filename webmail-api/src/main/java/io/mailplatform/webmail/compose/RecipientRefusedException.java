package io.mailplatform.webmail.compose;

/** A list that takes mail from its members only, and the sender is not one: 403. */
public class RecipientRefusedException extends RuntimeException {
    public RecipientRefusedException(String list) {
        super("Only members may send to " + list);
    }
}
