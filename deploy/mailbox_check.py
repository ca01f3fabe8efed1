#!/usr/bin/env python3
"""Reads one account's INBOX the way a user's client would, for deploy/compose-test.sh.

    mailbox_check.py imap|pop3|rest HOST PORT USER PASSWORD

prints the Subject of every message in the INBOX, one a line, in mailbox order: over IMAPS (993),
POP3S (995) or the REST API (HTTPS). Certificates are not verified: the test's is self-signed.
Only the standard library, so that the test needs nothing beyond python3.
"""
import base64
import email
import email.policy
import imaplib
import json
import poplib
import ssl
import sys
import urllib.parse
import urllib.request


def insecure_context():
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def subject_of(header_bytes):
    message = email.message_from_bytes(header_bytes, policy=email.policy.default)
    return str(message.get("Subject", ""))


def imap_subjects(host, port, user, password):
    with imaplib.IMAP4_SSL(host, port, ssl_context=insecure_context(), timeout=30) as imap:
        imap.login(user, password)
        status, data = imap.select("INBOX", readonly=True)
        if status != "OK":
            raise SystemExit("IMAP SELECT INBOX: " + repr(data))
        if int(data[0]) == 0:
            return []
        status, data = imap.fetch("1:*", "(BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
        if status != "OK":
            raise SystemExit("IMAP FETCH: " + repr(data))
        return [subject_of(part[1]) for part in data if isinstance(part, tuple)]


def pop3_subjects(host, port, user, password):
    pop = poplib.POP3_SSL(host, port, context=insecure_context(), timeout=30)
    try:
        pop.user(user)
        pop.pass_(password)
        count, _ = pop.stat()
        subjects = []
        for number in range(1, count + 1):
            _, lines, _ = pop.top(number, 0)
            subjects.append(subject_of(b"\r\n".join(lines) + b"\r\n\r\n"))
        return subjects
    finally:
        pop.quit()


def rest_subjects(host, port, user, password):
    """Every page of the INBOX listing (the API pages by cursor, at most 200 messages a page)."""
    subjects = []
    cursor = None
    while True:
        url = "https://%s:%s/api/mailboxes/INBOX/messages?limit=200" % (host, port)
        if cursor:
            url += "&cursor=" + urllib.parse.quote(cursor)
        request = urllib.request.Request(url, headers={
            "Authorization": "Basic " + base64.b64encode(("%s:%s" % (user, password)).encode()).decode()})
        with urllib.request.urlopen(request, context=insecure_context(), timeout=30) as response:
            page = json.load(response)
        subjects.extend(message.get("subject") or "" for message in page["messages"])
        cursor = page.get("nextCursor")
        if not cursor:
            return subjects


def main():
    protocol, host, port, user, password = sys.argv[1:6]
    read = {"imap": imap_subjects, "pop3": pop3_subjects, "rest": rest_subjects}[protocol]
    for subject in read(host, int(port), user, password):
        print(subject)


if __name__ == "__main__":
    main()
