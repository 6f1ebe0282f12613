-- Settings admins change at run time, as JSON (e.g. "holidays": the dates the closing adds 祝您节日愉快).
create table setting (
    key         varchar(64)  primary key,
    value       text         not null,
    updated_at  timestamptz  not null default now(),
    updated_by  varchar(64)  not null
);
