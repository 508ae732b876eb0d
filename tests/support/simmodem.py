#!/usr/bin/env python3
"""A simulated AT modem on a pseudo-terminal, for running the real
ModemManager in topup's tests.

Each modem is a pty pair: the slave stays open here and is linked as
/dev/<name>; this side answers on the master what ModemManager's generic
plugin sends while probing, initialising and enabling, and plays a network
from a scenario file: USSD in UCS2 hex with dcs 72 (menus, final replies,
`+CUSD: 2` when the network ends a session, slow replies, stale menus
ended after a while) and SMS in PDU mode (send, list, read, delete, an
operator's answer arriving as `+CMTI` after a request).

The scenario format is the fake mmcli's (tests/fixtures/mmcli/fake-mmcli),
so one file can drive both:
  "modem": {"operator-code", "operator-name", "sim", "state"}   the
            network, whether a SIM is in (null: none), and "disabled" for
            a modem mmstack.py leaves disabled
  "sim":   {"operator-code", "operator-name"}          IMSI prefix, SPN
  "ussd":  {"codes": {CODE: NODE}, "session_timeout": seconds,
            "status": not "idle" when the modem holds a menu at start}
      NODE = {"reply", "menu": {ANSWER: NODE}, "sleep" (seconds before
              the reply), "late" (a notification a second after it),
              "network": "end" | "unsupported", "sets", "sets_after",
              "if": {FLAG: NODE}}
      An answer the open menu does not offer ends the session (+CUSD: 2),
      as networks do; so does a menu left open for session_timeout. An
      unknown code, or a node with the fake's "error", is +CUSD: 4.
      Requests arrive as ModemManager encodes them in the charset it chose
      (UCS2 here: AT+CUSD=1,"002A...",15); replies go back as UCS2 hex with
      dcs 72, as most modems send them.
  "sms":   {"stored": [{"number", "text", "state", "timestamp"}],
            "replies": [{"to", "keyword", "from", "text", "delay"}]}
      Stored messages are in "ME" (the modem's memory); an answer is stored
      there too and announced with +CMTI. Texts go out in GSM 7-bit when
      they fit its alphabet, else UCS2.

Every request that reaches the network is appended as one JSON line to the
modem's log ({"ussd": text}, {"cancel": true}, {"network_ended": why},
{"sms": {"to", "text"}}, {"delete": index}), so tests can tell what the
daemon really sent.

Run standalone for a manual session (as root):
  simmodem.py ttyFAKE0=tests/fixtures/mmcli/menu.json --log-dir /tmp/sim
"""

import argparse
import codecs
import datetime
import json
import os
import re
import select
import signal
import sys
import threading
import time
import tty

# A reply comes this long after the request's OK, as from a network (a
# real one takes a second or two; tests need not wait that long).
REPLY_DELAY = 0.05
# An operator's SMS answer arrives this long after the request is sent.
SMS_REPLY_DELAY = 0.5
# A late USSD notification comes this long after the reply.
LATE_DELAY = 1.0

# GSM 03.38 default alphabet: the characters SMS texts here may use in
# 7-bit; anything else goes as UCS2.
GSM7 = ("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")


def gsm7_pack(text):
    septets = [GSM7.index(c) for c in text]
    out, acc, bits = bytearray(), 0, 0
    for s in septets:
        acc |= s << bits
        bits += 7
        while bits >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            bits -= 8
    if bits:
        out.append(acc & 0xFF)
    return bytes(out), len(septets)


def gsm7_unpack(data, count):
    acc, bits, chars = 0, 0, []
    for byte in data:
        acc |= byte << bits
        bits += 8
        while bits >= 7 and len(chars) < count:
            chars.append(GSM7[acc & 0x7F] if (acc & 0x7F) < len(GSM7) else "?")
            acc >>= 7
            bits -= 7
    return "".join(chars)


