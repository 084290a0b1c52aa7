"""chaos.sh's first-night scenarios (issue 8): Access Analyzer failing the way AWS does, and what the job spends.

- a console user's generations in one account while the run works there: the job waits for them and finishes the
  account; generations lost to the console user = principals of that account left undone;
- failing setups: an account whose access role cannot read the trail (AUTHORIZATION_ERROR), one whose access role is
  missing, one whose generations keep failing (SERVICE_ERROR): the quota spent in each before the job stops there;
- the organization's trail bucket broken for every account: the canaries' generations and no more;
- 90 days of 4 active Regions, over the 100,000 log files of one generation: one failure per account to learn the window;
- an SCP that lets the member role start generations in one account but not read them: what is spent there before the
  account stops, and that the run after the fix reads it;
- the credentials expiring mid-run: how fast the run stops, that nothing is charged, and that the run after the
  renewal finishes the work once;
- member sessions refused as expired though the SDK holds them valid (a host clock behind AWS's), twice in the run:
  the sessions renewed, the run going on to finish the work once;
- Access Analyzer answering 500 to everything for minutes mid-run: a few log lines, not one a slot a look; the slots
  whose starts got no answer left for the rerun, which finishes the work once;
- one account's IAM answering 500 to every listing all night (its first page asked again twice, after 30 s and 60 s):
  the other accounts' work done, that one's left for the rerun (exit 1), which finishes it once.
"""

import collections
import threading
import time
import urllib.error

import harness as h

CONSOLE_GENERATIONS = 3


def _options(accounts, principals, generation_time, *extra):
    return ["--accounts", str(accounts), "--principals-per-account", str(principals), "--distribution", "uniform",
            "--suspended-accounts", "0", "--unassumable-accounts", "0", "--seed", "11", "--active-regions", "1",
            "--generation-time", generation_time, "--generation-jitter", "PT0S",
            # every principal in use, old enough and not opted out: each one is worth a generation
            "--unused-share", "0", "--new-share", "0", "--opted-out-share", "0", *extra]


def _accounts(sim):
    state = sim.state(False)
    return sorted(a["id"] for a in state["accounts"])


def _wait_for_in_progress(sim, job, accounts, deadline):
    """Until that many accounts have a generation in progress, by the simulator's record (or the job ends)."""
    while job.process.poll() is None and time.time() < deadline and sum(
            1 for g in sim.state()["generations"] if g["status"] == "IN_PROGRESS") < accounts:
        time.sleep(0.2)


def _per_principal(state):
    """Generations per principal by the simulator's record, and the principals with more than one."""
    per_principal = collections.Counter(g["principalArn"] for g in state["generations"])
    return per_principal, sum(1 for n in per_principal.values() if n > 1)


def _per_account(generations, predicate=lambda g: True):
    return collections.Counter(g["accountId"] for g in generations if predicate(g))


def console_user(args, db, work, failures):
    accounts, principals = (6, 6) if args.quick else (20, 20)
    database = db.create("chaos_console")
    sim = h.Simulator(work, "console", *_options(accounts, principals, "PT1S"))
    target = _accounts(sim)[2]
    job = h.Job(work, "console", db, database, sim)
    started, refused, stop = [], [0], threading.Event()

    def console():
        # a person at the console, trying every half second to start one of 3 generations in the account while the
        # run works there (each holds the account's one slot for 3 generation times)
        while not stop.is_set() and job.process.poll() is None and len(started) < CONSOLE_GENERATIONS:
            try:
                started.append(sim._call(f"/_simulator/generations?account={target}&window=P90D", "POST"))
            except urllib.error.HTTPError:
                refused[0] += 1
            time.sleep(0.5)

    thread = threading.Thread(target=console, daemon=True)
    h.wait_for_line(job.log_path, r"event=run-started", job.process, 120, "the run")
    thread.start()
    rc = job.wait(900)
    stop.set()
    thread.join()
    state = sim.state()
    sim.stop()
    ours = [g for g in state["generations"] if not g.get("console")]
    done = int(db.value(database, f"""
        select count(distinct g.principal_id) from generation g
        where g.account_id = '{target}' and g.state = 'SUCCEEDED'"""))
    duplicates = sum(1 for n in collections.Counter(g["principalArn"] for g in ours).values() if n > 1)
    deferred = int(db.value(database, f"select count(*) from account_region where account_id = '{target}' and deferred_reason is not null"))
    result = {"accounts": accounts, "principals": principals, "account": target, "rc": rc,
              "console_started": len(started), "console_refused": refused[0], "job_in_account": _per_account(ours)[target],
              "done_in_account": done, "lost_to_console": principals - done, "deferred": deferred, "duplicates": duplicates}
    h.log(f"console user: {result}")
    if rc != 0 or done != principals or duplicates or deferred or len(started) != CONSOLE_GENERATIONS:
        failures.append(f"console user: {result}")
    return result


