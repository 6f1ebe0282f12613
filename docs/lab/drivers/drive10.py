#!/usr/bin/env python3
"""Issue 10 scenarios (Cuecard repo docs/lab/): wrap-ups across restarts and the wrap-up race.
usage: drive10.py w1|w2|w3 ...   (needs wsmon.py for agent1 and agent2; Cuecard started with start-cuecard.sh)
  w1  agent1 in wrap-up, Cuecard killed (SIGKILL) and restarted: still wrap-up, still paused; Ready unpauses
  w2  agent1 in wrap-up, Asterisk restarted (core restart now): Cuecard re-pauses agent1 (wrap-up) after reconnecting
  w3  customer2 waits in the queue (agent2 paused "lunch") when agent1's call ends: agent1 is not rung before Ready"""
import json, os, signal, subprocess, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import livecfg
import drive
from drive import Run, inbound, cust, ag1, ag2, cli, api
from drive8 import ws
from drive9 import cuecard_up, PIDF, START_CUECARD

cust2 = drive.PHONES.get("customer2")


def queue_state(r, why):
    out = cli("queue show service")
    lines = [ln.strip() for ln in out.splitlines() if "Agent" in ln or "Callers" in ln or "wait:" in ln]
    r.note("queue show service (%s):\n      %s" % (why, "\n      ".join(lines)))
    return out


def console_state(r, agent, why):
    last = None
    for line in open(livecfg.ws_log(agent)):
        d = json.loads(line)
        if d["kind"] == "recv" and d["data"].get("type") in ("agent-state", "snapshot"):
            last = d["data"].get("agentState")
    r.note("%s console agent state (%s): %s" % (agent, why, last))
    return last


def agent1_paused(out):
    for ln in out.splitlines():
        if "Agent One" in ln:
            return "paused" in ln
    return None


def w1():
    r = Run("w1-wrap-up-survives-cuecard-restart")
    inbound(r); time.sleep(3)
    r.phone(cust, "hangup"); r.ev("AgentComplete"); time.sleep(1.5)
    queue_state(r, "after hang-up"); console_state(r, "agent1", "after hang-up")
    pid = int(open(PIDF).read().strip())
    os.kill(pid, signal.SIGKILL); r.note("SIGKILL Cuecard pid %d during agent1's wrap-up" % pid)
    time.sleep(2)
    subprocess.run([START_CUECARD], check=True); r.note("Cuecard started again")
    ok = cuecard_up(); r.note("Cuecard AMI CONNECTED: %s" % ok)
    time.sleep(4)
    queue_state(r, "after Cuecard's restart"); console_state(r, "agent1", "after Cuecard's restart")
    lid = r.linkedids[0]
    ws("agent1", {"type": "disposition", "callId": lid, "code": "consulting"}); time.sleep(0.7)
    ws("agent1", {"type": "ready"}); r.note("console: disposition + Ready"); time.sleep(1.5)
    out = queue_state(r, "after Ready"); console_state(r, "agent1", "after Ready")
    r.note("RESULT agent1 paused after Ready: %s" % agent1_paused(out))
    return r.finish()


def w2():
    r = Run("w2-wrap-up-pause-survives-asterisk-restart")
    inbound(r); time.sleep(3)
    r.phone(cust, "hangup"); r.ev("AgentComplete"); time.sleep(1.5)
    queue_state(r, "after hang-up")
    r.ami.close()
    r.note("CLI core restart now (agent1 in wrap-up)")
    subprocess.run([drive.LAB + "/ast.sh", "core restart now"], capture_output=True, text=True)
    time.sleep(15)
    ok = cuecard_up(60); r.note("Cuecard AMI CONNECTED again: %s" % ok)
    time.sleep(5)
    out = queue_state(r, "after Asterisk's restart")
    r.note("RESULT agent1 paused after the restart: %s" % agent1_paused(out))
    console_state(r, "agent1", "after Asterisk's restart")
    res = {"name": r.name, "linkedids": r.linkedids, "driver_log": r.log, "cuecard": {}}
    for lid in r.linkedids:
        res["cuecard"][lid] = api("/api/calls/" + lid)
    with open(os.path.join(drive.OUT, r.name + ".json"), "w") as f:
        json.dump(res, f, indent=1, ensure_ascii=False)
    r.note("saved %s.json" % r.name)
    return res


def w3():
    r = Run("w3-no-queue-call-during-wrap-up")
    r.action({"Action": "QueuePause", "Interface": "PJSIP/agent2", "Paused": "true", "Reason": "lunch"})
    time.sleep(0.5)
    inbound(r); time.sleep(2)
    r.phone(cust2, "dial", "sip:100@127.0.0.1"); r.note("customer2 waits in the queue (agent1 busy, agent2 at lunch)")
    time.sleep(3)
    r.cursor = r.ami.mark()
    r.phone(cust, "hangup"); r.ev("AgentComplete")
    t_end = time.time()
    try:
        e = r.ami.wait_event("AgentCalled", timeout=8, start=r.cursor, Interface="PJSIP/agent1")
        r.note("RESULT agent1 rung %.3f s after the hang-up, during the wrap-up: %s" % (time.time() - t_end, e.get("Channel")))
    except Exception:
        r.note("RESULT agent1 not rung in the 8 s after the hang-up (wrap-up)")
    queue_state(r, "8 s after the hang-up")
    lid = r.linkedids[0]
    r.cursor = r.ami.mark()
    ws("agent1", {"type": "disposition", "callId": lid, "code": "consulting"}); time.sleep(0.7)
    ws("agent1", {"type": "ready"}); r.note("console: disposition + Ready")
    try:
        r.ev("AgentConnect", Interface="PJSIP/agent1", timeout=25); r.note("customer2 connected to agent1 after Ready")
        time.sleep(2)
    except Exception as ex:
        r.note("customer2 not connected: %s" % ex)
    r.phone(cust2, "hangup")
    r.action({"Action": "QueuePause", "Interface": "PJSIP/agent2", "Paused": "false"})
    return r.finish()


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for k in sys.argv[1:]:
        globals()[k]()
        time.sleep(2)
