#!/usr/bin/env python3
"""Regenerates vectors.txt, the SRS test vectors of SrsCodecVectorsTest, from two independent
implementations: postsrsd 1.10 (C, libsrs2's algorithm) and the `srs` command of Perl's Mail::SRS 0.31.
Every vector is computed by both; the script stops if they disagree on the resulting address, or on
whether an address is refused. Why one is refused is postsrsd's word: Mail::SRS checks the hash before the
timestamp and calls every malformed address a bad hash, libsrs2 checks the timestamp first.

Needs (Debian bookworm): apt-get install postsrsd srs faketime
Run from this directory: python3 generate-vectors.py > vectors.txt
The clock of both programs is frozen with faketime at noon UTC of each vector's date.
"""
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time

DOMAIN = "forwarder.test"
MAIN = "tps-secret"
OLD = "old-secret"


def perl(date, secrets, op, address, separator="="):
    args = ["faketime", date + " 12:00:00", "srs", "--separator=" + separator]
    args += ["--secret=" + s for s in secrets]
    args += ["--reverse"] if op == "reverse" else ["--forward", "--alias=" + DOMAIN]
    run = subprocess.run(args + [address], capture_output=True, text=True, env=dict(os.environ, TZ="UTC"))
    if run.returncode != 0 or not run.stdout.strip():
        message = run.stderr.strip()
        if "Invalid timestamp" in message:
            return "EXPIRED"
        if "Invalid hash" in message:
            return "BAD_HASH"
        return "MALFORMED"
    return run.stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postsrsd(date, secrets, op, address, separator="="):
    with tempfile.TemporaryDirectory() as work:
        secret_file = os.path.join(work, "secret")
        with open(secret_file, "w") as f:
            f.write("\n".join(secrets) + "\n")
        forward, reverse = free_port(), free_port()
        daemon = subprocess.Popen(["faketime", date + " 12:00:00", "postsrsd", "-s" + secret_file, "-d" + DOMAIN,
                                   "-a" + separator, "-l127.0.0.1", "-4", "-f%d" % forward, "-r%d" % reverse],
                                  env=dict(os.environ, TZ="UTC"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                  start_new_session=True)
        try:
            port = reverse if op == "reverse" else forward
            for _ in range(100):
                try:
                    connection = socket.create_connection(("127.0.0.1", port))
                    break
                except OSError:
                    time.sleep(0.05)
            with connection:
                connection.sendall(("get %s\n" % address).encode())
                reply = connection.recv(4096).decode().strip()
        finally:
            os.killpg(daemon.pid, signal.SIGTERM)  # faketime runs postsrsd as its child
            daemon.wait()
    code, _, text = reply.partition(" ")
    if code == "200":
        return text
    if "out of date" in text:
        return "EXPIRED"
    if "Hash" in text:
        return "BAD_HASH"
    return "MALFORMED"


def vector(date, secrets, op, address, separator="="):
    mine = postsrsd(date, secrets, op, address, separator)
    theirs = perl(date, secrets, op, address, separator)
    refusals = ("EXPIRED", "BAD_HASH", "MALFORMED")
    if mine != theirs and not (mine in refusals and theirs in refusals):
        sys.exit("postsrsd and Mail::SRS disagree on %s %s %s at %s: %s / %s" % (op, address, secrets, date, mine, theirs))
    print(" | ".join([date, ",".join(secrets), op, address, mine]))
    return mine


print("# SRS test vectors, made by generate-vectors.py with postsrsd 1.10 and Mail::SRS 0.31 (Debian bookworm),")
print("# which agree on every result (on why an address is refused, postsrsd's answer is given). The forwarding domain is %s; the clock is noon UTC of the date." % DOMAIN)
print("# date | secrets (first signs) | operation | address | result (an address, or EXPIRED, BAD_HASH, MALFORMED)")
day = "2024-03-01"
alice = vector(day, [MAIN], "forward", "alice@example.org")
smith = vector(day, [MAIN], "forward", "Alice.Smith@example.org")
vector(day, [MAIN], "forward", "a=b@example.org")
vector(day, [MAIN], "forward", "first.last+tag@sub.example.co.uk")
srs1 = vector(day, [MAIN], "forward", "SRS0=abcd=AB=example.org=bob@other.example")
vector(day, [MAIN], "forward", "srs0=abcd=AB=example.org=bob@other.example")
plus1 = vector(day, [MAIN], "forward", "SRS0+abcd=AB=example.org=bob@other.example")
vector(day, [MAIN], "forward", "SRS1=abcd=first.example==XYZW=AB=example.org=bob@other.example")
vector(day, [MAIN], "forward", "SRS1-abcd=first.example=-XYZW=AB=example.org=bob@other.example")

vector(day, [MAIN], "reverse", alice)
vector(day, [MAIN], "reverse", smith)
local, _, host = alice.partition("@")
tag, hash_, rest = local.split("=", 2)
vector(day, [MAIN], "reverse", "%s=%s=%s@%s" % (tag, hash_.lower(), rest, host))
vector(day, [MAIN], "reverse", "%s=%s=%s@%s" % (tag, hash_.upper(), rest, host))
vector(day, [MAIN], "reverse", "%s=%s=%s@%s" % (tag.lower(), hash_, rest.lower(), host))
forged = chr(ord(hash_[0]) ^ 1) + hash_[1:]
vector(day, [MAIN], "reverse", "%s=%s=%s@%s" % (tag, forged, rest, host))
vector(day, [MAIN], "reverse", "%s=%s=%s@%s" % (tag, hash_[:3], rest, host))
vector(day, [MAIN], "reverse", "SRS0=%s=K1=example.org=alice@%s" % (hash_, host))
vector(day, [MAIN], "reverse", "SRS0=%s=KH=example.org@%s" % (hash_, host))
vector(day, [MAIN], "reverse", "SRS0=%s@%s" % (hash_, host))
vector(day, [MAIN], "reverse", srs1)
vector(day, [MAIN], "reverse", plus1)
s1local, _, s1host = srs1.partition("@")
s1tag, s1hash, s1rest = s1local.split("=", 2)
vector(day, [MAIN], "reverse", "%s=%s=%s@%s" % (s1tag, s1hash.swapcase(), s1rest, s1host))
vector(day, [MAIN], "reverse", "%s=%s=%s@%s" % (s1tag, chr(ord(s1hash[0]) ^ 1) + s1hash[1:], s1rest, s1host))
vector(day, [MAIN], "reverse", "SRS1=%s=other.example@%s" % (s1hash, s1host))
vector("2024-03-22", [MAIN], "reverse", alice)  # 21 days later: the default maximum age
vector("2024-03-23", [MAIN], "reverse", alice)
vector("2025-06-01", [MAIN], "reverse", srs1)  # SRS1 carries no timestamp of its own
for separator in "+-":
    made = vector(day, [MAIN], "forward", "carol@example.net", separator)
    vector(day, [MAIN], "reverse", made)
# rotation: made under the old secret, checked while the new one signs
old = vector(day, [OLD], "forward", "dave@example.com")
vector("2024-03-05", [MAIN, OLD], "reverse", old)
vector("2024-03-05", [MAIN], "reverse", old)
# the timestamp wraps every 1024 days: 2026-01-23 is day 20476, 1020 mod 1024; 2026-01-28 is 1
wrapped = vector("2026-01-23", [MAIN], "forward", "erin@example.org")
vector("2026-01-28", [MAIN], "reverse", wrapped)
vector("2026-02-13", [MAIN], "reverse", wrapped)
vector("2026-02-14", [MAIN], "reverse", wrapped)