def failing_setups(args, db, work, failures):
    accounts, principals = (6, 5) if args.quick else (20, 20)
    database = db.create("chaos_setups")
    ids = [h_id for h_id in _peek_accounts(work, accounts, principals)]
    authorization, missing, failing = ids[2], ids[3], ids[4]
    sim = h.Simulator(work, "setups", *_options(accounts, principals, "PT0.5S",
                                                "--failing-account", f"{authorization}=AUTHORIZATION_ERROR",
                                                "--broken-access-role", f"{missing}=MISSING",
                                                "--failing-account", f"{failing}=SERVICE_ERROR"))
    job = h.Job(work, "setups", db, database, sim)
    rc = job.wait(900)
    state = sim.state()
    sim.stop()
    spent = _per_account(state["generations"])
    healthy_done = int(db.value(database, f"""
        select count(*) from principal p where p.account_id not in ('{authorization}', '{missing}', '{failing}')
          and exists (select 1 from generation g where g.principal_id = p.principal_id and g.state = 'SUCCEEDED')"""))
    rows = db.query(database, "select kind, error_code, account_id from report_failures where kind = 'ACCOUNT' order by account_id")[0]
    result = {"accounts": accounts, "principals": principals, "rc": rc,
              "spent": {"AUTHORIZATION_ERROR": spent[authorization], "access role missing": spent[missing],
                        "SERVICE_ERROR every time": spent[failing]},
              "healthy_done": healthy_done, "healthy": (accounts - 3) * principals,
              "report_failures": [f"{r[1]} {r[2]}" for r in rows]}
    h.log(f"failing setups: {result}")
    if rc != 5 or spent[authorization] > 1 or spent[missing] > 1 or spent[failing] > 3 or healthy_done != result["healthy"]:
        failures.append(f"failing setups: {result}")
    return result


def _peek_accounts(work, accounts, principals):
    """The organization's account ids, from a simulator started and stopped for the purpose (the seed fixes them)."""
    sim = h.Simulator(work, "peek", *_options(accounts, principals, "PT1S"))
    ids = _accounts(sim)
    sim.stop()
    return ids


def broken_trail_bucket(args, db, work, failures):
    accounts, principals = (8, 3) if args.quick else (50, 10)
    database = db.create("chaos_bucket")
    sim = h.Simulator(work, "bucket", *_options(accounts, principals, "PT1S", "--broken-trail-bucket"))
    job = h.Job(work, "bucket", db, database, sim)
    rc = job.wait(900)
    state = sim.state()
    sim.stop()
    spent = _per_account(state["generations"])
    result = {"accounts": accounts, "rc": rc, "generations": len(state["generations"]), "accounts_spent": len(spent),
              "accounts_untouched": accounts - len(spent)}
    h.log(f"broken trail bucket: {result}")
    if rc != 5 or len(state["generations"]) > 3:
        failures.append(f"broken trail bucket: {result}")
    return result


