package io.mailplatform.standalone;

import io.mailplatform.testsupport.LineClient;
import java.io.IOException;
import java.util.Set;

/** A sender that keeps a platform busy until it goes away, remembering what it sent and what was accepted. */
final class SmtpLoad {
    private SmtpLoad() {
    }

    /**
     * Sends one message after another on one connection to the recipient until the server stops
     * answering; records each subject when it is sent and again when it got its 250.
     */
    static void sendUntilRefused(int port, String recipient, int sender, Set<String> attempted, Set<String> accepted) {
        try (LineClient smtp = new LineClient("127.0.0.1", port)) {
            if (!String.valueOf(smtp.readLine()).startsWith("220 ")) {
                return;
            }
            smtp.send("EHLO load.example.org");
            smtp.readSmtpReply();
            for (int i = 0; ; i++) {
                String subject = "load " + sender + "/" + i;
                smtp.write("MAIL FROM:<bob@example.org>\r\nRCPT TO:<" + recipient + ">\r\nDATA\r\n");
                if (!String.valueOf(smtp.readLine()).startsWith("250 ") || !String.valueOf(smtp.readLine()).startsWith("250 ")
                        || !String.valueOf(smtp.readLine()).startsWith("354 ")) {
                    return;
                }
                attempted.add(subject);
                smtp.write("From: bob@example.org\r\nSubject: " + subject + "\r\n\r\nload\r\n.\r\n");
                if (!String.valueOf(smtp.readLine()).startsWith("250 2.0.0 ")) {
                    return;
                }
                accepted.add(subject);
            }
        } catch (IOException e) {
            // the connection ended with the platform
        }
    }
}
