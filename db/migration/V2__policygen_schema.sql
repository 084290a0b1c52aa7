-- policygen's own state. Spring Batch's tables are in V1; these hold the domain:
-- what exists in the organization, and every generation request made to Access Analyzer.

-- One row per run of the job (the `run` command), for the reports and the one-run-at-a-time lock's message.
create table run (
    run_id            bigserial primary key,
    job_execution_id  bigint,
    started_at        timestamptz not null,
    ended_at          timestamptz,
    status            varchar(20) not null default 'RUNNING',  -- RUNNING, COMPLETED, QUOTA_STOPPED, FAILED, STOPPED
    exit_code         int,
    host              text,
    pid               bigint,
    message           text,
    aws_calls         bigint not null default 0,
    throttled_calls   bigint not null default 0
);

-- Member accounts as Organizations last showed them.
create table account (
    account_id            varchar(12) primary key,
    name                  text,
    email                 text,
    state                 varchar(20) not null,               -- ACTIVE, SUSPENDED, PENDING_CLOSURE, CLOSED, ...
    parent_id             text,
    in_scope              boolean not null default true,      -- false: outside ou-ids / include / exclude
    first_seen_at         timestamptz not null,
    last_seen_at          timestamptz not null,
    last_seen_run_id      bigint,
    principals_listed_at  timestamptz,
    access_error_code     text,                               -- why the member role could not be used, if it could not
    access_error_message  text
);

-- IAM roles and users. Never removed: a principal that disappears gets deleted_at.
create table principal (
    principal_id      bigserial primary key,
    account_id        varchar(12) not null references account (account_id),
    principal_arn     text not null unique,
    principal_type    varchar(4) not null check (principal_type in ('ROLE', 'USER')),
    name              text not null,
    path              text not null,
    iam_created_at    timestamptz,
    first_seen_at     timestamptz not null,
    last_seen_at      timestamptz not null,
    last_seen_run_id  bigint,
    deleted_at        timestamptz
);
create index principal_account_live on principal (account_id, principal_id) where deleted_at is null;

-- One row per StartPolicyGeneration attempt. The row and its client_token are committed before the call,
-- the job_id right after: a row with a token and no job_id is a call whose outcome is unknown, and is
-- settled by re-sending the same token with the same request (stored here), never by a new token.
create table generation (
    generation_id          bigserial primary key,
    principal_id           bigint not null references principal (principal_id),
    account_id             varchar(12) not null,
    region                 varchar(32) not null,
    client_token           uuid not null unique,
    job_id                 text unique,
    state                  varchar(16) not null check (state in
                              ('PENDING', 'IN_PROGRESS', 'SUCCEEDED', 'FAILED', 'CANCELED', 'REJECTED', 'DEFERRED')),
    run_id                 bigint references run (run_id),
    requested_at           timestamptz not null,
    started_on             timestamptz,
    completed_at           timestamptz,
    request                jsonb not null,         -- the exact request, so a re-send is identical
    send_attempts          int not null default 1,
    polls                  int not null default 0,
    error_code             text,
    error_message          text,
    policies               jsonb,                  -- the generated policy documents (AWS splits large ones)
    policy_complete        boolean
);
create index generation_principal_latest on generation (principal_id, region, generation_id desc);
create index generation_open on generation (account_id, region) where state in ('PENDING', 'IN_PROGRESS');
create index generation_started_recently on generation (account_id, region, requested_at) where job_id is not null;

-- Per account and generation Region: why work stopped there, so the reports can say DEFERRED and why.
create table account_region (
    account_id        varchar(12) not null references account (account_id),
    region            varchar(32) not null,
    deferred_reason   text,
    deferred_at       timestamptz,
    deferred_run_id   bigint,
    last_activity_at  timestamptz,
    primary key (account_id, region)
);