def bcd_number(number):
    """An address field's type and semi-octets."""
    digits = number.lstrip("+")
    toa = 0x91 if number.startswith("+") else 0x81
    padded = digits + ("F" if len(digits) % 2 else "")
    swapped = "".join(padded[i + 1] + padded[i] for i in range(0, len(padded), 2))
    return len(digits), toa, bytes.fromhex(swapped)


def semi_octets(value):
    return int(f"{value % 10}{value // 10}", 16)


def deliver_pdu(sender, text, when):
    """An SMS-DELIVER PDU (with a service centre address), as hex."""
    smsc_len, smsc_toa, smsc = bcd_number("+56900000000")
    del smsc_len
    n, toa, address = bcd_number(sender)
    if all(c in GSM7 and c != "\x1b" for c in text):
        dcs = 0x00
        ud, udl = gsm7_pack(text)
    else:
        dcs = 0x08
        ud = text.encode("utf-16-be")
        udl = len(ud)
    offset = when.utcoffset() or datetime.timedelta(0)
    quarters = int(offset.total_seconds() // 900)
    tz = semi_octets(abs(quarters)) | (0x08 if quarters < 0 else 0)
    scts = bytes(semi_octets(v) for v in (when.year % 100, when.month, when.day,
                                          when.hour, when.minute, when.second)) + bytes([tz])
    tpdu = bytes([0x04, n, toa]) + address + bytes([0x00, dcs]) + scts + bytes([udl]) + ud
    smsc_field = bytes([len(smsc) + 1, smsc_toa]) + smsc
    return (smsc_field + tpdu).hex().upper(), len(tpdu)


def parse_submit(pdu_hex):
    """The recipient and text of an SMS-SUBMIT PDU."""
    pdu = bytes.fromhex(pdu_hex)
    pdu = pdu[1 + pdu[0]:]  # service centre
    first, i = pdu[0], 2  # first octet, message reference
    digits, i = pdu[i], i + 1
    toa, i = pdu[i], i + 1
    raw = pdu[i:i + (digits + 1) // 2].hex().upper()
    i += (digits + 1) // 2
    number = "".join(raw[j + 1] + raw[j] for j in range(0, len(raw), 2))[:digits]
    if toa == 0x91:
        number = "+" + number
    i += 1  # protocol identifier
    dcs, i = pdu[i], i + 1
    vpf = (first >> 3) & 0x03
    i += {0: 0, 2: 1}.get(vpf, 7)
    udl, i = pdu[i], i + 1
    ud = pdu[i:]
    if dcs & 0x0C == 0x08:
        text = ud[:udl].decode("utf-16-be")
    else:
        text = gsm7_unpack(ud, udl)
    return number, text


def ucs2_hex(text):
    return text.encode("utf-16-be").hex().upper()


class Modem:
    """One simulated modem: its pty, its AT parser and its network."""

    def __init__(self, name, scenario_path, log_path):
        self.name = name
        with open(scenario_path, encoding="utf-8") as f:
            self.scenario = json.load(f)
        self.log_path = log_path
        self.master, self.slave = os.openpty()
        tty.setraw(self.master)
        self.slave_path = os.ttyname(self.slave)
        self.dev_path = "/dev/" + name
        self.lock = threading.RLock()
        self.buffer = b""
        self.pdu_wait = None  # the CMGS length while a PDU is being typed
        self.charset = "GSM"
        self.cops_format = "2"
        # Messages live in "ME"; "SM" (the SIM) stays empty.
        self.memory = "ME"
        self.enabled = False
        # The answers leading to the open menu, code first. A session open
        # at start is a menu the daemon does not know of, offering nothing.
        stale = self.scenario.get("ussd", {}).get("status", "idle") != "idle"
        self.menu = ["(menu open before the daemon started)"] if stale else None
        self.menu_generation = 0
        self.flags = {}
        self.session = 0
        self.timers = []
        self.storage = {}  # index -> {"stat", "pdu", "length"}
        self.next_index = 0
        self.message_reference = 0
        for stored in self.scenario.get("sms", {}).get("stored", []):
            when = datetime.datetime.fromisoformat(stored.get("timestamp", "2026-10-01T09:00:00-03:00"))
            pdu, length = deliver_pdu(stored["number"], stored["text"], when)
            self.store(pdu, length, 1)
        self.stopped = False

    # -- plumbing ---------------------------------------------------------

    def link(self):
        if os.path.lexists(self.dev_path):
            os.unlink(self.dev_path)
        os.symlink(self.slave_path, self.dev_path)

    def close(self):
        self.stopped = True
        for timer in self.timers:
            timer.cancel()
        try:
            if os.path.islink(self.dev_path) and os.readlink(self.dev_path) == self.slave_path:
                os.unlink(self.dev_path)
        except OSError:
            pass
        for fd in (self.master, self.slave):
            try:
                os.close(fd)
            except OSError:
                pass

    def write(self, text):
        with self.lock:
            if not self.stopped:
                os.write(self.master, text.encode("utf-8"))

    def respond(self, lines, final="OK"):
        info = "\r\n" + "\r\n".join(lines) + "\r\n" if lines else ""
        self.write(info + f"\r\n{final}\r\n")

    def urc(self, line):
        self.write(f"\r\n{line}\r\n")

    def later(self, delay, fn):
        timer = threading.Timer(delay, self.locked, args=(fn,))
        timer.daemon = True
        self.timers = [t for t in self.timers if t.is_alive()] + [timer]
        timer.start()

    def locked(self, fn):
        with self.lock:
            if not self.stopped:
                fn()

    def log(self, event):
        with open(self.log_path, "a", encoding="utf-8") as f:
            f.write(json.dumps(event, ensure_ascii=False) + "\n")

    def feed(self, data):
        with self.lock:
            self.buffer += data
            while True:
                if self.pdu_wait is not None:
                    end = self.buffer.find(b"\x1a")
                    if end < 0:
                        return
                    pdu = self.buffer[:end].decode("ascii", "replace").strip()
                    self.buffer = self.buffer[end + 1:]
                    self.pdu_wait = None
                    self.send_sms(pdu)
                    continue
                end = self.buffer.find(b"\r")
                if end < 0:
                    return
                line = self.buffer[:end].decode("utf-8", "replace").strip().lstrip("\n")
                self.buffer = self.buffer[end + 1:]
                # Anything before "AT" is noise (other probes' bytes).
                start = line.upper().find("AT")
                if start >= 0:
                    try:
                        self.command_line(line[start + 2:])
                    except (ValueError, IndexError, KeyError) as err:
                        # A malformed command is an ERROR, as on a modem.
                        self.log({"bad_command": line, "error": repr(err)})
                        self.write("\r\nERROR\r\n")

    # -- AT commands ------------------------------------------------------

    def command_line(self, rest):
        """`AT<cmd>[;<cmd>]...`: runs each, one final result."""
        if rest.upper().startswith("+CMGS="):
            self.pdu_wait = rest[6:]
            self.write("\r\n> ")
            return
        out = []
        for cmd in [c.strip() for c in rest.split(";")] if rest else [""]:
            result = self.command(cmd)
            if result is None:
                self.write("\r\nERROR\r\n")
                return
            if isinstance(result, str):  # an error other than ERROR
                self.write(f"\r\n{result}\r\n")
                return
            out.extend(result)
        self.respond(out)

    def command(self, cmd):
        """The info lines of one command, None for ERROR, or an error line."""
        up = cmd.upper()
        modem = self.scenario.get("modem", {})
        sim = self.scenario.get("sim", {})
        has_sim = modem.get("sim", "/sim") is not None
        network = modem.get("operator-code") or ""
        if up in ("", "E0", "E1", "V1", "Z", "&F", "&C1", "&D2", "X4", "Q0", "+CMEE=1", "+CMEE=2",
                  "+CREG=2", "+CGREG=2", "+CEREG=2", "+CREG=0", "+CGREG=0", "+CEREG=0", "+COPS=0",
                  "+CGEREP=0", "+CMGF=0", "+CUSD=0", "+CUSD=1"):
            return []
        if up.startswith("I"):
            return ["Simulated modem for topup's tests"]
        if up == "+GCAP":
            return ["+GCAP: +CGSM"]
        if up in ("+CGMI", "+GMI"):
            return ["topup"]
        if up in ("+CGMM", "+GMM"):
            return ["simmodem"]
        if up in ("+CGMR", "+GMR"):
            return ["1.0"]
        if up in ("+CGSN", "+GSN"):
            return ["867000000000" + f"{sum(map(ord, self.name)) % 1000:03d}"]
        if up == "+CPIN?":
            return ["+CPIN: READY"] if has_sim else "+CME ERROR: 10"
        if not has_sim and (up.startswith("+CIMI") or up.startswith("+CRSM") or up.startswith("+CCID")):
            return "+CME ERROR: 10"
        if up == "+CIMI":
            return [(sim.get("operator-code") or "73001") + "1234567890"]
        if up in ("+CCID", "+ICCID"):
            return ["+CCID: 8956" + "0" * 15]
        if up.startswith("+CRSM=176,28589"):  # EF_AD: the MNC's length
            mnc = len(sim.get("operator-code") or "73001") - 3
            return [f'+CRSM: 144,0,"000000{mnc:02X}"']
        if up.startswith("+CRSM=176,28486"):  # EF_SPN: the operator's name
            name = sim.get("operator-name") or ""
            if not name:
                return ['+CRSM: 106,130,""']
            body = bytes([0]) + bytes(GSM7.index(c) if c in GSM7 else 0x3F for c in name)
            return ['+CRSM: 144,0,"' + (body + b"\xff" * (17 - len(body))).hex().upper() + '"']
        if up.startswith("+CRSM=176,12258"):  # EF_ICCID
            return ['+CRSM: 144,0,"98651000000000000000"']
        if up.startswith("+CRSM"):
            return ['+CRSM: 106,130,""']
        if up == "+CFUN?":
            return ["+CFUN: 1" if self.enabled else "+CFUN: 4"]
        if up.startswith("+CFUN="):
            self.enabled = up.startswith("+CFUN=1")
            return []
        if up.startswith("+COPS=3,"):
            self.cops_format = up[-1]
            return []
        if up == "+COPS?":
            if not network or not self.enabled:
                return ["+COPS: 0"]
            if self.cops_format == "0":
                return [f'+COPS: 0,0,"{modem.get("operator-name") or network}",7']
            return [f'+COPS: 0,2,"{network}",7']
        if up == "+COPS=?":
            return [f'+COPS: (2,"{modem.get("operator-name", "")}","","{network}",7),,(0-4),(0-2)']
        if up in ("+CREG?", "+CGREG?", "+CEREG?"):
            stat = 1 if network and self.enabled else 0
            return [f"{up[:-1]}: 2,{stat}"]
        if up in ("+CREG=?", "+CGREG=?", "+CEREG=?"):
            return [f"{up[:-2]}: (0-2)"]
        if up == "+CSQ":
            return ["+CSQ: 20,99"]
        if up == "+CSCS=?":
            return ['+CSCS: ("IRA","GSM","UCS2")']
        if up == "+CSCS?":
            return [f'+CSCS: "{self.charset}"']
        if up.startswith("+CSCS="):
            self.charset = cmd[6:].strip('"').upper()
            return []
        if up == "+CUSD=?":
            return ["+CUSD: (0-2)"]
        if up == "+CUSD=2":
            self.cancel_ussd()
            return []
        if up.startswith("+CUSD=1,"):
            return self.ussd_request(cmd)
        if up == "+CMGF=?":
            return ["+CMGF: (0,1)"]
        if up == "+CNMI=?":
            return ["+CNMI: (0-2),(0-3),(0,2),(0-2),(0,1)"]
        if up.startswith("+CNMI="):
            return []
        if up == "+CPMS=?":
            return ['+CPMS: ("ME","SM"),("ME","SM"),("ME","SM")']
        if up.startswith("+CPMS"):
            if up.startswith("+CPMS="):
                self.memory = up[6:].split(",")[0].strip('"')
            n = len(self.memory_storage())
            if up == "+CPMS?":
                return [f'+CPMS: "{self.memory}",{n},255,"{self.memory}",{n},255,"{self.memory}",{n},255']
            return [f"+CPMS: {n},255,{n},255,{n},255"]
        if up.startswith("+CMGL"):
            return self.list_sms()
        if up.startswith("+CMGR="):
            sms = self.memory_storage().get(int(up[6:].split(",")[0] or -1))
            if sms is None:
                return "+CMS ERROR: 321"
            sms["stat"] = 1 if sms["stat"] == 0 else sms["stat"]
            return [f"+CMGR: {sms['stat']},,{sms['length']}", sms["pdu"]]
        if up.startswith("+CMGD="):
            index = int(up[6:].split(",")[0] or -1)
            if self.memory_storage().pop(index, None) is None:
                return "+CMS ERROR: 321"
            self.log({"delete": index})
            return []
        if up == "+CGDCONT?":
            return ['+CGDCONT: 1,"IP","internet","0.0.0.0",0,0']
        if up == "+CGDCONT=?":
            return ['+CGDCONT: (1-16),"IP",,,(0-2),(0-4)', '+CGDCONT: (1-16),"IPV6",,,(0-2),(0-4)']
        if up == "+CLCK=?":
            return ['+CLCK: ("SC")']
        if up.startswith('+CLCK="SC",2'):
            return ["+CLCK: 0"]
        return None

    # -- USSD --------------------------------------------------------------

    def decode_request(self, hex_or_text):
        if self.charset == "UCS2" and re.fullmatch(r"(?:[0-9A-Fa-f]{4})+", hex_or_text):
            return bytes.fromhex(hex_or_text).decode("utf-16-be")
        if self.charset == "GSM" and re.fullmatch(r"(?:[0-9A-Fa-f]{2})+", hex_or_text):
            return "".join(GSM7[b] if b < len(GSM7) else "?" for b in bytes.fromhex(hex_or_text))
        if self.charset == "IRA" and re.fullmatch(r"(?:[0-9A-Fa-f]{2})+", hex_or_text):
            return codecs.decode(hex_or_text, "hex").decode("ascii", "replace")
        return hex_or_text

    def node(self, trail):
        codes = self.scenario.get("ussd", {}).get("codes", {})

        def shown(node):
            for flag, replacement in (node or {}).get("if", {}).items():
                if flag in self.flags and self.session >= self.flags[flag]:
                    return replacement
            return node

        node = shown(codes.get(trail[0]))
        for answer in trail[1:]:
            node = shown((node or {}).get("menu", {}).get(answer))
        return node

    def ussd_request(self, cmd):
        match = re.match(r'\+CUSD=1,"([^"]*)"(?:,(\d+))?$', cmd, re.IGNORECASE)
        if not match:
            return None
        text = self.decode_request(match.group(1))
        self.log({"ussd": text})
        if self.menu is not None:
            trail = self.menu + [text]
            node = self.node(trail)
            if node is None:
                # A stale menu takes the text as an answer it does not offer.
                self.menu = None
                self.later(REPLY_DELAY, lambda: self.urc("+CUSD: 2"))
                return []
        else:
            self.session += 1
            trail = [text]
            node = self.node(trail)
            if node is None:
                self.later(REPLY_DELAY, lambda: self.urc("+CUSD: 4"))
                return []
        self.menu = None
        generation = self.menu_generation = self.menu_generation + 1
        self.later(REPLY_DELAY + float(node.get("sleep", 0)), lambda: self.ussd_reply(node, trail, generation))
        return []

    def ussd_reply(self, node, trail, generation):
        if generation != self.menu_generation:
            return  # cancelled meanwhile
        network = node.get("network") or ("unsupported" if "error" in node else None)
        if network == "end":
            self.urc("+CUSD: 2")
            return
        if network == "unsupported":
            self.urc("+CUSD: 4")
            return
        if "sets" in node:
            self.flags[node["sets"]] = self.session + 1 + int(node.get("sets_after", 0))
        reply = ucs2_hex(node.get("reply", ""))
        if "menu" in node:
            self.menu = trail
            self.urc(f'+CUSD: 1,"{reply}",72')
            timeout = self.scenario.get("ussd", {}).get("session_timeout")
            if timeout:
                self.later(float(timeout), lambda: self.end_stale(generation))
        else:
            self.urc(f'+CUSD: 0,"{reply}",72')
            if "late" in node:
                late = ucs2_hex(node["late"])
                self.later(LATE_DELAY, lambda: self.urc(f'+CUSD: 0,"{late}",72'))

    def end_stale(self, generation):
        if generation == self.menu_generation and self.menu is not None:
            self.menu = None
            self.log({"network_ended": "stale menu"})
            self.urc("+CUSD: 2")

    def cancel_ussd(self):
        self.log({"cancel": True})
        self.menu = None
        self.menu_generation += 1

    # -- SMS ---------------------------------------------------------------

    def store(self, pdu, length, stat):
        index = self.next_index
        self.next_index += 1
        self.storage[index] = {"pdu": pdu, "length": length, "stat": stat}
        return index

    def memory_storage(self):
        return self.storage if self.memory == "ME" else {}

    def list_sms(self):
        lines = []
        for index, sms in sorted(self.memory_storage().items()):
            lines += [f"+CMGL: {index},{sms['stat']},,{sms['length']}", sms["pdu"]]
        return lines

    def send_sms(self, pdu):
        try:
            to, text = parse_submit(pdu)
        except (ValueError, IndexError) as err:
            self.log({"bad_pdu": pdu, "error": str(err)})
            self.write("\r\n+CMS ERROR: 304\r\n")
            return
        self.log({"sms": {"to": to, "text": text}})
        self.message_reference = (self.message_reference + 1) % 256
        self.respond([f"+CMGS: {self.message_reference}"])
        for rule in self.scenario.get("sms", {}).get("replies", []):
            if rule.get("to") == to and rule.get("keyword", text).lower() == text.lower():
                self.later(float(rule.get("delay", SMS_REPLY_DELAY)),
                           lambda rule=rule: self.deliver(rule.get("from", rule["to"]), rule["text"]))

    def deliver(self, sender, text):
        now = datetime.datetime.now().astimezone().replace(microsecond=0)
        pdu, length = deliver_pdu(sender, text, now)
        index = self.store(pdu, length, 0)
        self.urc(f'+CMTI: "ME",{index}')


def serve(modems, stop):
    """Reads every modem's master until `stop` is set."""
    by_fd = {m.master: m for m in modems}
    while not stop.is_set():
        ready, _, _ = select.select(list(by_fd), [], [], 0.2)
        for fd in ready:
            try:
                data = os.read(fd, 4096)
            except OSError:
                data = b""
            if data:
                by_fd[fd].feed(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("modems", nargs="+", help="NAME=SCENARIO.json")
    parser.add_argument("--log-dir", required=True)
    args = parser.parse_args()
    modems = []

    def stop(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        for spec in args.modems:
            name, path = spec.split("=", 1)
            modem = Modem(name, path, os.path.join(args.log_dir, name + ".jsonl"))
            modems.append(modem)
            modem.link()
            print(f"{name} {modem.slave_path}", flush=True)
        serve(modems, threading.Event())
    except KeyboardInterrupt:
        pass
    finally:
        for modem in modems:
            modem.close()


if __name__ == "__main__":
    sys.exit(main())
