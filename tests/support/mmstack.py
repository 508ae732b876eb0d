#!/usr/bin/env python3
"""Starts the real ModemManager against simulated modems, and stops it.

    mmstack.py NAME=SCENARIO.json [NAME=SCENARIO.json ...]

Starts, each as a child of this process and stopped by its PID:
  - a private system bus (dbus-daemon with a policy allowing everything),
  - polkitd on it, in a mount namespace whose /etc/polkit-1/rules.d is a
    directory of this run (tests add rules there; polkitd reads them live),
  - the simulated modems (simmodem.py, in this process), one pty each,
    linked as /dev/ttyFAKE<pid>x<n>,
  - ModemManager --test-no-udev --no-auto-scan --initial-kernel-events=FILE
    under `unshare -m`, with a tmpfs over /sys/class/tty holding an entry per
    modem (a pty has none, and ModemManager wants one) and this run's udev
    rule file (ID_MM_CANDIDATE, ID_MM_DEVICE_PROCESS for ttyFAKE*) mounted
    over /lib/udev/rules.d, so nothing outside the namespace changes;
then enables every modem whose scenario's modem state is not "disabled"
(`mmcli -m N -e`) and waits until each is registered.

Prints one JSON line on stdout: {"ready": {...}} with the bus address, the
ModemManager version, the run directory and each modem's D-Bus path and
request log; or {"unavailable": "why"} when this machine cannot run it
(not root, no CAP_SYS_ADMIN, a missing program), or {"failed": "why"} when
it should have started and did not, and exits.

Runs until stdin closes (the test process ended, however it ended) or a
SIGTERM/SIGINT arrives; then stops everything it started and removes the run
directory. Children also get SIGTERM should this process die first
(setpriv --pdeathsig); the /dev links and run directory of a run killed
outright are removed by the next run.
"""

import glob
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simmodem  # noqa: E402

MODEMMANAGER = "/usr/sbin/ModemManager"
POLKITD = "/usr/lib/polkit-1/polkitd"
START_TIMEOUT = 90.0

BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>system</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow user="*"/>
    <allow own="*"/>
    <allow send_destination="*"/>
    <allow receive_sender="*"/>
  </policy>
