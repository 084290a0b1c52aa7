-- policygen_reader: the read-only role for report users (psql, a BI tool). It may read the report_* views
-- (db/reports, each grants SELECT on itself) and nothing else: no grant on any table, so the views are the interface.
-- Give it to people with: create role alice login password '...' in role policygen_reader;
--
-- Roles are cluster-wide: several policygen databases on one server share it, so it is created only when absent,
-- and a concurrent creation by another database's migration is not an error. A migration user without CREATEROLE
-- gets a warning instead of a failed migration: the job must not stop for the reports' sake. A DBA can then create
-- the role and grant it what this and the report migrations would have (see the warning).
do $$
begin
    if not exists (select from pg_roles where rolname = 'policygen_reader') then
        begin
            create role policygen_reader nologin;
        exception
            when duplicate_object or unique_violation then
                null; -- created meanwhile by another database's migration
            when insufficient_privilege then
                raise warning 'policygen: cannot create role policygen_reader (the migration user needs CREATEROLE): '
                    'the reports work, without a read-only role. A DBA can run: create role policygen_reader nologin; '
                    'grant usage on schema % to policygen_reader; grant select on report_account_progress, report_failures, '
                    'report_policies, report_principal_status, report_runs to policygen_reader', current_schema();
        end;
    end if;
    if exists (select from pg_roles where rolname = 'policygen_reader') then
        begin
            execute format('grant usage on schema %I to policygen_reader', current_schema());
        exception
            when insufficient_privilege then
                raise warning 'policygen: cannot grant usage on schema % to policygen_reader', current_schema();
        end;
    end if;
end
$$;
