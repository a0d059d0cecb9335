#!/usr/bin/env python3
"""Replication lag and read-your-writes between `ledd serve` replicas of one database.

  replicas_lag.py lag --replica URL METRICS_URL --replica URL METRICS_URL \
      --accounts FILE --max-member N [--rate 1000] [--seconds 20] [--threads 8]
  replicas_lag.py ryw (the same arguments)

Writers: --threads threads per replica, each signed in as its own account (FILE: lines
"MEMBER<TAB>BEARER-TOKEN"), each writing through its replica, paced so that all of them
together send --rate writes a second (a writer that falls behind sends at once; the rate
reached is printed). A write is a follow of a random member (POST
/api/v1/members/{id}/follow), or its unfollow (DELETE) when the account follows them
already; each answers with the Ledd-Position token of the write.

lag: one watcher per replica asks its /healthz (on the metrics listener) for `position`
again and again (1 ms apart). A write's lag is from its answer until the first /healthz
answer of the OTHER replica whose position has reached the write's token (0 when the other
replica had it before the writer got its answer). Resolution: one /healthz round trip.

ryw: after each write through one replica, the writer reads the followed member's profile
(GET /api/v1/members/{id}, whose `following` comes from the replica's in-memory network)
through the OTHER replica: on even writes with the write's token in the Ledd-Position
header (the replica answers once it has applied the write, waiting up to 2 s, else 503),
on odd writes without it, as the baseline. A read is stale when `following` is not what
the write made it. With the token a stale read is a bug; without it, staleness is what
the token is for.

Prints one line per figure; exits 1 when a write or a read failed unexpectedly, or a read
that carried a token was stale. Standard library only.
"""

import argparse
import bisect
import http.client
import json
import multiprocessing
import random
import sys
import threading
import time
import urllib.parse


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def figures(values):
    """p50 / p99 / max in milliseconds."""
    return (f"p50 {percentile(values, 0.50) * 1000:.1f} ms, p99 {percentile(values, 0.99) * 1000:.1f} ms, "
            f"max {max(values) * 1000 if values else float('nan'):.1f} ms")


def parse_position(text):
    xid, _, event = text.partition(".")
    return (int(xid), int(event))


