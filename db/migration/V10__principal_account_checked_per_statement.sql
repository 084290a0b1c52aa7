-- The foreign key principal.account_id -> account checked each principal as it was inserted with a query of its own
-- and a lock on its account's row: 40% of what PostgreSQL spent inserting a discovered principal (by hand, 100,000
-- principals in pages of 1,000: 1.38 s of its CPU with the key, 0.87 s without; docs/benchmarks.md, Discovery). The
-- same rule is kept with one set-based check an insert statement, whatever its number of rows; a principal moved to
-- another account and an account deleted or renumbered under its principals are checked row by row, as neither
-- happens in the job.
alter table principal drop constraint principal_account_id_fkey;

create function principal_account_known() returns trigger language plpgsql as $$
declare
    unknown varchar(12);
begin
    if tg_level = 'STATEMENT' then
        select a.account_id into unknown from added a
        where not exists (select 1 from account k where k.account_id = a.account_id) limit 1;
    elsif not exists (select 1 from account k where k.account_id = new.account_id) then
        unknown := new.account_id;
    end if;
    if unknown is not null then
        raise foreign_key_violation using message = format('principal names account %s, which is not in table account', unknown);
    end if;
    return null;
end $$;

create trigger principal_account_known_insert after insert on principal
    referencing new table as added for each statement execute function principal_account_known();
create trigger principal_account_known_update after update of account_id on principal
    for each row when (old.account_id is distinct from new.account_id) execute function principal_account_known();

create function account_without_principals() returns trigger language plpgsql as $$
begin
    if exists (select 1 from principal p where p.account_id = old.account_id) then
        raise foreign_key_violation using message = format('account %s still has principals in table principal', old.account_id);
    end if;
    return null;
end $$;

create trigger account_without_principals_delete after delete on account
    for each row execute function account_without_principals();
create trigger account_without_principals_update after update of account_id on account
    for each row when (old.account_id is distinct from new.account_id) execute function account_without_principals();
