#!/usr/bin/env python3
"""Answers per second of a `ledd ... --batch` run, by the wall clock of its output.

    ledd search --db DB --batch FILE | bench/http/answer_rate.py

Reads the answers (one JSON line each) and prints "COUNT SECONDS": how many, and the
time from the first line read to the last. Loading the network comes before the first
answer, so it is not counted; time spent waiting for a core between answers is, as it is
for a server under load.
"""
import sys
import time

first = last = None
count = 0
for _ in sys.stdin.buffer:
    now = time.monotonic()
    if first is None:
        first = now
    last = now
    count += 1
if count < 2:
    sys.exit("answer_rate.py: fewer than two answers")
# The first answer's own time is before `first`: count the answers after it.
print(count - 1, f"{last - first:.3f}")
