#!/usr/bin/env python3
"""usage: pop3_retr.py PORT USERFMT PASS N [CLIENTS [PASSES]]

CLIENTS POP3 sessions (default 1), session i logs in as USERFMT % i (i = 1..CLIENTS; a USERFMT without
%d names one user for a single client), runs STAT, and once every session is logged in, all retrieve
messages 1..N with RETR, one after another, PASSES times (default 1; one pass of a single client over
1,000 small messages lasts only some 50 ms, too short to measure on a busy machine). Prints messages
per second over all sessions, from the first RETR to the last reply."""
import multiprocessing
import poplib
import sys
import time


def session(port, user, password, n, passes, ready, start, results):
    p = poplib.POP3("127.0.0.1", port)
    p.user(user)
    p.pass_(password)
    count, _ = p.stat()
    ready.wait()
    start.wait()
    total = 0
    for _ in range(passes):
        for i in range(1, min(n, count) + 1):
            total += len(b"\r\n".join(p.retr(i)[1]))
    results.put((passes * min(n, count), total, time.time()))
    p.quit()


def main():
    port, userfmt, password, n = int(sys.argv[1]), sys.argv[2], sys.argv[3], int(sys.argv[4])
    clients = int(sys.argv[5]) if len(sys.argv) > 5 else 1
    passes = int(sys.argv[6]) if len(sys.argv) > 6 else 1
    users = [userfmt % i if "%d" in userfmt else userfmt for i in range(1, clients + 1)]
    ready, start = multiprocessing.Barrier(clients + 1), multiprocessing.Barrier(clients + 1)
    results = multiprocessing.Queue()
    procs = [multiprocessing.Process(target=session, args=(port, u, password, n, passes, ready, start, results)) for u in users]
    for proc in procs:
        proc.start()
    ready.wait()
    t0 = time.time()
    start.wait()
    done = [results.get() for _ in procs]
    for proc in procs:
        proc.join()
    messages = sum(d[0] for d in done)
    octets = sum(d[1] for d in done)
    elapsed = max(d[2] for d in done) - t0
    print(f"{clients} client(s), {users[0]}..: RETR {messages} in {elapsed:.2f}s = {messages / elapsed:.0f} msgs/s,"
          f" {octets / 1e6 / elapsed:.1f} MB/s")


if __name__ == "__main__":
    main()
