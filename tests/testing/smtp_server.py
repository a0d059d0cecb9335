#!/usr/bin/python3
"""A real SMTP server on loopback for ledd's tests (Debian's python3-aiosmtpd).

It listens on 127.0.0.1 (--port, 0 = a free port chosen by the kernel), prints
"PORT <n>" on stdout once it accepts connections, and writes every message it accepts
to --out as NNNNNN.json (written to a temporary name and renamed, so a reader never
sees half a file):

  {"mail_from": "...", "rcpt_tos": ["..."], "tls": bool, "authenticated_as": "..." | null,
   "headers": [[name, decoded value], ...], "raw_headers": [[name, value as sent], ...],
   "subject": decoded, "text": decoded text/plain body, "html": decoded text/html body (line ends "\n"),
   "raw": the whole message as received}

Options: --tls-cert/--tls-key offer STARTTLS (--require-tls refuses mail without it);
--auth USER:PASSWORD requires AUTH PLAIN or LOGIN with those credentials (over TLS
when STARTTLS is offered); --refuse ADDRESS answers RCPT TO for that address with 550.
It runs until killed (SIGTERM).
"""

import argparse
import asyncio
import email
import email.policy
import itertools
import json
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class Handler:
    def __init__(self, out, refuse):
        self.out = out
        self.refuse = {address.lower() for address in refuse}
        self.counter = itertools.count(1)

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.refuse:
            return "550 5.1.1 <%s>: mailbox unavailable" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        if isinstance(raw, str):
            raw = raw.encode("utf-8")
        message = email.message_from_bytes(raw, policy=email.policy.default)
        raw_message = email.message_from_bytes(raw, policy=email.policy.compat32)

        def body(kind):
            part = message.get_body(preferencelist=(kind,))
            if part is None or part.get_content_type() != "text/" + kind:
                return ""
            return part.get_content().replace("\r\n", "\n")

        login = getattr(session, "login_data", None)
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": list(envelope.rcpt_tos),
            "tls": session.ssl is not None,
            "authenticated_as": login.decode("utf-8", "replace") if login else None,
            "headers": [[name, str(value)] for name, value in message.items()],
            "raw_headers": [[name, str(value)] for name, value in raw_message.items()],
            "subject": str(message.get("Subject", "")),
            "text": body("plain"),
            "html": body("html"),
            "raw": raw.decode("utf-8", "replace"),
        }
        name = "%06d.json" % next(self.counter)
        temporary = os.path.join(self.out, "." + name + ".tmp")
        with open(temporary, "w", encoding="utf-8") as file:
            json.dump(record, file, ensure_ascii=False)
        os.rename(temporary, os.path.join(self.out, name))
        return "250 2.0.0 Message accepted for delivery"


def authenticator_for(credentials):
    user, _, password = credentials.partition(":")

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and
              auth_data.login == user.encode() and auth_data.password == password.encode())
        return AuthResult(success=ok, handled=False, auth_data=auth_data)

    return authenticate


async def serve(options):
    os.makedirs(options.out, exist_ok=True)
    handler = Handler(options.out, options.refuse)
    tls_context = None
    if options.tls_cert:
        tls_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        tls_context.load_cert_chain(options.tls_cert, options.tls_key)
    authenticator = authenticator_for(options.auth) if options.auth else None

    def protocol():
        return SMTP(handler, hostname="localhost", tls_context=tls_context,
                    require_starttls=options.require_tls, authenticator=authenticator,
                    auth_required=authenticator is not None,
                    auth_require_tls=tls_context is not None)

    loop = asyncio.get_running_loop()
    server = await loop.create_server(protocol, "127.0.0.1", options.port)
    stop = loop.create_future()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, lambda: stop.done() or stop.set_result(None))
    print("PORT %d" % server.sockets[0].getsockname()[1], flush=True)
    await stop
    server.close()
    await server.wait_closed()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--out", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--require-tls", action="store_true")
    parser.add_argument("--auth")
    parser.add_argument("--refuse", action="append", default=[])
    options = parser.parse_args()
    if bool(options.tls_cert) != bool(options.tls_key):
        parser.error("--tls-cert and --tls-key go together")
    asyncio.run(serve(options))


if __name__ == "__main__":
    sys.exit(main())
