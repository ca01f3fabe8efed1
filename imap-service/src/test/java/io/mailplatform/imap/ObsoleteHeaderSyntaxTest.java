package io.mailplatform.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailplatform.store.directory.Account;
import io.mailplatform.testsupport.LineClient;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Header fields written with blanks before the colon (RFC 5322 §4.5 obsolete syntax) are the same
 * fields for every command: HEADER.FIELDS returns them, HEADER.FIELDS.NOT leaves them out, and
 * ENVELOPE reads the same values.
 */
class ObsoleteHeaderSyntaxTest extends ImapTestSupport {

    @Test
    void headerFieldsAndEnvelopeAgreeOnAFieldWithABlankBeforeTheColon() throws Exception {
        Account account = account("obsolete");
        long uid = append(inbox(account), "From : Ann <ann@example.org>\nSubject\t: spaced out\n"
                + "Authentication-Results : mx.example.test; spf=pass\nTo: obsolete@example.test\n\nbody\n", Instant.now());

        try (LineClient client = login(account)) {
            command(client, "a", "SELECT INBOX");
            String fields = String.join("\n", command(client, "b", "UID FETCH " + uid
                    + " (BODY.PEEK[HEADER.FIELDS (SUBJECT AUTHENTICATION-RESULTS)] ENVELOPE)"));
            String selected = "Subject\t: spaced out\r\nAuthentication-Results : mx.example.test; spf=pass\r\n\r\n";
            assertThat(fields)
                    .contains("BODY[HEADER.FIELDS (SUBJECT AUTHENTICATION-RESULTS)] {" + selected.length() + "}\n"
                            + selected.replace("\r\n", "\n"))
                    .contains("ENVELOPE (NIL \"spaced out\" ((\"Ann\" NIL \"ann\" \"example.org\"))")
                    .contains("b OK");
            String others = String.join("\n", command(client, "c", "UID FETCH " + uid
                    + " BODY.PEEK[HEADER.FIELDS.NOT (FROM SUBJECT AUTHENTICATION-RESULTS)]"));
            String rest = "To: obsolete@example.test\r\n\r\n";
            assertThat(others).contains("{" + rest.length() + "}\n" + rest.replace("\r\n", "\n")).doesNotContain("spaced out");
        }
    }
}
