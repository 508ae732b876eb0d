#!/usr/bin/env python3
"""Times `topup history` over a big ledger as a person meets it.

  first_screen.py RUNS OUT.json TOPUP [ARGS...]

Each run starts TOPUP ARGS on a pseudo-terminal of 40 rows × 80 columns
(so topup pages through `less -FRX`, as on a real terminal) and records when
the first screen (39 lines) has arrived; the pager is then quit. A second run
per round writes the whole table to /dev/null (`--no-pager`) and records its
wall time and peak memory (the child's ru_maxrss, from wait4). Writes the
samples, in milliseconds and MB, to OUT.json.
"""
import fcntl, json, os, pty, select, signal, struct, sys, termios, time

runs, out, cmd = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
ROWS, COLS = 40, 80


def first_screen():
    pid, master = pty.fork()
    if pid == 0:
        fcntl.ioctl(1, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.environ.update(COLUMNS=str(COLS), LINES=str(ROWS), TERM="xterm")
        os.execvp(cmd[0], cmd)
    start, seen, lines = time.monotonic(), b"", 0
    elapsed = None
    while elapsed is None:
        ready, _, _ = select.select([master], [], [], 60)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        lines += chunk.count(b"\n")
        if lines >= ROWS - 1:
            elapsed = (time.monotonic() - start) * 1000
    os.kill(pid, signal.SIGTERM)
    # less may be the one holding the terminal: end the whole group.
    try:
        os.killpg(pid, signal.SIGTERM)
    except OSError:
        pass
    os.waitpid(pid, 0)
    os.close(master)
    return elapsed


def whole_table():
    start = time.monotonic()
    pid = os.fork()
    if pid == 0:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, 1)
        os.execvp(cmd[0], cmd + ["--no-pager"])
    _, status, usage = os.wait4(pid, 0)
    wall = (time.monotonic() - start) * 1000
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{' '.join(cmd)} failed: {status}")
    return wall, usage.ru_maxrss / 1024


samples = {"first_screen_ms": [], "whole_ms": [], "peak_rss_mb": []}
for _ in range(runs):
    samples["first_screen_ms"].append(first_screen())
    wall, rss = whole_table()
    samples["whole_ms"].append(wall)
    samples["peak_rss_mb"].append(rss)
json.dump(samples, open(out, "w"))
print(json.dumps(samples))
