package io.mailplatform.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.testsupport.LineClient;
import java.util.ArrayList;
import java.util.List;

/** SMTP conversations as another mail server (or an attacker) holds them with the running platform. */
final class MxConversation {
    private MxConversation() {
    }

    /** Says EHLO and answers the EHLO keywords. */
    static List<String> ehlo(LineClient client) throws Exception {
        client.send("EHLO attacker.example");
        return client.readSmtpReply();
    }

    /** An unauthenticated conversation on the MX listener at this port; answers every reply line in order. */
    static List<String> mx(int port, String... commands) throws Exception {
        try (LineClient client = new LineClient("127.0.0.1", port)) {
            client.readLine();
            ehlo(client);
            return converse(client, commands);
        }
    }

    /** Sends each command and reads one reply line; after DATA's 354 the next "command" is the message. */
    static List<String> converse(LineClient client, String... commands) throws Exception {
        List<String> replies = new ArrayList<>();
        for (String command : commands) {
            client.write(command.endsWith("\r\n.\r\n") ? command : command + "\r\n");
            replies.add(client.readLine());
        }
        return replies;
    }

    /** The envelope id of a 250 reply to the end of the message. */
    static String queuedId(String reply) {
        assertThat(reply).startsWith("250 2.0.0 Ok: queued as ");
        return reply.substring(reply.lastIndexOf(' ') + 1);
    }
}
