-- The least-privilege gap (io.policygen.gap), computed by the job's last step (computeGaps) for every live principal
-- with current policies (discovery through GetAccountAuthorizationDetails) and a SUCCEEDED generation, and kept until
-- either changes. The report views (report_privilege_gap, report_gap_by_account, report_gap_actions) read these.

-- What a principal's current policies grant, as a set of actions, stored once however many principals share it:
-- every ReadOnlyAccess role of every account has the same set. grant_key is a hash of the catalog, the granted
-- actions and their flags (io.policygen.gap.GrantSet); a set no gap refers to any more is removed after each step.
-- One row per principal and action would be billions of rows for a million principals (an administrator is granted
-- 22,000 actions); these are a few hundred sets.
create table gap_grant (
    grant_id   bigserial primary key,
    grant_key  text not null unique,
    actions    int not null
);

-- The actions of a set: service prefix and action as the IAM action catalog spells them (an action the catalog does
-- not know as the policy wrote it, access_level 'Unknown'); scoped: granted only on some resources or under a
-- condition; conditional: a Deny with a condition or on some resources may take it away.
create table gap_grant_action (
    grant_id      bigint not null references gap_grant (grant_id) on delete cascade,
    service       text not null,
    action        text not null,
    access_level  text not null check (access_level in
                      ('List', 'Read', 'Tagging', 'Write', 'Permissions management', 'Unknown')),
    weight        int not null,
    scoped        boolean not null,
    conditional   boolean not null,
    in_catalog    boolean not null,
    primary key (grant_id, action)
);

-- One principal's gap: the figures of io.policygen.gap.PrivilegeGap, and what it was computed from. A granted action
-- is used (used_actions), not observable (not_observable_actions: iam:PassRole, which no generated policy shows),
-- used at service level (its service in service_level_services, '*' for every service) or unused, in that order;
-- report_gap_actions applies that rule to the principal's grant set.
-- policy_hash (the principal's, from discovery), generation_id and catalog are the fingerprint: a principal whose
-- three are unchanged is not computed again.
create table principal_gap (
    principal_id            bigint primary key references principal (principal_id),
    account_id              varchar(12) not null,
    generation_id           bigint not null references generation (generation_id),
    policy_hash             text not null,
    catalog                 text not null,
    grant_id                bigint not null references gap_grant (grant_id),
    granted                 int not null,
    used                    int not null,
    used_at_service_level   int not null,
    not_observable          int not null,
    unused                  int not null,
    unknown                 int not null,
    unused_scoped           int not null,
    unused_conditional      int not null,
    used_not_granted        int not null,
    unused_share            double precision not null,
    score                   bigint not null,
    top_unused_services     text[] not null,
    service_level_services  text[] not null,
    used_actions            text[] not null,
    not_observable_actions  text[] not null,
    notes                   jsonb not null,
    computed_at             timestamptz not null
);
create index principal_gap_account on principal_gap (account_id);
create index principal_gap_grant on principal_gap (grant_id);
create index principal_gap_generation on principal_gap (generation_id);
