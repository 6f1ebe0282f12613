-- People who log in to the console: agents, supervisors, admins.
create table app_user (
    id            bigserial primary key,
    username      varchar(64)  not null unique,
    password_hash varchar(100) not null,
    roles         varchar(100) not null,            -- comma separated: agent, supervisor, admin
    display_name  varchar(100) not null,
    language      varchar(10)  not null default 'zh-CN',
    created_at    timestamptz  not null default now()
);

-- The telephony side of an agent: how the PBX knows them.
create table agent (
    username         varchar(64)  primary key references app_user (username) on delete cascade,
    employee_no      varchar(32),
    member_interface varchar(100) not null unique,  -- queue member / endpoint interface, e.g. PJSIP/agent1
    extension        varchar(32)  unique             -- what colleagues dial, e.g. 201
);

-- One row per customer call (id = Linkedid of the customer's leg). Written when the call starts and
-- updated as it moves; "view" holds the whole call as the API returns it, the columns are for filtering.
create table call_log (
    id              varchar(64)  primary key,
    direction       varchar(10)  not null,
    customer_number varchar(64),
    queue           varchar(64),
    campaign        varchar(64),
    agents          varchar(64)[] not null default '{}',
    placed_by       varchar(64),
    started_at      timestamptz  not null,
    ended_at        timestamptz,
    outcome         varchar(20),
    version         bigint       not null,
    view            jsonb        not null,
    updated_at      timestamptz  not null default now()
);
create index call_log_started_at on call_log (started_at desc);
create index call_log_agents on call_log using gin (agents);
create index call_log_live on call_log (ended_at) where ended_at is null;

-- The agent's notes on a call: a draft while typed, final at wrap-up, with the forbidden-phrase hits.
create table call_notes (
    call_id      varchar(64)  primary key,
    agent        varchar(64)  not null,
    text         text         not null default '',
    hits         jsonb        not null default '[]',
    disposition  varchar(40),
    final        boolean      not null default false,
    updated_at   timestamptz  not null default now()
);
