/**
 * A raw FTP client for what curl will not do: announce in PORT/EPRT an address that is not its
 * own (client.advertise — the bounce attack of RFC 2577 §3, a client that "knows" its public
 * address). Python's ftplib sends the commands; the script prints its exchange in curl's -v
 * notation ("> " sent, "< " received, "* " notes) so the same readers apply. Like curl it falls
 * back from EPRT to PORT after a 5xx, and gives up after a refused PORT.
 */
import type { Scenario } from "../../sim/scenario/schema";
import { nsRun, type RunResult } from "./sh";

const SCRIPT = String.raw`
import ftplib, socket, sys, json
cfg = json.loads(sys.argv[1])
def note(s): print("* " + s, file=sys.stderr, flush=True)
def sent(s): print("> " + s, file=sys.stderr, flush=True)
def got(s):
    for line in s.split("\n"): print("< " + line, file=sys.stderr, flush=True)
ftp = ftplib.FTP(timeout=cfg["timeout"])
try:
    got(ftp.connect(cfg["host"], 21))
    sent("USER anonymous"); r = ftp.sendcmd("USER anonymous"); got(r)
    if r.startswith("3"):
        sent("PASS ********"); got(ftp.sendcmd("PASS anonymous@"))
    # Listen on our own address, announce the advertised one (RFC 959 §4.1.2 PORT; RFC 2428 EPRT).
    lst = socket.socket(); lst.bind((cfg["clientIp"], 0)); lst.listen(1); lst.settimeout(cfg["timeout"])
    ip = cfg["advertiseIp"] or cfg["clientIp"]; port = cfg["advertisePort"] or lst.getsockname()[1]
    reply = None
    if cfg["extended"]:
        cmd = "EPRT |1|%s|%d|" % (ip, port); sent(cmd)
        try: reply = ftp.sendcmd(cmd); got(reply)
        except ftplib.Error as e: got(str(e)); note("EPRT refused, trying PORT"); reply = None
    if reply is None:
        cmd = "PORT %s,%d,%d" % (ip.replace(".", ","), port >> 8, port & 255); sent(cmd)
        try: got(ftp.sendcmd(cmd))
        except ftplib.Error as e: got(str(e)); sys.exit(30)
    op = cfg["op"]
    t = "TYPE A" if op == "LIST" else "TYPE I"; sent(t); got(ftp.sendcmd(t))
    sent(cfg["command"]); ftp.putcmd(cfg["command"])
    try: r = ftp.getresp(); got(r)
    except ftplib.Error as e: got(str(e)); sys.exit(25)
    conn, _ = lst.accept(); note("Connection accepted from server")
    if op == "STOR": conn.sendall(cfg["upload"].encode())
    else:
        while conn.recv(65536): pass
    conn.close(); got(ftp.voidresp())
    sys.exit(0)
except (OSError, EOFError) as e:
    note("failed: %s" % e); sys.exit(28)
`;

export function runFtplib(ns: string, scenario: Scenario, host: string, command: string, upload: string): Promise<RunResult> {
  const op = (command.split(" ")[0] ?? "").toUpperCase();
  const cfg = {
    host,
    clientIp: scenario.client.ip,
    advertiseIp: scenario.client.advertise?.ip ?? null,
    advertisePort: scenario.client.advertise?.port ?? null,
    extended: scenario.client.extended,
    op,
    command,
    upload,
    timeout: 10,
  };
  return nsRun(ns, "python3", ["-c", SCRIPT, JSON.stringify(cfg)], { allowFail: true, timeoutMs: 20_000 });
}
