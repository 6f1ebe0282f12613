-- The agents in wrap-up: one row per agent whose wrap-up of an ended call is open (paused in the queue until Ready or
-- the deadline, the wrap-up maximum after it started). Written by the call log writer in the same transaction as the
-- call's row, so the two always agree; read at start-up, so that a Cuecard restart keeps each wrap-up (Ready works, the
-- wrap-up maximum still un-pauses the agent at the same deadline).
create table open_wrap_up (
    agent       varchar(64)  primary key,
    call_id     varchar(64)  not null,
    started_at  timestamptz  not null,
    deadline    timestamptz  not null
);
create index open_wrap_up_call on open_wrap_up (call_id);
