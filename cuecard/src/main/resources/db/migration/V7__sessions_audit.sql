-- Login sessions. The cookie carries a random token (and its HMAC); a session's id is the SHA-256 of that token
-- (hex), so this table alone lets nobody log in. A session ends by revocation (logout, password or role change,
-- deleted user, an admin, expiry); every instance polls for revocations (revoked_at) and drops them at once.
create table user_session (
    id             varchar(64)  primary key,
    username       varchar(64)  not null,
    created_at     timestamptz  not null default now(),
    last_seen_at   timestamptz  not null default now(),
    revoked_at     timestamptz,
    revoked_reason varchar(40),
    replaced_by    varchar(64),                      -- the session that took over (a password change renews the current one)
    address        varchar(64),
    user_agent     varchar(300)
);
create index user_session_active on user_session (username) where revoked_at is null;
create index user_session_revoked on user_session (revoked_at) where revoked_at is not null;

-- Failed logins (login form, POST /api/login, HTTP Basic, a wrong current password), one row each, for the
-- throttle: shared by every instance; rows older than the throttle window are pruned.
create table login_failure (
    id        bigserial    primary key,
    at        timestamptz  not null default now(),
    address   varchar(64)  not null,
    username  varchar(64)  not null
);
create index login_failure_address on login_failure (address, at);

-- Who did what, when, from where. Never a password.
create table audit (
    id       bigserial    primary key,
    at       timestamptz  not null default now(),
    actor    varchar(64),
    action   varchar(64)  not null,
    target   varchar(200),
    detail   jsonb        not null default '{}',
    address  varchar(64)
);
create index audit_at on audit (at desc);
create index audit_actor on audit (actor, at desc);
create index audit_action on audit (action, at desc);

-- Secrets Cuecard makes itself on first start and every instance shares (the session signing key, unless
-- cuecard.session-key is configured). Kept apart from the settings admins edit.
create table server_secret (
    name        varchar(64)  primary key,
    value       text         not null,
    created_at  timestamptz  not null default now()
);