def _cloudtrail_limit(args, db, work, failures, label, name, regions, *extra):
    """90 days of every active Region over one of a generation's CloudTrail limits: one failure per account learns 45."""
    accounts, principals = (4, 4) if args.quick else (20, 10)
    database = db.create("chaos_" + name)
    options = _options(accounts, principals, "PT0.1S", *extra)
    options[options.index("--active-regions") + 1] = str(regions)
    sim = h.Simulator(work, name, *options)
    job = h.Job(work, name, db, database, sim, {"policygen.generation.trails[0].regions[0]": None,
                                                "policygen.generation.trails[0].all-regions": "true",
                                                "policygen.generation.lookback": "P90D"})
    rc = job.wait(900)
    state = sim.state()
    sim.stop()
    limit_failures = _per_account(state["generations"], lambda g: g.get("errorCode") == "SERVICE_QUOTA_EXCEEDED_ERROR")
    windows = sorted({r[0] for r in db.query(database, "select distinct window_days from report_policies")[0]})
    done = int(db.value(database, """select count(*) from principal p where exists (
        select 1 from generation g where g.principal_id = p.principal_id and g.state = 'SUCCEEDED')"""))
    result = {"accounts": accounts, "principals": principals, "rc": rc, "failures_per_account": sorted(set(limit_failures.values())),
              "accounts_with_a_failure": len(limit_failures), "windows": windows, "done": done, "all": accounts * principals}
    h.log(f"{label}: {result}")
    if rc != 0 or max(limit_failures.values(), default=0) > 1 or done != accounts * principals:
        failures.append(f"{label}: {result}")
    return result


def log_file_limit(args, db, work, failures):
    # 4 Regions x 288 files a day x 90 days = 103,680 files > 100,000
    return _cloudtrail_limit(args, db, work, failures, "log-file limit", "logfiles", 4)


def data_size_limit(args, db, work, failures):
    # 3 Regions x 288 files a day x 90 days = 77,760 files, of 500 KB: 37 GB > 25 GB
    return _cloudtrail_limit(args, db, work, failures, "data size limit", "datasize", 3, "--log-file-kb", "500")


def scp_denies_reading(args, db, work, failures):
    accounts, principals = (6, 4) if args.quick else (20, 10)
    database = db.create("chaos_scp")
    sim = h.Simulator(work, "scp", *_options(accounts, principals, "PT1S"))
    denied = _accounts(sim)[2]
    action = "access-analyzer:GetGeneratedPolicy"
    sim._call(f"/_simulator/denied-actions?account={denied}&action={action}", "POST")
    rc = h.Job(work, "scp", db, database, sim).wait(900)
    spent = _per_account(sim.state()["generations"])[denied]
    held = int(db.value(database, f"select count(*) from generation where account_id = '{denied}' and state = 'IN_PROGRESS'"))
    charged = int(db.value(database, "select count(*) from generation where state in ('FAILED', 'REJECTED')"))
    sim._call(f"/_simulator/denied-actions?account={denied}&action={action}", "DELETE")
    rc_after = h.Job(work, "scp-fixed", db, database, sim).wait(900)
    state = sim.state()
    sim.stop()
    done = int(db.value(database, f"""
        select count(distinct principal_id) from generation where account_id = '{denied}' and state = 'SUCCEEDED'"""))
    duplicates = _per_principal(state)[1]
    result = {"accounts": accounts, "principals": principals, "rc": rc, "spent": spent, "held_open": held,
              "charged": charged, "rc_after_fix": rc_after, "done_after_fix": done, "duplicates": duplicates}
    h.log(f"SCP denies reading: {result}")
    if rc != 5 or spent != 1 or held != 1 or charged or rc_after != 0 or done != principals or duplicates:
        failures.append(f"SCP denies reading: {result}")
    return result


