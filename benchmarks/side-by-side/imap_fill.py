#!/usr/bin/env python3
"""usage: imap_fill.py PORT USER PASS COUNT MAILDIR

Appends the messages of MAILDIR (new/ and cur/, as the reference server stores them), in file name order
and again from the first if needed, to USER's INBOX over IMAP until it holds COUNT messages, so that a
POP3 retrieval on both servers reads the same bytes (mail delivered over SMTP gets each server's own
trace fields, of different lengths)."""
import imaplib
import os
import sys


def main():
    port, user, password, count = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    maildir = sys.argv[5]
    files = sorted((os.path.join(maildir, sub, name) for sub in ("new", "cur")
                    for name in os.listdir(os.path.join(maildir, sub))), key=os.path.basename)
    if not files:
        sys.exit(f"no messages in {maildir}")
    imap = imaplib.IMAP4("127.0.0.1", port)
    imap.login(user, password)
    have = int(imap.select("INBOX")[1][0])
    for i in range(have, count):
        with open(files[i % len(files)], "rb") as f:
            message = f.read().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        status, detail = imap.append("INBOX", None, None, message)
        if status != "OK":
            sys.exit(f"APPEND to {user} answered {status} {detail}")
    imap.logout()


if __name__ == "__main__":
    main()