class Client:
    """One keep-alive connection to one listener."""

    def __init__(self, url):
        parts = urllib.parse.urlsplit(url)
        self.host, self.port = parts.hostname, parts.port
        self.connection = None

    def request(self, method, path, headers=None, body=None):
        for attempt in range(2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            try:
                self.connection.request(method, path, body=body, headers=headers or {})
                response = self.connection.getresponse()
                return response.status, response.getheader("Ledd-Position"), response.read()
            except (http.client.HTTPException, OSError):
                # The server closed an idle keep-alive connection: one new one.
                self.connection.close()
                self.connection = None
                if attempt == 1:
                    raise
        raise AssertionError("unreachable")


class Replica:
    def __init__(self, index, url, metrics_url):
        self.index, self.url, self.metrics_url = index, url, metrics_url


class Writers:
    """The writer threads of one replica, in a process of their own (see Run)."""

    def __init__(self, args, replicas, replica, accounts, start, interval, stop):
        self.args, self.replicas, self.replica = args, replicas, replica
        self.accounts, self.start, self.interval, self.stop = accounts, start, interval, stop
        self.lock = threading.Lock()
        self.writes = []  # (answered at, position, replica index, write seconds)
        self.reads = {True: [], False: []}  # with token? -> read seconds
        self.stale = {True: 0, False: 0}
        self.refused = {True: 0, False: 0}  # 503 and other non-200 reads
        self.failures = []

    def write(self, client, token, target, following):
        """Follows or unfollows; returns (status, position, now following?)."""
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        path = f"/api/v1/members/{target}/follow"
        status, position, _ = client.request("DELETE" if following else "POST", path, headers, "{}")
        if status == 409 and not following:  # Already following: unfollow instead.
            status, position, _ = client.request("DELETE", path, headers, "{}")
            return status, position, False
        return status, position, not following

    def writer(self, slot):
        member, token = self.accounts[slot]
        replica = self.replica
        other = self.replicas[(replica.index + 1) % len(self.replicas)]
        client, reader = Client(replica.url), Client(other.url)
        rng = random.Random(slot)
        following = {}
        sequence = 0
        due = self.start + (slot % self.args.threads) * self.interval / self.args.threads
        while not self.stop.is_set():
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            due += self.interval
            target = rng.randint(1, self.args.max_member)
            if str(target) == member:
                continue
            sent = time.monotonic()
            status, position, now_following = self.write(client, token, target,
                                                         following.get(target, False))
            answered = time.monotonic()
            if status in (400, 404, 403):  # A member gone, blocked, or oneself.
                continue
            if status not in (200, 201) or not position:
                with self.lock:
                    self.failures.append(f"write through replica {replica.index}: {status}")
                continue
            following[target] = now_following
            with self.lock:
                self.writes.append((answered, parse_position(position), replica.index,
                                    answered - sent))
            if self.args.mode != "ryw":
                continue
            with_token = sequence % 2 == 0
            sequence += 1
            headers = {"Authorization": f"Bearer {token}"}
            if with_token:
                headers["Ledd-Position"] = position
            read_sent = time.monotonic()
            status, _, body = reader.request("GET", f"/api/v1/members/{target}", headers)
            read_time = time.monotonic() - read_sent
            with self.lock:
                if status != 200:
                    self.refused[with_token] += 1
                    if status != 503:
                        self.failures.append(f"read through replica {other.index}: {status}")
                    continue
                self.reads[with_token].append(read_time)
                if json.loads(body).get("following") != now_following:
                    self.stale[with_token] += 1

    def run(self, results):
        first = self.replica.index * self.args.threads
        threads = [threading.Thread(target=self.writer, args=(slot,))
                   for slot in range(first, first + self.args.threads)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        results.put(("writers", self.writes, self.reads, self.stale, self.refused, self.failures))


def watch(replica, stop, results):
    """Asks `replica`'s /healthz for its position until `stop`; reports what it saw."""
    client = Client(replica.metrics_url)
    times, positions = [], []
    while not stop.is_set():
        status, _, body = client.request("GET", "/healthz")
        answered = time.monotonic()
        if status == 200:
            times.append(answered)
            positions.append(parse_position(json.loads(body)["position"]))
        time.sleep(0.001)
    results.put(("watcher", replica.index, times, positions))


class Run:
    """Writers of each replica in one process, each watcher in another (one Python
    process cannot drive this many requests: the interpreter runs one thread at a time).
    time.monotonic() is the system's monotonic clock, the same in every process."""

    def __init__(self, args):
        self.args = args
        self.replicas = [Replica(i, url, metrics) for i, (url, metrics) in enumerate(args.replica)]
        with open(args.accounts, encoding="utf-8") as lines:
            self.accounts = [line.rstrip("\n").split("\t") for line in lines if line.strip()]
        needed = args.threads * len(self.replicas)
        if len(self.accounts) < needed:
            sys.exit(f"replicas_lag.py: {needed} accounts needed, {len(self.accounts)} given")
        self.writes = []
        self.reads = {True: [], False: []}
        self.stale = {True: 0, False: 0}
        self.refused = {True: 0, False: 0}
        self.failures = []
        self.seen = {}  # replica index -> (answer times, positions)

    def run(self):
        args = self.args
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        stop_writers, stop_watchers = context.Event(), context.Event()
        writers = args.threads * len(self.replicas)
        interval = writers / args.rate  # Seconds between two writes of one writer.
        start = time.monotonic() + 0.5
        processes = []
        if args.mode == "lag":
            processes += [context.Process(target=watch, args=(replica, stop_watchers, results))
                          for replica in self.replicas]
        for replica in self.replicas:
            group = Writers(args, self.replicas, replica, self.accounts, start, interval,
                            stop_writers)
            processes.append(context.Process(target=group.run, args=(results,)))
        for process in processes:
            process.start()
        time.sleep(start - time.monotonic() + args.seconds)
        stop_writers.set()
        time.sleep(1)  # The watchers see the last writes applied.
        stop_watchers.set()
        for _ in processes:
            result = results.get()
            if result[0] == "watcher":
                self.seen[result[1]] = (result[2], result[3])
                continue
            _, writes, reads, stale, refused, failures = result
            self.writes += writes
            self.failures += failures
            for with_token in (True, False):
                self.reads[with_token] += reads[with_token]
                self.stale[with_token] += stale[with_token]
                self.refused[with_token] += refused[with_token]
        for process in processes:
            process.join()
        elapsed = max(answered for answered, *_ in self.writes) - start if self.writes else 0
        self.report(elapsed)

    def report(self, elapsed):
        args = self.args
        count = len(self.writes)
        print(f"writes: {count} in {elapsed:.1f} s = {count / elapsed if elapsed else 0:.0f}/s "
              f"(asked {args.rate:.0f}/s, {args.threads} writers per replica); write answered in "
              f"{figures([seconds for *_, seconds in self.writes])}")
        if args.mode == "lag":
            lags, unseen = [], 0
            for answered, position, index, _ in self.writes:
                times, positions = self.seen[(index + 1) % len(self.replicas)]
                at = bisect.bisect_left(positions, position)
                if at == len(positions):
                    unseen += 1
                    continue
                lags.append(max(0.0, times[at] - answered))
            polls = sum(len(times) for times, _ in self.seen.values())
            print(f"lag (write answered -> the other replica's /healthz position reaches its "
                  f"token): {figures(lags)}; {unseen} not seen 1 s after the end; "
                  f"{polls / max(elapsed + 1, 1e-9) / len(self.replicas):.0f} /healthz polls/s per replica")
        else:
            for with_token, name in ((True, "with the token"), (False, "without a token")):
                reads = self.reads[with_token]
                print(f"read through the other replica {name}: {len(reads)} reads, "
                      f"{figures(reads)}; stale {self.stale[with_token]}, "
                      f"refused {self.refused[with_token]}")
        for failure in sorted(set(self.failures))[:10]:
            print(f"failure: {failure} (x{self.failures.count(failure)})")
        if self.failures or self.stale[True]:
            sys.exit(1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=["lag", "ryw"])
    parser.add_argument("--replica", nargs=2, action="append", required=True,
                        metavar=("URL", "METRICS_URL"))
    parser.add_argument("--accounts", required=True)
    parser.add_argument("--max-member", type=int, required=True)
    parser.add_argument("--rate", type=float, default=1000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    if len(args.replica) < 2:
        parser.error("two --replica at least")
    Run(args).run()


if __name__ == "__main__":
    main()
