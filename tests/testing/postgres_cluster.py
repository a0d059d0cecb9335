#!/usr/bin/python3
"""A private PostgreSQL cluster for ledd's tests (standard library only).

  postgres_cluster.py start DIR [--port P] [--standby-of PORT] [--set NAME=VALUE]...
                                [--durable] [--owner-pid PID]
  postgres_cluster.py stop DIR [--mode fast|immediate] [--keep]
  postgres_cluster.py kill DIR
  postgres_cluster.py promote DIR
  (each command also takes --bindir BIN before it: the server programs)

`start` creates the cluster in DIR/data if it is not there yet (initdb -U postgres
--auth=trust -E UTF8 --locale=C; with --standby-of, a base backup of the primary listening
on 127.0.0.1:PORT made with `pg_basebackup -R`, so the cluster starts as its streaming
standby), starts it listening on 127.0.0.1 only (port P, or a free port; its unix socket in
DIR unless that path is too long for a socket; its log in DIR/server.log), waits until it
accepts connections, writes `postgresql://postgres@127.0.0.1:PORT/postgres` to DIR/uri and
prints it. A server still running from DIR is stopped first. Settings suit tests: fsync
and full_page_writes off unless --durable (the data survives a killed server, not a crashed
machine); --set adds any other (`--set synchronous_standby_names=s1`, `--set
cluster_name=s1`). Settings are given on the command line, never written to the data
directory, so a base backup of a primary does not inherit them. With --owner-pid, a guard
process stops the server (immediate shutdown) if that process ends while the server still
runs: a test killed on a timeout leaves no server behind.

`stop` shuts the server down (fast: sessions are disconnected, the data is checkpointed)
and removes DIR, unless --keep; a cluster in DIR whose server had died is reported (exit 1)
after the removal. `kill` sends SIGKILL to the postmaster and all its children at once, as
a crash would, and waits until they are gone; starting again runs crash recovery.
`promote` makes a standby a primary and waits until it accepts writes.

initdb and postgres refuse to run as root: as root every server program runs as the
`postgres` user (runuser), which the postgresql-15 package creates; DIR is handed to that
user. Exit status 0 on success; otherwise a message on stderr (with the end of the server's
log when the server is what failed) and 1.
"""

import argparse
import os
import pwd
import shlex
import shutil
import signal
import socket
import stat
import subprocess
import sys
import tempfile
import time

DEFAULT_BINDIR = "/usr/lib/postgresql/15/bin"
SERVER_USER = "postgres"


class Failure(Exception):
    pass


def as_root():
    return os.geteuid() == 0


def server_user():
    """The account the server programs run as when we are root."""
    try:
        return pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise Failure(
            "initdb and postgres refuse to run as root, and there is no `postgres` user to "
            "run them as: install postgresql-15 (scripts/install-deps.sh), whose package "
            "creates it, or run the tests as an ordinary user") from None


def find_bindir(given):
    for candidate in [given, os.environ.get("LEDD_POSTGRES_BINDIR"), DEFAULT_BINDIR]:
        if candidate and os.path.exists(os.path.join(candidate, "pg_ctl")):
            return candidate
    raise Failure(f"PostgreSQL 15 server programs not found in {given or DEFAULT_BINDIR}: "
                  "install postgresql-15 (scripts/install-deps.sh)")


def run(bindir, tool, args, check=True):
    """Runs a server program (as the postgres user when root); returns CompletedProcess."""
    command = [os.path.join(bindir, tool)] + args
    if as_root():
        command = ["runuser", "-u", SERVER_USER, "--"] + command
    # cwd "/": the caller's directory may be closed to the postgres user.
    done = subprocess.run(command, cwd="/", stdin=subprocess.DEVNULL, capture_output=True,
                          text=True)
    if check and done.returncode != 0:
        raise Failure(f"{tool} {' '.join(args)} failed ({done.returncode}):\n"
                      f"{done.stdout}{done.stderr}")
    return done


