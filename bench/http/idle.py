#!/usr/bin/env python3
"""Holds N idle keep-alive connections open to an HTTP server (load.sh's IDLE=N).

    bench/http/idle.py HOST PORT N [--ping SECONDS] [--ready FILE]

Each connection sends `GET /healthz` with keep-alive, reads the answer and then sits
idle. ledd closes an idle keep-alive connection after its keep_alive_timeout (5 s by
default) and after keep_alive_max requests, so a connection asks again every --ping
seconds (default 3.5, jittered, below the timeout) and opens a new one when the server
closed it: N connections stay open, each sending one small request every few seconds
(N = 500: about 140 requests/s, under 1 % of a profile run's). Once all N answered
once, the script writes "ready" to --ready FILE (or stdout). On SIGTERM or SIGINT it
prints one line: how many were open at the end, how many answers it got, how many
times it reconnected, and its requests' p50/p99/max latency (a ping waits for the
server like any client, so its latency is one more view of "the server answers").
Standard library only (asyncio).
"""

import argparse
import asyncio
import random
import signal
import sys
import time


class Stats:
    def __init__(self):
        self.open = 0
        self.answers = 0
        self.reconnects = 0
        self.failures = 0
        self.latencies = []


async def read_answer(reader):
    """Reads one HTTP/1.1 answer with a Content-Length; False when the server closed."""
    head = await reader.readuntil(b"\r\n\r\n")
    length = 0
    keep_alive = True
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"connection" and value.strip().lower() == b"close":
            keep_alive = False
    if length:
        await reader.readexactly(length)
    return keep_alive


async def hold(host, port, ping, stats, first_answer):
    request = f"GET /healthz HTTP/1.1\r\nHost: {host}:{port}\r\n\r\n".encode()
    connected_before = False
    while True:
        try:
            reader, writer = await asyncio.open_connection(host, port)
        except OSError:
            stats.failures += 1
            await asyncio.sleep(0.5)
            continue
        if connected_before:
            stats.reconnects += 1
        connected_before = True
        stats.open += 1
        try:
            while True:
                start = time.monotonic()
                writer.write(request)
                await writer.drain()
                keep_alive = await read_answer(reader)
                stats.latencies.append(time.monotonic() - start)
                stats.answers += 1
                if not first_answer.done():
                    first_answer.set_result(True)
                if not keep_alive:
                    break
                await asyncio.sleep(ping * random.uniform(0.8, 1.0))
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            pass
        finally:
            stats.open -= 1
            writer.close()


def percentile(values, fraction):
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


async def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("host")
    parser.add_argument("port", type=int)
    parser.add_argument("connections", type=int)
    parser.add_argument("--ping", type=float, default=3.5)
    parser.add_argument("--ready", default="")
    args = parser.parse_args()

    stats = Stats()
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    firsts = [loop.create_future() for _ in range(args.connections)]
    tasks = []
    for first in firsts:
        tasks.append(asyncio.create_task(hold(args.host, args.port, args.ping, stats, first)))
        await asyncio.sleep(0.002)  # Not all in one burst of SYNs.
    await asyncio.wait([asyncio.gather(*firsts), asyncio.create_task(stop.wait())],
                       return_when=asyncio.FIRST_COMPLETED)
    if not stop.is_set():
        if args.ready:
            with open(args.ready, "w") as ready:
                ready.write("ready\n")
        else:
            print("ready", flush=True)
        await stop.wait()
    open_at_end = stats.open
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    ms = lambda seconds: seconds * 1000
    print(f"idle connections: {open_at_end} of {args.connections} open at the end, "
          f"{stats.answers} pings answered, {stats.reconnects} reconnects, "
          f"{stats.failures} failed connects; ping latency p50 "
          f"{ms(percentile(stats.latencies, 0.5)):.2f} ms, p99 "
          f"{ms(percentile(stats.latencies, 0.99)):.2f} ms, max "
          f"{ms(max(stats.latencies, default=float('nan'))):.2f} ms", flush=True)


if __name__ == "__main__":
    asyncio.run(main())
    sys.exit(0)