</busconfig>
"""

# ModemManager parses udev rules itself: one result per line, no spaces
# before a comma.
RULES = """KERNEL=="ttyFAKE*", ENV{ID_MM_CANDIDATE}="1"
KERNEL=="ttyFAKE*", ENV{ID_MM_DEVICE_PROCESS}="1"
"""


class Unavailable(Exception):
    """This machine cannot run the stack: tests skip (or fail if required)."""


class Failed(Exception):
    """The stack should have started and did not: tests fail."""


class Stop(Exception):
    pass


class Stack:
    def __init__(self, specs):
        self.specs = specs
        self.run_dir = tempfile.mkdtemp(prefix=f"topup-mm-{os.getpid()}-")
        # polkitd runs as its own user and non-root tests connect to the bus.
        os.chmod(self.run_dir, 0o755)
        self.socket = os.path.join(self.run_dir, "bus")
        self.bus = "unix:path=" + self.socket
        self.env = dict(os.environ, DBUS_SYSTEM_BUS_ADDRESS=self.bus, LC_ALL="C.UTF-8")
        self.children = []  # (name, Popen), started order
        self.modems = []

    # -- processes --------------------------------------------------------

    def spawn(self, name, argv):
        log = open(os.path.join(self.run_dir, name + ".log"), "wb")
        # setpriv execs the program (same PID) with SIGTERM due should this
        # process die first; unlike preexec_fn, safe with the modem thread.
        child = subprocess.Popen(["setpriv", "--pdeathsig", "TERM", *argv], env=self.env,
                                 stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
        log.close()
        self.children.append((name, child))
        return child

    def mmcli(self, *args, timeout=30):
        return subprocess.run(["mmcli", *args], env=self.env, capture_output=True, text=True,
                              timeout=timeout)

    def wait_for(self, what, check, timeout=START_TIMEOUT):
        deadline = time.monotonic() + timeout
        while True:
            for name, child in self.children:
                if child.poll() is not None:
                    raise Failed(f"{name} exited with status {child.returncode} while waiting for {what}"
                                      f"{self.log_tail(name)}")
            if check():
                return
            if time.monotonic() > deadline:
                raise Failed(f"timed out waiting for {what}{self.log_tail('ModemManager')}")
            time.sleep(0.1)

    def log_tail(self, name):
        try:
            with open(os.path.join(self.run_dir, name + ".log"), encoding="utf-8", errors="replace") as f:
                lines = f.read().splitlines()[-5:]
        except OSError:
            return ""
        return "; last lines of its log: " + " | ".join(lines) if lines else ""

    # -- start ------------------------------------------------------------

    def check_machine(self):
        if os.geteuid() != 0:
            raise Unavailable("root (to run ModemManager and mount over /sys/class/tty)")
        for program in (MODEMMANAGER, POLKITD, shutil.which("mmcli"), shutil.which("dbus-daemon"),
                        shutil.which("dbus-send"), shutil.which("unshare"), shutil.which("setpriv")):
            if not program or not os.access(program, os.X_OK):
                raise Unavailable("the Debian package modemmanager "
                                  "(apt-get install --no-install-recommends modemmanager)")
        probe = subprocess.run(["unshare", "-m", "sh", "-c", "mount -t tmpfs none /sys/class/tty"],
                               capture_output=True, text=True)
        if probe.returncode != 0:
            raise Unavailable("CAP_SYS_ADMIN, to mount a tmpfs over /sys/class/tty in a mount namespace "
                              f"({probe.stderr.strip() or 'unshare -m failed'})")

    def start(self):
        started = time.monotonic()
        self.check_machine()
        with open(os.path.join(self.run_dir, "bus.conf"), "w", encoding="utf-8") as f:
            f.write(BUS_CONFIG.format(socket=self.socket))
        self.spawn("dbus-daemon", ["dbus-daemon", "--nofork", "--nopidfile",
                                   "--config-file=" + os.path.join(self.run_dir, "bus.conf")])
        self.wait_for("the private bus", lambda: os.path.exists(self.socket), 10)

        polkit_rules = os.path.join(self.run_dir, "polkit-rules")
        os.mkdir(polkit_rules)
        os.chmod(polkit_rules, 0o755)
        self.spawn("polkitd", ["unshare", "-m", "sh", "-c",
                               f'mount --bind "{polkit_rules}" /etc/polkit-1/rules.d && '
                               f'exec {POLKITD} --no-debug'])
        self.wait_for("polkitd on the bus", lambda: self.has_owner("org.freedesktop.PolicyKit1"), 20)

        for i, (name, scenario) in enumerate(self.specs):
            tty_name = f"ttyFAKE{os.getpid()}x{i}"
            modem = simmodem.Modem(tty_name, scenario, os.path.join(self.run_dir, name + ".jsonl"))
            modem.role = name
            self.modems.append(modem)
            modem.link()
        self.serving = threading.Event()
        self.server = threading.Thread(target=simmodem.serve, args=(self.modems, self.serving), daemon=True)
        self.server.start()

        rules = os.path.join(self.run_dir, "udev-rules")
        os.mkdir(rules)
        with open(os.path.join(rules, "78-mm-topup-test.rules"), "w", encoding="utf-8") as f:
            f.write(RULES)
        events = os.path.join(self.run_dir, "kernel-events")
        with open(events, "w", encoding="utf-8") as f:
            for i, modem in enumerate(self.modems):
                f.write(f"action=add,subsystem=tty,name={modem.name},uid=sim-{i}\n")
        entries = " && ".join(f"mkdir /sys/class/tty/{m.name}" for m in self.modems)
        self.spawn("ModemManager", [
            "unshare", "-m", "sh", "-c",
            f"mount -t tmpfs none /sys/class/tty && {entries} && "
            f'mount --bind "{rules}" /lib/udev/rules.d && '
            f"exec {MODEMMANAGER} --test-no-udev --no-auto-scan --initial-kernel-events={events}"])

        paths = {}

        def all_found():
            listed = self.mmcli("-L", "-J")
            if listed.returncode != 0:
                return False
            found = json.loads(listed.stdout).get("modem-list", [])
            for path in found:
                if path in paths.values():
                    continue
                shown = self.mmcli("-m", path, "-J")
                if shown.returncode == 0:
                    port = json.loads(shown.stdout)["modem"]["generic"]["primary-port"]
                    paths[port] = path
            return len(paths) == len(self.modems)

        self.wait_for("ModemManager to find every simulated modem", all_found)
        enabling = [subprocess.Popen(["mmcli", "-m", paths[m.name], "-e"], env=self.env,
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                    for m in self.modems if m.scenario.get("modem", {}).get("state") != "disabled"]
        for child in enabling:
            _, err = child.communicate(timeout=60)
            if child.returncode != 0:
                raise Failed(f"mmcli -e failed: {err.decode(errors='replace').strip()}")

        def registered(modem):
            if modem.scenario.get("modem", {}).get("state") == "disabled":
                return True
            shown = self.mmcli("-m", paths[modem.name], "-J")
            return shown.returncode == 0 and json.loads(shown.stdout)["modem"]["generic"]["state"] == "registered"

        self.wait_for("every enabled modem to register", lambda: all(registered(m) for m in self.modems))
        version = self.mmcli("--version").stdout.split("\n")[0].split()[-1]
        return {
            "bus": self.bus,
            "version": version,
            "run_dir": self.run_dir,
            "polkit_rules": polkit_rules,
            "start_seconds": round(time.monotonic() - started, 2),
            "modems": {m.role: {"path": paths[m.name], "tty": m.name, "log": m.log_path} for m in self.modems},
        }

    def has_owner(self, name):
        result = subprocess.run(
            ["dbus-send", "--system", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus",
             "org.freedesktop.DBus.NameHasOwner", "string:" + name],
            env=self.env, capture_output=True, text=True)
        return result.returncode == 0 and "boolean true" in result.stdout

    # -- stop -------------------------------------------------------------

    def stop(self):
        # ModemManager first, while the bus and the modems it talks to are
        # still there; then the rest, newest first.
        for name, child in reversed(self.children):
            if child.poll() is None:
                child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
        if hasattr(self, "serving"):
            self.serving.set()
            self.server.join(timeout=2)
        for modem in self.modems:
            modem.close()
        shutil.rmtree(self.run_dir, ignore_errors=True)


def sweep_leftovers():
    """Removes the /dev links and run directories of an earlier run whose
    mmstack.py was killed before it could (its daemons died with it)."""
    def dead(pid):
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return True
        except OSError:
            pass
        return False

    for link in glob.glob("/dev/ttyFAKE*"):
        match = re.fullmatch(r"/dev/ttyFAKE(\d+)x\d+", link)
        if match and dead(match.group(1)) and os.path.islink(link):
            os.unlink(link)
    for run_dir in glob.glob(os.path.join(tempfile.gettempdir(), "topup-mm-*")):
        match = re.match(r"topup-mm-(\d+)-", os.path.basename(run_dir))
        if match and dead(match.group(1)):
            shutil.rmtree(run_dir, ignore_errors=True)


def wait_for_eof():
    """Until stdin closes: the test process that started us has ended."""
    while True:
        ready, _, _ = select.select([sys.stdin.buffer], [], [], 1.0)
        if ready and not os.read(sys.stdin.fileno(), 4096):
            return


def main():
    def stop(signum, frame):
        raise Stop()

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGHUP, stop)
    specs = [tuple(spec.split("=", 1)) for spec in sys.argv[1:]]
    if os.geteuid() == 0:
        sweep_leftovers()
    stack = Stack(specs)
    try:
        try:
            ready = stack.start()
        except Unavailable as why:
            print(json.dumps({"unavailable": str(why)}), flush=True)
            return 0
        except Failed as why:
            print(json.dumps({"failed": str(why)}), flush=True)
            return 1
        print(json.dumps({"ready": ready}), flush=True)
        wait_for_eof()
    except (Stop, BrokenPipeError):
        pass
    finally:
        stack.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
