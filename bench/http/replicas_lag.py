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
        # Watcher observations: answer times and positions, both ascending.
        self.seen_times, self.seen_positions = [], []


class Run:
    def __init__(self, args):
        self.args = args
        self.replicas = [Replica(i, url, metrics) for i, (url, metrics) in enumerate(args.replica)]
        with open(args.accounts, encoding="utf-8") as lines:
            self.accounts = [line.rstrip("\n").split("\t") for line in lines if line.strip()]
        needed = args.threads * len(self.replicas)
        if len(self.accounts) < needed:
            sys.exit(f"replicas_lag.py: {needed} accounts needed, {len(self.accounts)} given")
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.writes = []  # (answered at, token, replica index, write seconds)
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

    def writer(self, replica, slot, start, interval):
        member, token = self.accounts[slot]
        other = self.replicas[(replica.index + 1) % len(self.replicas)]
        client, reader = Client(replica.url), Client(other.url)
        rng = random.Random(slot)
        following = {}
        sequence = 0
        due = start + (slot % self.args.threads) * interval / self.args.threads
        while not self.stop.is_set():
            now = time.monotonic()
            if due > now:
                time.sleep(due - now)
            due += interval
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

    def watcher(self, replica):
        client = Client(replica.metrics_url)
        while not self.stop.is_set():
            status, _, body = client.request("GET", "/healthz")
            answered = time.monotonic()
            if status == 200:
                position = parse_position(json.loads(body)["position"])
                replica.seen_times.append(answered)
                replica.seen_positions.append(position)
            time.sleep(0.001)

    def run(self):
        args = self.args
        writers = args.threads * len(self.replicas)
        interval = writers / args.rate  # Seconds between two writes of one writer.
        start = time.monotonic() + 0.2
        threads = []
        if args.mode == "lag":
            threads += [threading.Thread(target=self.watcher, args=(replica,))
                        for replica in self.replicas]
        for replica in self.replicas:
            for thread in range(args.threads):
                slot = replica.index * args.threads + thread
                threads.append(threading.Thread(target=self.writer,
                                                args=(replica, slot, start, interval)))
        for thread in threads:
            thread.start()
        time.sleep(start - time.monotonic() + args.seconds)
        self.stop.set()
        for thread in threads:
            thread.join()
        elapsed = max(answered for answered, *_ in self.writes) - start if self.writes else 0
        self.report(elapsed)

    def report(self, elapsed):
        args = self.args
        count = len(self.writes)
        print(f"writes: {count} in {elapsed:.1f} s = {count / elapsed if elapsed else 0:.0f}/s "
              f"(asked {args.rate}/s, {args.threads} writers per replica); write answered in "
              f"{figures([seconds for *_, seconds in self.writes])}")
        if args.mode == "lag":
            lags, unseen = [], 0
            for answered, position, index, _ in self.writes:
                other = self.replicas[(index + 1) % len(self.replicas)]
                at = bisect.bisect_left(other.seen_positions, position)
                if at == len(other.seen_positions):
                    unseen += 1
                    continue
                lags.append(max(0.0, other.seen_times[at] - answered))
            polls = sum(len(replica.seen_times) for replica in self.replicas)
            print(f"lag (write answered -> the other replica's /healthz position reaches its "
                  f"token): {figures(lags)}; {unseen} not seen before the end; "
                  f"{polls / max(elapsed, 1e-9) / len(self.replicas):.0f} /healthz polls/s per replica")
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
