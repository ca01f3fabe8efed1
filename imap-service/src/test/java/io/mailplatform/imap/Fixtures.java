package io.mailplatform.imap;

import io.mailplatform.store.mailbox.Mailbox;
import io.mailplatform.store.mailbox.MailboxService;
import io.mailplatform.store.mailbox.MessageFlags;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The messages every transcript account starts with in its INBOX, so transcripts can show exact
 * sizes, envelopes and body structures. Written with LF here, stored with CRLF.
 */
public final class Fixtures {
    /** RFC 9051 §8's sample message. UID 1, \Seen. */
    public static final String MINUTES = """
            Date: Wed, 17 Jul 1996 02:23:25 -0700 (PDT)
            From: Terry Gray <gray@cac.washington.edu>
            Subject: IMAP4rev2 WG mtg summary and minutes
            To: imap@cac.washington.edu
            cc: minutes@CNRI.Reston.VA.US, John Klensin <KLENSIN@MIT.EDU>
            Message-Id: <B27397-0100000@cac.washington.edu>
            MIME-Version: 1.0
            Content-Type: TEXT/PLAIN; CHARSET=US-ASCII

            The working group met in Montreal.
            Minutes follow.
            """;

    /** RFC 9051 §6.3.12's APPEND example message. UID 2, no flags. */
    public static final String MEETING = """
            Date: Mon, 7 Feb 1994 21:52:25 -0800 (PST)
            From: Fred Foobar <foobar@Blurdybloop.example>
            Subject: afternoon meeting
            To: mooch@owatagu.siam.edu.example
            Message-Id: <B27397-0100000@Blurdybloop.example>
            MIME-Version: 1.0
            Content-Type: TEXT/PLAIN; CHARSET=US-ASCII

            Hello Joe, do you think we can meet at 3:30 tomorrow?
            """;

    /** A text part and a base64 attachment. UID 3, \Flagged and $Work. */
    public static final String REPORT = """
            From: Alice <alice@example.org>
            To: Bob <bob@example.test>
            Subject: Report attached
            Date: Thu, 1 Oct 2026 10:00:00 +0200
            Message-ID: <report@example.org>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="outer"

            This is a multi-part message in MIME format.
            --outer
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: quoted-printable

            Gr=C3=BC=C3=9Fe, the report is attached.
            --outer
            Content-Type: application/octet-stream; name="report.bin"
            Content-Transfer-Encoding: base64
            Content-Disposition: attachment; filename="report.bin"

            AAECAwQFBgcICQ==
            --outer--
            """;

    /** message/rfc822 inside multipart/mixed inside multipart/alternative. UID 4, \Answered \Seen. */
    public static final String NESTED = """
            From: Carol <carol@example.net>
            To: Bob <bob@example.test>
            Subject: Fwd: nested
            Date: Fri, 2 Oct 2026 08:30:00 +0000
            Message-ID: <nested@example.net>
            MIME-Version: 1.0
            Content-Type: multipart/alternative; boundary="alt"

            --alt
            Content-Type: text/plain; charset=us-ascii

            Plain version.
            --alt
            Content-Type: multipart/mixed; boundary="mix"

            --mix
            Content-Type: text/html; charset=us-ascii

            <p>HTML version</p>
            --mix
            Content-Type: message/rfc822

            From: Dave <dave@example.com>
            To: Carol <carol@example.net>
            Subject: Original
            Date: Thu, 1 Oct 2026 07:00:00 +0000
            Message-ID: <original@example.com>
            MIME-Version: 1.0
            Content-Type: multipart/mixed; boundary="inner"

            --inner
            Content-Type: text/plain; charset=us-ascii

            The original text.
            --inner
            Content-Type: image/gif; name="dot.gif"
            Content-Transfer-Encoding: base64

            R0lGODlhAQABAAAAACw=
            --inner--
            --mix--
            --alt--
            """;

    private Fixtures() {
    }

    public static byte[] crlf(String text) {
        return text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
    }

    /** Fills a mailbox with the four fixture messages, UIDs 1 to 4. */
    public static void seed(MailboxService mailboxes, Mailbox mailbox) {
        mailboxes.append(mailbox, crlf(MINUTES), MessageFlags.of(List.of("\\Seen")), Instant.parse("1996-07-17T09:44:25Z"));
        mailboxes.append(mailbox, crlf(MEETING), MessageFlags.NONE, Instant.parse("1994-02-08T05:52:25Z"));
        mailboxes.append(mailbox, crlf(REPORT), MessageFlags.of(List.of("\\Flagged", "$Work")),
                Instant.parse("2026-10-01T08:00:00Z"));
        mailboxes.append(mailbox, crlf(NESTED), MessageFlags.of(List.of("\\Answered", "\\Seen")),
                Instant.parse("2026-10-02T08:30:00Z"));
    }
}
