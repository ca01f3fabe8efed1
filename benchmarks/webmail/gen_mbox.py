#!/usr/bin/env python3
"""Writes COUNT small (1-3 KB) deterministic messages as an mbox file: python3 gen_mbox.py OUT COUNT"""
import random, sys
WORDS = "budget meeting project review release customer invoice report schedule travel office team plan".split()
out, count = sys.argv[1], int(sys.argv[2])
rng = random.Random(42)
with open(out, "wb") as f:
    for i in range(count):
        body = "\r\n".join(" ".join(rng.choice(WORDS) for _ in range(12)) for _ in range(rng.randint(10, 30)))
        msg = (f"From sender{i % 500}@example.org Thu Jan  1 00:00:00 2026\r\n"
               f"From: Sender {i % 500} <sender{i % 500}@example.org>\r\nTo: bench@example.test\r\n"
               f"Subject: {rng.choice(WORDS)} {rng.choice(WORDS)} #{i}\r\n"
               f"Date: {1 + i % 28} Jan 2026 10:{i % 60:02d}:00 +0000\r\nMessage-ID: <wrk-{i}@example.org>\r\n"
               f"Content-Type: text/plain; charset=us-ascii\r\n\r\n{body}\r\n\r\n")
        f.write(msg.encode())
