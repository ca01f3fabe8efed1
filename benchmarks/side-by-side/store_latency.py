#!/usr/bin/env python3
"""usage: store_latency.py PORT USER PASS [N]

One IMAP client (TCP_NODELAY) appends a message to USER's INBOX, selects it and times N STOREs
(default 500) of each kind on that message, one after another: a STORE that changes nothing (+FLAGS
(\\Seen) on a message that has \\Seen, as clients send when they mark read what is read already),
and STOREs that change the flags (\\Flagged added and removed in turn). Prints the median and p90
latency of each kind in milliseconds. The message is removed at the end (UID EXPUNGE)."""
import imaplib
import re
import socket
import sys
import time


def timed(imap, uid, n, args):
    times = []
    for i in range(n):
        op, flags = args(i)
        start = time.perf_counter()
        status, _ = imap.uid("STORE", uid, op, flags)
        times.append(time.perf_counter() - start)
        if status != "OK":
            sys.exit(f"STORE {op} {flags} answered {status}")
    times.sort()
    return times[len(times) // 2] * 1e3, times[len(times) * 9 // 10] * 1e3


def main():
    port, user, password = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    n = int(sys.argv[4]) if len(sys.argv) > 4 else 500
    imap = imaplib.IMAP4("127.0.0.1", port)
    imap.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    imap.login(user, password)
    status, detail = imap.append("INBOX", "(\\Seen)", None, b"Subject: store latency\r\n\r\nHello\r\n")
    match = re.search(rb"APPENDUID \d+ (\d+)", detail[0] or b"")
    if status != "OK" or not match:
        sys.exit(f"APPEND answered {status} {detail} (UIDPLUS's APPENDUID is needed)")
    uid = match.group(1).decode()
    imap.select("INBOX")
    unchanged = timed(imap, uid, n, lambda i: ("+FLAGS", "(\\Seen)"))
    changed = timed(imap, uid, n, lambda i: ("-FLAGS" if i % 2 else "+FLAGS", "(\\Flagged)"))
    print(f"port {port}: STORE changing nothing median {unchanged[0]:.3f} ms p90 {unchanged[1]:.3f} ms;"
          f" STORE changing flags median {changed[0]:.3f} ms p90 {changed[1]:.3f} ms")
    imap.uid("STORE", uid, "+FLAGS.SILENT", "(\\Deleted)")
    imap.uid("EXPUNGE", uid)
    imap.logout()


if __name__ == "__main__":
    main()
