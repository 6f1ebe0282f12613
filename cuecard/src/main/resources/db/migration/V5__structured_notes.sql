-- Structured call notes: the note template chosen and its fields; the reason an agent gave for submitting notes
-- that still contain phrases a "block" rule forbids.
alter table call_notes add column template      varchar(64);
alter table call_notes add column fields        jsonb not null default '{}';
alter table call_notes add column justification text;