def make_usable(directory):
    """Creates DIR and lets the server's user work in it."""
    os.makedirs(directory, exist_ok=True)
    if not as_root():
        return
    user = server_user()
    os.chown(directory, user.pw_uid, user.pw_gid)
    # The user must also reach DIR. Directories of our own under the temporary directory
    # (tests' mkdtemp, mode 0700) are opened for traversal only (o+x, no listing);
    # anything else closed to it is the caller's to fix.
    temp_root = os.path.realpath(tempfile.gettempdir())
    parent = os.path.dirname(os.path.realpath(directory))
    while parent not in ("/", ""):
        info = os.stat(parent)
        if not info.st_mode & stat.S_IXOTH and info.st_uid != user.pw_uid:
            if parent.startswith(temp_root + "/") and info.st_uid == os.geteuid():
                os.chmod(parent, stat.S_IMODE(info.st_mode) | stat.S_IXOTH)
            else:
                raise Failure(f"the postgres user cannot reach {directory}: {parent} is "
                              "closed to it (give it o+x or choose another directory)")
        parent = os.path.dirname(parent)


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def data_dir(directory):
    return os.path.join(directory, "data")


def log_tail(directory, lines=30):
    try:
        with open(os.path.join(directory, "server.log"), encoding="utf-8",
                  errors="replace") as log:
            return "".join(log.readlines()[-lines:])
    except OSError:
        return ""


def running(bindir, directory):
    if not os.path.exists(os.path.join(data_dir(directory), "postmaster.pid")):
        return False
    return run(bindir, "pg_ctl", ["-D", data_dir(directory), "status"],
               check=False).returncode == 0


def socket_dir(directory):
    """DIR for the unix socket, or none ("") when DIR's path is too long for one.

    Clients here connect over TCP; the socket is for a person poking at the cluster.
    """
    path = os.path.realpath(directory)
    return path if len(path) + len("/.s.PGSQL.65535") < 108 else ""


def server_options(directory, port, durable, settings):
    options = {
        "listen_addresses": "127.0.0.1",
        "port": str(port),
        "unix_socket_directories": socket_dir(directory),
        "max_connections": "200",
        "shared_buffers": "32MB",
        "jit": "off",
        "log_min_messages": "warning",
        "log_connections": "off",
    }
    if not durable:
        options.update({"fsync": "off", "full_page_writes": "off"})
    for setting in settings:
        name, separator, value = setting.partition("=")
        if not separator or not name:
            raise Failure(f"--set {setting}: expected NAME=VALUE")
        options[name] = value
    # pg_ctl hands -o to the shell: each setting is one quoted word.
    return " ".join(f"-c {shlex.quote(f'{name}={value}')}" for name, value in options.items())


