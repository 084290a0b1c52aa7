"""Shared helpers for scripts/bench.sh and scripts/chaos.sh.

Everything runs as separate processes on loopback, as in production: an embedded PostgreSQL
(io.policygen.local.DatabaseTool serve), the standalone AWS simulator (policygen.jar simulate)
and the job (policygen.jar run). Only a JDK 25 and python3 are needed. Every process started here
is tracked and stopped by its pid when the script ends, whatever the outcome.
"""

import atexit
import collections
import datetime
import glob
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
JAR = os.path.join(ROOT, "target", "policygen.jar")
SIM_KEY_ID = "AKIAPOLICYGENSIM0001"
SIM_SECRET = "policygen+simulator+management+secret+0001"
DB_USER = "policygen"

_started = []  # every Popen we started, stopped at exit


def log(message):
    print(f"[{datetime.datetime.now(datetime.timezone.utc).strftime('%H:%M:%S')}] {message}", flush=True)


def java():
    """A java >= 25: JAVA_HOME's, else the one on PATH, else /usr/lib/jvm/*25*."""
    candidates = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(os.path.join(os.environ["JAVA_HOME"], "bin", "java"))
    if shutil.which("java"):
        candidates.append(shutil.which("java"))
    candidates += sorted(glob.glob("/usr/lib/jvm/temurin-25*/bin/java")) + sorted(glob.glob("/usr/lib/jvm/*25*/bin/java"))
    for candidate in candidates:
        try:
            out = subprocess.run([candidate, "-version"], capture_output=True, text=True).stderr
        except OSError:
            continue
        match = re.search(r'version "(\d+)', out)
        if match and int(match.group(1)) >= 25:
            return candidate
    sys.exit("policygen scripts need a JDK 25 (set JAVA_HOME)")


JAVA = None


def setup(work_dir):
    """Finds java, builds the jar if it is missing, makes the work directory; returns the work directory."""
    global JAVA
    JAVA = java()
    if not os.path.exists(JAR):
        log("building target/policygen.jar")
        env = dict(os.environ, JAVA_HOME=os.path.dirname(os.path.dirname(JAVA)))
        subprocess.run([os.path.join(ROOT, "mvnw"), "-B", "-q", "package", "-DskipTests"], cwd=ROOT, env=env, check=True)
    os.makedirs(work_dir, exist_ok=True)
    atexit.register(stop_all)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    return work_dir


