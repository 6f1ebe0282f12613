#!/usr/bin/env python3
"""x2b: console blind transfer agent1 -> agent2, agent2 never answers: after 20 s the customer comes back to agent1."""
import os, sys, time
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import livecfg, drive
from drive import Run, inbound, cust
from drive8 import ws
r = Run("x2b-console-blind-transfer-unanswered-returns")
r.autoaccept = {"agent1", "customer"}
inbound(r); time.sleep(1.5)
lid = r.linkedids[0]
ws("agent1", {"type": "transfer-consent", "callId": lid}); time.sleep(0.5)
r.cursor = r.ami.mark()
ws("agent1", {"type": "transfer", "callId": lid, "mode": "blind", "target": {"kind": "agent", "value": "agent2"}})
r.note("console: blind transfer to agent2 (agent2 will not answer; ring 20 s)")
r.ev("BlindTransfer")
e = r.ev("DialEnd", DestChannel="PJSIP/agent2", timeout=40); r.note("agent2 DialEnd %s" % e.get("DialStatus"))
try:
    e = r.ev("DialEnd", DestChannel="PJSIP/agent1", timeout=15); r.note("agent1 DialEnd %s (the customer back with agent1)" % e.get("DialStatus"))
except Exception as ex:
    r.note("no dial back to agent1: %s" % ex)
time.sleep(3)
r.phone(cust, "hangup")
r.finish()