def create(bindir, directory, standby_of):
    data = data_dir(directory)
    if os.path.exists(os.path.join(data, "PG_VERSION")):
        return
    if os.path.exists(data):
        shutil.rmtree(data)  # A half-made cluster from an interrupted start.
    if standby_of is None:
        run(bindir, "initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                               "--locale=C", "--no-sync"])
    else:
        # -R: standby.signal and primary_conninfo; -c fast: no wait for a checkpoint.
        run(bindir, "pg_basebackup", ["-D", data, "-h", "127.0.0.1", "-p", str(standby_of),
                                      "-U", "postgres", "-R", "-X", "stream", "-c", "fast",
                                      "--no-sync"])


def start(args):
    bindir = find_bindir(args.bindir)
    directory = os.path.abspath(args.dir)
    make_usable(directory)
    if running(bindir, directory):
        run(bindir, "pg_ctl", ["-D", data_dir(directory), "-m", "immediate", "-w", "stop"])
    create(bindir, directory, args.standby_of)
    attempts = 1 if args.port else 5
    for attempt in range(attempts):
        port = args.port or free_port()
        options = server_options(directory, port, args.durable, args.set)
        started = run(bindir, "pg_ctl", ["-D", data_dir(directory), "-o", options, "-l",
                                         os.path.join(directory, "server.log"), "-w", "-t",
                                         "60", "start"], check=False)
        if started.returncode == 0:
            break
        # A free port taken by someone else between the probe and the bind: try another.
        if attempt + 1 < attempts and "could not bind" in log_tail(directory, 10):
            continue
        raise Failure(f"the PostgreSQL server in {directory} did not start:\n"
                      f"{started.stdout}{started.stderr}{log_tail(directory)}")
    uri = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    with open(os.path.join(directory, "uri.tmp"), "w", encoding="utf-8") as out:
        out.write(uri + "\n")
    os.replace(os.path.join(directory, "uri.tmp"), os.path.join(directory, "uri"))
    # The guard first: the owner may be gone already, and with it the reader of our output.
    if args.owner_pid:
        guard(bindir, directory, args.owner_pid)
    try:
        print(uri, flush=True)
    except BrokenPipeError:
        pass


def guard(bindir, directory, owner):
    """Leaves a process behind that stops the server at once if `owner` dies first.

    A test that crashes or is killed on a timeout runs no destructor; without this its
    servers would outlive it. The guard ends by itself when the server is stopped or killed.
    """
    server = postmaster_pid(directory)
    if os.fork() != 0:
        return
    os.setsid()
    if os.fork() != 0:
        os._exit(0)
    # Nothing of the caller's stays open: a caller reading our output sees its end.
    null = os.open(os.devnull, os.O_RDWR)
    for descriptor in (0, 1, 2):
        os.dup2(null, descriptor)
    os.closerange(3, 1024)
    try:
        while alive(server):
            if not alive(owner):
                run(bindir, "pg_ctl", ["-D", data_dir(directory), "-m", "immediate", "stop"],
                    check=False)
                break
            time.sleep(0.5)
    finally:
        os._exit(0)


def stop(args):
    bindir = find_bindir(args.bindir)
    directory = os.path.abspath(args.dir)
    failure = None
    if running(bindir, directory):
        run(bindir, "pg_ctl", ["-D", data_dir(directory), "-m", args.mode, "-w", "-t", "60",
                               "stop"])
    elif os.path.exists(os.path.join(data_dir(directory), "PG_VERSION")) and not args.keep:
        # The cluster is there but its server is not: it died under the tests.
        failure = Failure(f"the PostgreSQL server in {directory} was not running:\n"
                          f"{log_tail(directory)}")
    if not args.keep:
        shutil.rmtree(directory, ignore_errors=True)
    if failure:
        raise failure


def postmaster_pid(directory):
    try:
        with open(os.path.join(data_dir(directory), "postmaster.pid"), encoding="ascii") as f:
            return int(f.readline())
    except (OSError, ValueError):
        raise Failure(f"no PostgreSQL server runs in {directory}") from None


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def kill(args):
    directory = os.path.abspath(args.dir)
    pid = postmaster_pid(directory)
    if not alive(pid):
        raise Failure(f"the PostgreSQL server in {directory} (pid {pid}) is not running")
    # Every child of the postmaster runs in a session of its own, so a process group does
    # not reach them: the server is the postmaster and its children, all killed at once,
    # as in a crash.
    server = [pid] + children(pid)
    for member in server:
        try:
            os.kill(member, signal.SIGKILL)
        except ProcessLookupError:
            pass
    # Gone means reaped, not a zombie: until its parent (init) reaps the postmaster, its
    # pid still looks alive to pg_ctl and to a new postmaster reading postmaster.pid.
    deadline = time.monotonic() + 20
    while any(os.path.exists(f"/proc/{member}") for member in server):
        if time.monotonic() > deadline:
            raise Failure(f"the PostgreSQL server in {directory} (pid {pid}) is still "
                          "there 20 s after SIGKILL")
        time.sleep(0.01)


def children(pid):
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:  # Fields after the name: state, ppid.
            found.append(int(entry))
    return found


def promote(args):
    bindir = find_bindir(args.bindir)
    run(bindir, "pg_ctl", ["-D", data_dir(os.path.abspath(args.dir)), "-w", "-t", "60",
                           "promote"])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bindir", help=f"the server programs (default {DEFAULT_BINDIR})")
    commands = parser.add_subparsers(dest="command", required=True)
    start_parser = commands.add_parser("start")
    start_parser.add_argument("dir")
    start_parser.add_argument("--port", type=int, default=0)
    start_parser.add_argument("--standby-of", type=int, metavar="PORT")
    start_parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    start_parser.add_argument("--durable", action="store_true")
    start_parser.add_argument("--owner-pid", type=int, metavar="PID",
                              help="stop the server at once when this process ends")
    stop_parser = commands.add_parser("stop")
    stop_parser.add_argument("dir")
    stop_parser.add_argument("--mode", choices=["fast", "immediate"], default="fast")
    stop_parser.add_argument("--keep", action="store_true")
    commands.add_parser("kill").add_argument("dir")
    commands.add_parser("promote").add_argument("dir")
    args = parser.parse_args()
    try:
        {"start": start, "stop": stop, "kill": kill, "promote": promote}[args.command](args)
    except Failure as failure:
        print(f"postgres_cluster.py {args.command}: {failure}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
