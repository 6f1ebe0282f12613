#!/bin/sh
# transcript.sh NAME OUTDIR: one live scenario's transcript (driver log + Cuecard's call log, then the AMI events)
set -e
n=$1; out=$2; r=${RUNS_DIR:-/work/astlab/runs}
mkdir -p "$out"
{
  echo "# $n — Asterisk 22.10.1 (lab, project asterisk-config), Cuecard ${CUECARD_REV:-$(git -C /work/main rev-parse --short HEAD)}"
  echo
  echo "## Driver log and Cuecard's call log (GET /api/calls/{id})"
  /usr/bin/python3 /work/astlab/lab/live/summ.py "$r/$n.json" 2>&1 || true
  if [ -f "$r/$n.ami.txt" ]; then
    echo
    echo "## AMI events as Asterisk sent them (one line each: timestamp event channel bridge exten dest; VarSet/CEL/Cdr/RTCP/Newexten/DeviceStateChange left out)"
    /work/astlab/evsum.sh "$r/$n.ami.txt"
  fi
} > "$out/$n.txt"
echo "$out/$n.txt"