def credentials_expire(args, db, work, failures):
    accounts, principals = (6, 4) if args.quick else (20, 10)
    database = db.create("chaos_expired")
    sim = h.Simulator(work, "expired", *_options(accounts, principals, "PT2S"))
    job = h.Job(work, "expired", db, database, sim)
    _wait_for_in_progress(sim, job, accounts // 2, time.time() + 300)
    sim._call("/_simulator/expired-credentials?who=management", "POST")
    sim._call("/_simulator/expired-credentials?who=sessions", "POST")
    expired_at = time.time()
    rc = job.wait(900)
    stopped_after = time.time() - expired_at
    charged = int(db.value(database, "select count(*) from generation where state not in ('PENDING', 'IN_PROGRESS', 'SUCCEEDED')"))
    held = int(db.value(database, "select count(*) from generation where state = 'IN_PROGRESS'"))
    sim._call("/_simulator/expired-credentials", "DELETE")
    rc_after = h.Job(work, "renewed", db, database, sim).wait(900)
    state = sim.state()
    sim.stop()
    per_principal, duplicates = _per_principal(state)
    result = {"accounts": accounts, "principals": principals, "rc": rc, "stopped_after_s": round(stopped_after, 1),
              "held_open": held, "charged": charged, "rc_after_renewal": rc_after, "generated": len(per_principal),
              "all": accounts * principals, "duplicates": duplicates}
    h.log(f"credentials expire: {result}")
    if rc != 1 or charged or rc_after != 0 or len(per_principal) != accounts * principals or duplicates:
        failures.append(f"credentials expire: {result}")
    return result


def sessions_refused_early(args, db, work, failures):
    accounts, principals = (6, 4) if args.quick else (20, 10)
    database = db.create("chaos_sessions")
    sim = h.Simulator(work, "sessions", *_options(accounts, principals, "PT2S"))
    job = h.Job(work, "sessions", db, database, sim)
    ended, deadline = 0, time.time() + 300
    for share in (2, 1):
        # every session ended once half, then all, of the accounts have a generation in progress
        _wait_for_in_progress(sim, job, accounts // share, deadline)
        ended += int(sim._call("/_simulator/expired-credentials?who=sessions", "POST")["message"].split()[0])
    rc = job.wait(900)
    state = sim.state()
    sim.stop()
    renewed = job.output().count("event=member-session-renewed")
    refused = sum(n for ops in state["requests"].values() for outcomes in ops.values()
                  for outcome, n in outcomes.items() if outcome.startswith("ExpiredToken"))
    per_principal, duplicates = _per_principal(state)
    result = {"accounts": accounts, "principals": principals, "sessions_ended": ended, "refused": refused,
              "renewed": renewed, "rc": rc, "generated": len(per_principal), "all": accounts * principals,
              "duplicates": duplicates}
    h.log(f"sessions refused early: {result}")
    if rc != 0 or not ended or not renewed or len(per_principal) != accounts * principals or duplicates:
        failures.append(f"sessions refused early: {result}")
    return result


AA_OPERATIONS = ("StartPolicyGeneration", "GetGeneratedPolicy", "ListPolicyGenerations")


def access_analyzer_down(args, db, work, failures):
    accounts, principals, outage = (6, 4, 70) if args.quick else (20, 10, 150)
    database = db.create("chaos_aa_down")
    sim = h.Simulator(work, "aa-down", *_options(accounts, principals, "PT2S"))
    job = h.Job(work, "aa-down", db, database, sim)
    _wait_for_in_progress(sim, job, accounts // 2, time.time() + 300)
    for operation in AA_OPERATIONS:
        sim.faults(operation=operation, errorRate="1.0")
    time.sleep(outage)
    sim._call("/_simulator/faults", "DELETE")
    rc = job.wait(900)
    text = job.output()
    lines = {event: sum(1 for line in text.splitlines() if f"event={event} " in line)
             for kind in ("poll-failed", "listing-failed")
             for event in (kind, f"{kind}-repeatedly", f"{kind}-answered-again", f"{kind}-unanswered")}
    # every stretch of failures the log opens, it closes: answered again, or the run's slots ended first
    unclosed = [kind for kind in ("poll-failed", "listing-failed")
                if lines[kind] != lines[f"{kind}-answered-again"] + lines[f"{kind}-unanswered"]]
    codes = [rc]
    while codes[-1] not in (0, 3) and len(codes) < 3:
        codes.append(h.Job(work, f"aa-down-after-{len(codes)}", db, database, sim).wait(900))
    state = sim.state()
    sim.stop()
    failed_calls = sum(n for operation in AA_OPERATIONS
                       for outcome, n in state["requests"].get("access-analyzer", {}).get(operation, {}).items()
                       if outcome != "ok")
    per_principal, duplicates = _per_principal(state)
    result = {"accounts": accounts, "principals": principals, "outage_s": outage, "codes": codes,
              "failed_calls": failed_calls, "lines": lines, "generated": len(per_principal), "all": accounts * principals,
              "duplicates": duplicates, "unclosed": unclosed}
    h.log(f"access analyzer down: {result}")
    if codes[-1] != 0 or len(per_principal) != accounts * principals or duplicates or not failed_calls \
            or lines["poll-failed"] + lines["listing-failed"] > 4 or unclosed:
        failures.append(f"access analyzer down: {result}")
    return result


def iam_down_in_one_account(args, db, work, failures):
    accounts, principals = (6, 4) if args.quick else (20, 10)
    database = db.create("chaos_iam_down")
    sim = h.Simulator(work, "iam-down", *_options(accounts, principals, "PT1S"))
    down = _accounts(sim)[3]
    sim.faults(operation="GetAccountAuthorizationDetails", account=down, errorRate="1.0")
    job = h.Job(work, "iam-down", db, database, sim)
    rc = job.wait(900)
    first = sim.state()["generations"]
    elsewhere = len({g["principalArn"] for g in first if g["accountId"] != down})
    there = sum(1 for g in first if g["accountId"] == down)
    named = f"listing failed in step discoverPrincipalsWorker, account {down}" in job.output()
    asked_again = sum(1 for line in job.output().splitlines()
                      if "event=listing-call-asked-again " in line and f"account={down} " in line)
    sim._call("/_simulator/faults", "DELETE")
    rc_after = h.Job(work, "iam-down-after", db, database, sim).wait(900)
    state = sim.state()
    sim.stop()
    per_principal, duplicates = _per_principal(state)
    result = {"accounts": accounts, "principals": principals, "rc": rc, "named": named, "generated_elsewhere": elsewhere,
              "elsewhere": (accounts - 1) * principals, "generated_there": there, "asked_again": asked_again,
              "rc_after": rc_after,
              "generated": len(per_principal), "all": accounts * principals, "duplicates": duplicates}
    h.log(f"IAM down in one account: {result}")
    if rc != 1 or not named or elsewhere != (accounts - 1) * principals or there or asked_again != 2 or rc_after != 0 \
            or len(per_principal) != accounts * principals or duplicates:
        failures.append(f"IAM down in one account: {result}")
    return result


def first_night(args, db, work, failures, rng):
    return {"console_user": console_user(args, db, work, failures),
            "failing_setups": failing_setups(args, db, work, failures),
            "broken_trail_bucket": broken_trail_bucket(args, db, work, failures),
            "log_file_limit": log_file_limit(args, db, work, failures),
            "data_size_limit": data_size_limit(args, db, work, failures),
            "scp_denies_reading": scp_denies_reading(args, db, work, failures),
            "credentials_expire": credentials_expire(args, db, work, failures),
            "sessions_refused_early": sessions_refused_early(args, db, work, failures),
            "access_analyzer_down": access_analyzer_down(args, db, work, failures),
            "iam_down_in_one_account": iam_down_in_one_account(args, db, work, failures)}


def doc(r):
    c, s, b = r["console_user"], r["failing_setups"], r["broken_trail_bucket"]
    p, e, n = r["scp_denies_reading"], r["credentials_expire"], r["sessions_refused_early"]
    d, i = r["access_analyzer_down"], r["iam_down_in_one_account"]

    def limit(row, what):
        return [what, f"{row['accounts']} x {row['principals']}", row["rc"],
                f"limit failures per account {row['failures_per_account']} in {row['accounts_with_a_failure']} accounts; "
                f"windows kept {row['windows']} days; done {row['done']}/{row['all']}"]
    return ["## The first night on a real organization",
            "",
            "Access Analyzer failing the way AWS does, with the simulator's setup faults; what the job spent.",
            "",
            h.table(["scenario", "organization", "exit", "what the job spent / did"],
                    [["a console user starts 3 generations (90 days each) in one account while the run works there",
                      f"{c['accounts']} x {c['principals']}", c["rc"],
                      f"console generations {c['console_started']} (refused {c['console_refused']}); the job's in that account "
                      f"{c['job_in_account']}, principals done {c['done_in_account']}/{c['principals']}: "
                      f"**{c['lost_to_console']} lost to the console user**; deferred {c['deferred']}, duplicates {c['duplicates']}"],
                     ["one account AUTHORIZATION_ERROR, one access role missing, one SERVICE_ERROR on every generation",
                      f"{s['accounts']} x {s['principals']}", s["rc"],
                      "quota spent: " + ", ".join(f"{k} {v}" for k, v in s["spent"].items())
                      + f"; healthy accounts done {s['healthy_done']}/{s['healthy']}; report_failures: {', '.join(s['report_failures'])}"],
                     ["the trail bucket broken for every account", f"{b['accounts']} accounts", b["rc"],
                      f"generations {b['generations']} (the canaries'), accounts untouched {b['accounts_untouched']} of {b['accounts']}"],
                     limit(r["log_file_limit"], "90 days of 4 active Regions (103,680 log files > 100,000)"),
                     limit(r["data_size_limit"], "90 days of 3 active Regions, log files of 500 KB (77,760 files, 37 GB > 25 GB)"),
                     ["an SCP denies access-analyzer:GetGeneratedPolicy in one account", f"{p['accounts']} x {p['principals']}",
                      p["rc"], f"quota spent there {p['spent']}, held open {p['held_open']}, charged to principals {p['charged']};"
                      f" after the fix exit {p['rc_after_fix']}, done there {p['done_after_fix']}/{p['principals']},"
                      f" duplicates {p['duplicates']}"],
                     ["the management credentials and member sessions expire mid-run", f"{e['accounts']} x {e['principals']}",
                      e["rc"], f"stopped {e['stopped_after_s']} s after the expiry; held open {e['held_open']}, charged"
                      f" {e['charged']}; after the renewal exit {e['rc_after_renewal']}, generated {e['generated']}/{e['all']},"
                      f" duplicates {e['duplicates']}"],
                     ["every member session refused as expired, twice mid-run, though the SDK holds them valid",
                      f"{n['accounts']} x {n['principals']}", n["rc"],
                      f"sessions ended {n['sessions_ended']}, calls refused {n['refused']}, sessions renewed {n['renewed']};"
                      f" generated {n['generated']}/{n['all']}, duplicates {n['duplicates']}"],
                     [f"Access Analyzer answers 500 to every start, look and listing for {d['outage_s']} s mid-run",
                      f"{d['accounts']} x {d['principals']}", " then ".join(str(c) for c in d["codes"]),
                      f"calls failed {d['failed_calls']}; log lines: " + ", ".join(f"{k} {v}" for k, v in d["lines"].items() if v)
                      + f"; generated {d['generated']}/{d['all']}, duplicates {d['duplicates']}"],
                     ["one account's IAM answers 500 to every listing (after the SDK's 8 attempts; the page asked"
                      " again twice)",
                      f"{i['accounts']} x {i['principals']}", f"{i['rc']} then {i['rc_after']}",
                      f"its page asked again {i['asked_again']} times, then the listing failed;"
                      f" the other accounts generated {i['generated_elsewhere']}/{i['elsewhere']}, that one"
                      f" {i['generated_there']} (named in the summary: {'yes' if i['named'] else 'no'}); after it answers"
                      f" again generated {i['generated']}/{i['all']}, duplicates {i['duplicates']}"]]),
            ""]