def machine():
    cores = os.cpu_count()
    mem = 0
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemTotal:"):
                mem = int(line.split()[1]) / 1024 / 1024
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "")
    except OSError:
        pass
    jv = subprocess.run([JAVA, "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    return f"{cores} cores ({cpu}), {mem:.0f} GiB RAM, {platform.system()} {platform.release()}, {jv}"


def now_utc():
    return datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def spawn(args, out_path, env=None):
    out = open(out_path, "w")
    process = subprocess.Popen(args, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    out.close()
    _started.append(process)
    return process


def stop(process, timeout=30):
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def stop_all():
    for process in reversed(_started):
        try:
            stop(process, 20)
        except Exception:
            pass


def wait_for(predicate, timeout, what, interval=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout}s waiting for {what}")


def wait_for_line(path, pattern, process, timeout, what):
    def found():
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}; see {path}")
        with open(path, errors="replace") as f:
            match = re.search(pattern, f.read(), re.M)
        return match
    return wait_for(found, timeout, what)


class Database:
    """An embedded PostgreSQL on its own data directory and port; the job logs in as DB_USER with a password."""

    def __init__(self, work_dir, password):
        self.data = os.path.join(work_dir, "postgres")
        self.port = free_port()
        self.password_file = os.path.join(work_dir, "db-password")
        with open(self.password_file, "w") as f:
            f.write(password)
        os.chmod(self.password_file, 0o600)
        self.password = password
        self.log_path = os.path.join(work_dir, "postgres.log")
        self.process = None
        self.starts = 0

    def tool(self, *args):
        return [JAVA, "-cp", JAR, "-Dloader.main=io.policygen.local.DatabaseTool",
                "org.springframework.boot.loader.launch.PropertiesLauncher", *args]

    def start(self):
        self.starts += 1
        self.process = spawn(self.tool("serve", self.data, str(self.port), DB_USER, self.password_file),
                             f"{self.log_path}.{self.starts}")
        wait_for_line(f"{self.log_path}.{self.starts}", r"^ready ", self.process, 120, "PostgreSQL")
        return self

    def stop(self):
        stop(self.process, 60)

    def url(self, name):
        return f"jdbc:postgresql://127.0.0.1:{self.port}/{name}"

    def create(self, name):
        self.query("postgres", f"drop database if exists {name}", f"create database {name} owner {DB_USER}")
        return name

    def query(self, name, *statements):
        out = subprocess.run(self.tool("query", self.url(name), *statements), capture_output=True, text=True, cwd=ROOT)
        if out.returncode != 0:
            raise RuntimeError(f"query failed: {out.stderr[-2000:]}")
        # a statement's rows are one JSON array of arrays a line; other lines (a JVM's own, e.g. JFR's "[0.3s][info]") are not
        return [json.loads(line) for line in out.stdout.splitlines() if line.startswith("[[") or line == "[]"]

    def value(self, name, statement):
        return self.query(name, statement)[0][0][0]

    def copy_bench(self, name):
        out = subprocess.run(self.tool("copy-bench", self.url(name)), capture_output=True, text=True, cwd=ROOT, check=True)
        rows, seconds = out.stdout.split()[-2:]
        return int(rows), float(seconds)


class Simulator:
    def __init__(self, work_dir, name, *options, java_opts=()):
        self.port = free_port()
        self.log_path = os.path.join(work_dir, f"simulator-{name}.log")
        self.process = spawn([JAVA, *java_opts, "-jar", JAR, "simulate", "--port", str(self.port), *options], self.log_path)
        wait_for_line(self.log_path, r"state\s+http", self.process, 300, "simulator")
        with open(self.log_path) as f:
            text = f.read()
        self.trail = re.search(r"trail ARN\s+(\S+)", text).group(1)
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def _call(self, path, method="GET", timeout=120):
        request = urllib.request.Request(self.endpoint + path, method=method, data=b"" if method == "POST" else None)
        with urllib.request.urlopen(request, timeout=timeout) as response:
            body = response.read()
        return json.loads(body) if body.strip() else None

    def state(self, generations=True):
        return self._call("/_simulator/state" + ("" if generations else "?generations=false"))

    def faults(self, **params):
        query = "&".join(f"{k}={v}" for k, v in params.items())
        return self._call(f"/_simulator/faults?{query}", "POST")

    def advance(self, duration):
        return self._call(f"/_simulator/clock?advance={duration}", "POST")

    def requests_total(self, state=None):
        state = state or self.state(False)
        return sum(n for ops in state["requests"].values() for outcomes in ops.values() for n in outcomes.values())

    def stop(self):
        stop(self.process)


def request_counts(state):
    """{(service, operation): {outcome: n}} flattened to totals used by the scripts."""
    total = throttled = 0
    for service, ops in state["requests"].items():
        for op, outcomes in ops.items():
            for outcome, n in outcomes.items():
                total += n
                if "hrottl" in outcome or outcome == "TooManyRequestsException":
                    throttled += n
    return total, throttled


def op_count(state, service, operation, outcome=None):
    outcomes = state["requests"].get(service, {}).get(operation, {})
    return outcomes.get(outcome, 0) if outcome else sum(outcomes.values())


CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def _stat_fields(pid):
    """/proc/PID/stat after the command name: state is [0], ppid [1], utime [11], stime [12], cutime [13], cstime [14]."""
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()


def cpu_seconds(pid, reaped_children=False):
    """The process's CPU time (user + system); with reaped_children, its waited-for children's too."""
    try:
        fields = _stat_fields(pid)
    except (OSError, IndexError):
        return None
    ticks = int(fields[11]) + int(fields[12]) + (int(fields[13]) + int(fields[14]) if reaped_children else 0)
    return ticks / CLOCK_TICKS


def postgres_cpu_seconds(data_dir):
    """PostgreSQL's CPU time: its postmaster with the backends it reaped, and its children alive now."""
    try:
        with open(os.path.join(data_dir, "postmaster.pid")) as f:
            postmaster = int(f.readline())
    except (OSError, ValueError):
        return None
    total = cpu_seconds(postmaster, reaped_children=True) or 0.0
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if int(_stat_fields(entry)[1]) == postmaster:
                    total += cpu_seconds(entry) or 0.0
            except (OSError, IndexError, ValueError):
                pass
    return total


class CpuSampler:
    """Samples, once a second, the CPU seconds used so far by named processes (name -> function returning seconds);
    used(start, end) says what each used between two epoch times, from the samples nearest them."""

    def __init__(self, sources):
        self.sources = sources
        self.samples = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.is_set():
            self.samples.append((time.time(), {name: source() for name, source in self.sources.items()}))
            self._stop.wait(1.0)

    def stop(self):
        self._stop.set()
        self._thread.join()

    def used(self, start, end):
        def at(moment):
            return min(self.samples, key=lambda sample: abs(sample[0] - moment))[1]
        first, last = at(start), at(end)
        return {name: (last[name] - first[name]) if last[name] is not None and first[name] is not None else None
                for name in self.sources}


class Job:
    """One `policygen.jar run` process; .rc after wait(); samples its peak RSS while it runs."""

    def __init__(self, work_dir, name, db, database, sim, props=None, java_opts=(), env_extra=None, jar=None):
        """props override the defaults below (spring-style names); a value of None leaves that setting out.
        jar: another build of policygen to run (a benchmark's baseline); this checkout's by default."""
        self.name = name
        self.log_path = os.path.join(work_dir, f"job-{name}.log")
        env = dict(os.environ, AWS_ACCESS_KEY_ID=SIM_KEY_ID, AWS_SECRET_ACCESS_KEY=SIM_SECRET,
                   SPRING_DATASOURCE_PASSWORD=db.password, AWS_REGION="us-east-1")
        env.update(env_extra or {})
        settings = {"spring.datasource.url": db.url(database), "spring.datasource.username": DB_USER}
        if sim is not None:
            settings.update({"policygen.aws.endpoint": sim.endpoint, "policygen.aws.clock": "simulator",
                             "policygen.generation.trails[0].arn": sim.trail,
                             # within the 100,000 log-file limit and one generation time long: one Region, 30 days
                             "policygen.generation.trails[0].regions[0]": "us-east-1",
                             "policygen.generation.lookback": "P30D",
                             "policygen.generation.poll-min": "PT0.05S"})
        settings.update(props or {})
        # one --name=value per setting: Spring joins repeated options into a list
        args = [JAVA, *java_opts, "-jar", jar or JAR, "run"] + [f"--{k}={v}" for k, v in settings.items() if v is not None]
        self.started = time.time()
        self.process = spawn(args, self.log_path, env)
        self.pid = self.process.pid
        self.peak_rss_kb = 0
        self._sampler = threading.Thread(target=self._sample, daemon=True)
        self._sampler.start()

    def _sample(self):
        path = f"/proc/{self.pid}/status"
        while self.process.poll() is None:
            try:
                with open(path) as f:
                    for line in f:
                        if line.startswith("VmHWM:"):
                            self.peak_rss_kb = max(self.peak_rss_kb, int(line.split()[1]))
            except (OSError, ValueError):
                pass
            time.sleep(0.2)

    def wait(self, timeout):
        try:
            self.rc = self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise TimeoutError(f"job {self.name} still running after {timeout}s; killed (see {self.log_path})")
        self.ended = time.time()
        return self.rc

    def kill(self):
        """kill -9, as a crash would."""
        if self.process.poll() is None:
            os.kill(self.pid, signal.SIGKILL)
        self.rc = self.process.wait()
        self.ended = time.time()
        return self.rc

    def output(self):
        with open(self.log_path, errors="replace") as f:
            return f.read()

    def verdict(self):
        """The job's last "policygen:" line: its summary, or the one line that says why it stopped."""
        lines = [l for l in self.output().splitlines() if l.startswith("policygen:")]
        return lines[-1] if lines else "(no policygen: line)"

    def summary(self):
        match = re.search(r"^policygen: run (\d+) ended (\S+) \(exit (\d+)\).*AWS calls (\d+), throttled (\d+)", self.output(), re.M)
        if not match:
            return None
        return {"run": int(match.group(1)), "status": match.group(2), "exit": int(match.group(3)),
                "calls": int(match.group(4)), "throttled": int(match.group(5))}


def check_generations(db, database, sim_state):
    """The invariants, by the simulator's record against the database.

    duplicates: principals the simulator started more than one generation for;
    lost: jobIds the simulator issued that no generation row holds;
    not_done: live principals in the database worth a generation (not unused, too new or opted out) whose latest
    generation did not succeed."""
    per_principal = collections.Counter(g["principalArn"] for g in sim_state["generations"])
    duplicates = sum(1 for n in per_principal.values() if n > 1)
    db_jobs = {row[0] for row in db.query(database, "select job_id from generation where job_id is not null")[0]}
    sim_jobs = {g["jobId"] for g in sim_state["generations"]}
    lost = len(sim_jobs - db_jobs)
    not_done = int(db.value(database, """
        select count(*) from principal p
        where p.deleted_at is null and coalesce(p.eligibility, 'ELIGIBLE') = 'ELIGIBLE' and not exists (
            select 1 from generation g where g.principal_id = p.principal_id and g.state = 'SUCCEEDED')"""))
    principals = int(db.value(database, "select count(*) from principal where deleted_at is null"))
    return {"sim_generations": len(sim_jobs), "db_jobs": len(db_jobs), "duplicates": duplicates, "lost": lost,
            "not_done": not_done, "principals": principals}


def parse_instant(text):
    text = text.rstrip("Z")
    if "." in text:
        head, frac = text.split(".")
        text = f"{head}.{frac[:6]}"
    return datetime.datetime.fromisoformat(text).replace(tzinfo=datetime.timezone.utc).timestamp()


def gc_peak_heap_mb(gc_log):
    """The largest heap occupancy before a collection in a -Xlog:gc file (MB), and the heap's committed peak."""
    peak = committed = 0
    with open(gc_log, errors="replace") as f:
        for line in f:
            match = re.search(r"(\d+)M->(\d+)M\((\d+)M\)", line)
            if match:
                peak = max(peak, int(match.group(1)), int(match.group(2)))
                committed = max(committed, int(match.group(3)))
    return peak, committed


def gc_cycles(gc_log):
    """A -Xlog:gc file's collector pauses, the concurrent cycles G1 started and how many of those a humongous allocation
    (an object of half a region or more) started: what a buffer the size of a page of principals costs."""
    pauses = cycles = humongous = 0
    with open(gc_log, errors="replace") as f:
        for line in f:
            if " Pause " in line:
                pauses += 1
            if "(Concurrent Start)" in line:
                cycles += 1
                humongous += "Humongous Allocation" in line
    return {"pauses": pauses, "concurrent cycles": cycles, "humongous-started": humongous}


def fmt(x, digits=2):
    return f"{x:,.{digits}f}" if isinstance(x, float) else f"{x:,}" if isinstance(x, int) else str(x)


def table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "| " + " | ".join("---" for _ in headers) + " |"]
    for row in rows:
        lines.append("| " + " | ".join(fmt(c) for c in row) + " |")
    return "\n".join(lines)


def kept_notes(path):
    """The hand-written '## Notes' section of the page being rewritten (the analysis of the figures), kept as is."""
    notes = "## Notes\n\n(none yet)\n"
    if os.path.exists(path):
        with open(path) as f:
            text = f.read()
        if "\n## Notes\n" in text:
            notes = text[text.index("\n## Notes\n") + 1:]
    return notes
