package io.mailplatform.testsupport.smtp;

/** What {@link FakeSmtpServer} does instead of its usual reply to a command. */
public sealed interface FakeResponse {

    /** Answers with this reply; lines separated by {@code \n} make a multi-line reply. */
    record Reply(String text) implements FakeResponse {
    }

    /**
     * Writes these characters exactly, line ends and all (garbage, half replies); then, if
     * {@code thenSilent}, reads and discards until the client closes.
     */
    record Raw(String text, boolean thenSilent) implements FakeResponse {
    }

    /** Never answers: reads and discards until the client gives up and closes. */
    record Silence() implements FakeResponse {
    }

    /** Closes the connection without a word. */
    record Disconnect() implements FakeResponse {
    }

    static FakeResponse reply(String text) {
        return new Reply(text);
    }

    static FakeResponse raw(String text) {
        return new Raw(text, false);
    }

    static FakeResponse rawThenSilence(String text) {
        return new Raw(text, true);
    }

    static FakeResponse silence() {
        return new Silence();
    }

    static FakeResponse disconnect() {
        return new Disconnect();
    }
}
