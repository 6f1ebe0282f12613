-- A call that ended while Cuecard could not see the PBX (the AMI link was down, or Cuecard was not running) ended
-- somewhere between ended_after (the last moment it was seen up) and ended_before (when Cuecard saw it gone, the
-- resync after the reconnect); both null for a call whose end was seen. The JSON view carries them too
-- (endedAfter, endedBefore); the columns are for filtering.
alter table call_log add column ended_after  timestamptz;
alter table call_log add column ended_before timestamptz;
