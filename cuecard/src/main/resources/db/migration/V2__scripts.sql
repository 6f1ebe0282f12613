-- Every saved version of every script; a script's current version is its highest. Old versions are kept so
-- old calls show the script they ran with.
create table script_version (
    script_id   varchar(100) not null,
    version     integer      not null,
    name        varchar(200) not null,
    language    varchar(10)  not null,
    body        text         not null,            -- the script as JSON (docs/script-format.md)
    created_at  timestamptz  not null default now(),
    created_by  varchar(64)  not null,
    primary key (script_id, version)
);

-- Which script version a call ran with (pinned when the console first prompts the call).
create table call_script (
    call_id        varchar(64)  primary key,
    script_id      varchar(100) not null,
    script_version integer      not null,
    pinned_at      timestamptz  not null default now()
);
