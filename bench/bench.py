"""The attn benchmark (issue #4): our fused attention beside its peers.

Run it through bench/run, which makes the virtual environment, builds attn and
the microbenchmarks and passes the paths. In one run it measures:

- prefill, f32, B=1, H=8, D in {64, 128}, N = M in {512, ..., 16384}: ours
  (the C entry of a library made by attn-compile, called through ctypes, and
  the same entry called from a C program, bench/time_call.c), the
  two GEMMs of the same attention (Q·Kᵀ and P·V, numpy/OpenBLAS: the practical
  limit on a CPU), numpy attention with materialized scores, PyTorch eager
  (matmul-softmax-matmul) and PyTorch scaled_dot_product_attention, in GFLOP/s
  (4·B·H·N·M·D FLOPs: the two matmuls, dense), beside the FMA peak of the
  machine (bench/fma_peak.c);
- decode, N=1, H=32, D=128, M in {8192, 65536}: GB/s of K and V read, beside a
  STREAM copy (bench/stream_copy.c);
- sparse rows (issue #5), B=1, H=8, D=64, timed side by side with the dense
  attention in interleaved rounds: causal at N = M = 4096, a causal window
  of 256 keys at N = 4096 and 16384 (linear growth), a causal mask passed as
  a run-time operand, a BigBird-like block-sparse layout (9.4% of the pairs),
  PyTorch SDPA with is_causal=True (`--sparse` runs only these rows);
- the compile time of attn-compile for a one-attention module, and the peak
  RSS of a run at N = M = 65536, H = 1, D = 64 (in a child process).

Prints a table, writes results.json and draws results.png (GFLOP/s against N,
one line per system, the FMA peak as a line, one panel per D).

Timing: one warm-up call, then the median of repeats (as many as fit a time
budget, at least 3); a call that takes longer than --long-call seconds is
timed once, without a separate warm-up (the process is already warm from the
smaller sizes). The machine is shared and noisy: read the ratios.
"""

import os

# OpenBLAS reads these when it loads (with numpy below); they slow numpy's
# OpenBLAS down on this machine. attn's libraries do not use OpenBLAS, so
# dropping them here only affects numpy and PyTorch. Recorded in results.json.
_DROPPED_ENV = {name: os.environ.pop(name) for name in
                ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE") if name in os.environ}

import argparse
import ctypes
import datetime
import gc
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

SYSTEMS = [  # key, label in the table / plot
    ("attn", "attn (ours)"),
    ("attn_c", "attn, called from C"),
    ("gemms", "2 GEMMs, numpy/OpenBLAS"),
    ("numpy", "numpy, materialized scores"),
    ("torch_eager", "PyTorch eager"),
    ("torch_sdpa", "PyTorch SDPA"),
]
LABELS = dict(SYSTEMS)
SHORT = {"attn": "attn", "attn_c": "attn C", "gemms": "GEMMs", "numpy": "numpy",
         "torch_eager": "torch", "torch_sdpa": "SDPA"}
GIB = 1024 ** 3


# --- Machine -----------------------------------------------------------------

def meminfo():
    info = {}
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                key, value = line.split(":", 1)
                info[key] = int(value.split()[0]) * 1024
    except OSError:
        pass
    return info


def mem_available():
    return meminfo().get("MemAvailable", 0)


def cpuinfo():
    """The first processor's fields of /proc/cpuinfo."""
    info = {}
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if not line.strip():
                    break
                key, _, value = line.partition(":")
                info[key.strip()] = value.strip()
    except OSError:
        pass
    return info


def cpu_description():
    info = cpuinfo()
    flags = info.get("flags", "").split()
    return {"cpu": info.get("model name") or platform.processor() or "unknown",
            "cpu_family_model": "%s/%s" % (info.get("cpu family"), info.get("model")),
            "avx2": "avx2" in flags, "fma": "fma" in flags,
            "avx512f": "avx512f" in flags}


def git_state():
    try:
        rev = subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                             capture_output=True, text=True, timeout=10)
        return rev.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def blas_info():
    """Which BLAS numpy uses: threadpoolctl at run time, else the build config."""
    try:
        import threadpoolctl
        pools = [p for p in threadpoolctl.threadpool_info() if p.get("user_api") == "blas"]
        if pools:
            return [{k: p.get(k) for k in ("internal_api", "version", "architecture",
                                           "num_threads", "threading_layer", "filepath")}
                    for p in pools]
    except Exception:  # noqa: BLE001 - optional
        pass
    try:
        config = np.show_config(mode="dicts")
        return [config["Build Dependencies"]["blas"]]
    except Exception:  # noqa: BLE001
        return [{"name": "unknown"}]


def run_json(command, timeout=300):
    """Runs a microbenchmark that prints one JSON object."""
    result = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    if result.returncode != 0:
        raise RuntimeError("%s failed (%d): %s" % (command[0], result.returncode,
                                                   result.stderr.strip()[-300:]))
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- attn libraries ----------------------------------------------------------

# The structured forms timed by the sparse rows (issue #5): the clause that
# goes on attn.attention, and whether the call takes a run-time mask operand.
VARIANTS = {
    "dense": ("", False),
    "causal": (" causal(top_left)", False),
    "window256": (" causal(top_left) window <left = 256, right = 0>", False),
    "mask": ("", True),  # a run-time boolean mask: the caller passes causal
    "block_sparse": (None, False),  # a constant block layout, see below
}

# The block-sparse row: a BigBird-like layout of 128 x 128 cells (each query
# block keeps its own key block, the first (global) key block and one random
# other): 3 of 32 key blocks per query block at N = M = 4096, 9.4% of the
# pairs.
BLOCK_SPARSE_CELL = 128


def block_sparse_table(n, m):
    rows, cols = n // BLOCK_SPARSE_CELL, m // BLOCK_SPARSE_CELL
    rng = np.random.default_rng(1234)
    table = np.zeros((rows, cols), dtype=bool)
    for r in range(rows):
        table[r, min(r, cols - 1)] = True
        table[r, 0] = True
        free = np.flatnonzero(~table[r])
        table[r, rng.choice(free)] = True
    return table


def block_sparse_clause(n, m):
    body = np.array2string(block_sparse_table(n, m), separator=", ",
                           threshold=1 << 30, max_line_width=1 << 30)
    body = body.replace("True", "true").replace("False", "false")
    return (" blocks <query_block = %d, key_block = %d, layout = dense<%s> : "
            "tensor<%dx%dxi1>>" % (BLOCK_SPARSE_CELL, BLOCK_SPARSE_CELL, body,
                                   n // BLOCK_SPARSE_CELL, m // BLOCK_SPARSE_CELL))


def module_text(name, b, h, n, m, d, variant="dense"):
    q = "tensor<%dx%dx%dx%dxf32>" % (b, h, n, d)
    kv = "tensor<%dx%dx%dx%dxf32>" % (b, h, m, d)
    clause, has_mask = VARIANTS[variant]
    if variant == "block_sparse":
        clause = block_sparse_clause(n, m)
    if variant == "dense":  # unchanged text: keeps the cached dense libraries
        header = "// bench/bench.py: one attention, B=%d H=%d N=%d M=%d D=%d.\n" % (
            b, h, n, m, d)
    else:
        header = "// bench/bench.py: one attention (%s), B=%d H=%d N=%d M=%d D=%d.\n" % (
            variant, b, h, n, m, d)
    mask_t = "tensor<%dx%dxi1>" % (n, m)
    mask_arg = (",\n              %%m: %s {attn.name = \"mask\"}" % mask_t
                if has_mask else "")
    if has_mask:
        clause += " mask(%%m : %s)" % mask_t
    return (
        header +
        "func.func @%s(%%q: %s {attn.name = \"q\"},\n"
        "              %%k: %s {attn.name = \"k\"},\n"
        "              %%v: %s {attn.name = \"v\"}%s)\n"
        "    -> (%s {attn.name = \"out\"}) {\n"
        "  %%o = attn.attention %%q, %%k, %%v%s : %s, %s, %s -> %s\n"
        "  return %%o : %s\n"
        "}\n" % (name, q, kv, kv, mask_arg, q, clause, q, kv, kv, q, q))


class Compiler:
    def __init__(self, attn_compile, work):
        self.attn_compile = attn_compile
        self.work = work
        self.times = {}  # library -> seconds, for the libraries compiled this run

    def compile(self, b, h, n, m, d, variant="dense"):
        """Compiles (or reuses) the one-attention library for this shape."""
        stem = "attn_b%d_h%d_n%d_m%d_d%d" % (b, h, n, m, d)
        if variant != "dense":
            stem += "_" + variant
        mlir = os.path.join(self.work, stem + ".mlir")
        lib = os.path.join(self.work, "lib%s.so" % stem)
        text = module_text("attn", b, h, n, m, d, variant)
        fresh = (os.path.exists(lib) and os.path.exists(mlir)
                 and open(mlir).read() == text
                 and os.path.getmtime(lib) > os.path.getmtime(self.attn_compile))
        if not fresh:
            with open(mlir, "w") as f:
                f.write(text)
            self.times[stem] = self.run(mlir, lib)
        return lib

    def run(self, mlir, lib):
        start = time.perf_counter()
        result = subprocess.run([self.attn_compile, mlir, "-o", lib],
                                capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            raise RuntimeError("attn-compile %s failed:\n%s" % (mlir, result.stderr))
        return elapsed


def freeze_compiler(path, work):
    """A copy of attn-compile in the work folder, so that a rebuild during the
    run (ninja replaces the file) cannot change or break the compiler under
    test. Waits a little while the file is being relinked."""
    for _ in range(60):
        if os.access(path, os.X_OK) and os.path.getsize(path) > 0:
            break
        time.sleep(2)
    else:
        sys.exit("bench: %s is not an executable (being rebuilt?)" % path)
    frozen = os.path.join(work, "attn-compile")
    shutil.copy2(path, frozen)  # keeps the mtime: the library cache key
    return frozen


class Ours:
    """The C entry `int attn(q, k, v, [mask,] out)` of one library, through
    ctypes (arguments, then results, as the manifest lists them)."""

    def __init__(self, path):
        self.lib = ctypes.CDLL(os.path.abspath(path))
        self.lib.attn_last_error.restype = ctypes.c_char_p
        self.lib.attn_manifest.restype = ctypes.c_char_p
        self.manifest = json.loads(self.lib.attn_manifest().decode())
        function = self.manifest["functions"][0]
        self.arity = len(function["args"]) + len(function["results"])
        self.fn = self.lib.attn
        self.fn.restype = ctypes.c_int
        self.fn.argtypes = [ctypes.c_void_p] * self.arity

    def bind(self, *arrays):
        if len(arrays) != self.arity:
            raise ValueError("attn takes %d buffers, got %d" % (self.arity, len(arrays)))
        args = [a.ctypes.data for a in arrays]
        fn, lib = self.fn, self.lib

        def call():
            rc = fn(*args)
            if rc != 0:
                raise RuntimeError("attn returned %d: %s"
                                   % (rc, (lib.attn_last_error() or b"").decode()))
        return call


# --- Timing ------------------------------------------------------------------

def timed(call):
    start = time.perf_counter()
    call()
    return time.perf_counter() - start


class OtherLoad:
    """CPU time that other processes used while this meter ran, in cores
    (/proc/stat busy time minus this process's own): the noise indicator."""

    def __init__(self):
        self.start = self.read()

    @staticmethod
    def read():
        try:
            with open("/proc/stat") as f:
                fields = [int(x) for x in f.readline().split()[1:]]
            # user nice system idle iowait irq softirq steal
            busy = (sum(fields[:3]) + sum(fields[5:8])) / os.sysconf("SC_CLK_TCK")
        except (OSError, ValueError):
            busy = None
        own = resource.getrusage(resource.RUSAGE_SELF)
        kids = resource.getrusage(resource.RUSAGE_CHILDREN)
        return (time.perf_counter(), busy,
                own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime)

    def cores(self):
        wall0, busy0, own0 = self.start
        wall1, busy1, own1 = self.read()
        if busy0 is None or busy1 is None or wall1 - wall0 < 0.05:
            return None
        return round(max(0.0, (busy1 - busy0 - (own1 - own0)) / (wall1 - wall0)), 2)


def measure(call, budget, long_call, max_repeats=20):
    """(samples in seconds, other processes' load in cores): a warm-up, then
    repeats filling `budget` seconds (at least 3, at most max_repeats); a call
    longer than long_call seconds is timed once."""
    meter = OtherLoad()
    first = timed(call)
    if first >= long_call:
        return [first], meter.cores()
    meter = OtherLoad()
    repeats = max(3, min(max_repeats, int(budget / max(first, 1e-6))))
    samples = [timed(call) for _ in range(repeats)]
    return samples, meter.cores()


def measure_interleaved(calls, budget, min_rounds, max_rounds):
    """Times several calls side by side: one warm-up each, then rounds that
    call each once (the order rotated every round), until `budget` seconds
    passed (at least min_rounds, at most max_rounds rounds). Machine noise
    then hits every call alike. Returns ({key: samples}, other processes'
    load in cores, rounds)."""
    keys = list(calls)
    for key in keys:
        calls[key]()
    meter = OtherLoad()
    samples = {key: [] for key in keys}
    start = time.perf_counter()
    rounds = 0
    while rounds < min_rounds or (rounds < max_rounds
                                  and time.perf_counter() - start < budget):
        shift = rounds % len(keys)
        for key in keys[shift:] + keys[:shift]:
            samples[key].append(timed(calls[key]))
        rounds += 1
    return samples, meter.cores(), rounds


# --- Peers -------------------------------------------------------------------

def numpy_gemms(q, k, v):
    """The two GEMMs of the attention, per head: S = Q·Kᵀ, O = S·V (no scale,
    no softmax), into preallocated buffers (one N×M score buffer)."""
    b, h, n, _ = q.shape
    m = k.shape[2]
    s = np.empty((n, m), dtype=np.float32)
    out = np.empty_like(q)

    def call():
        for i in range(b):
            for j in range(h):
                np.matmul(q[i, j], k[i, j].T, out=s)
                np.matmul(s, v[i, j], out=out[i, j])
    return call


def numpy_attention(q, k, v, result):
    """Attention as a careful numpy user writes it: materialized scores,
    softmax in place (peak memory: one B·H·N·M score tensor)."""
    scale = np.float32(1.0 / np.sqrt(q.shape[-1]))

    def call():
        s = q @ k.transpose(0, 1, 3, 2)
        s *= scale
        s -= s.max(axis=-1, keepdims=True)
        np.exp(s, out=s)
        s /= s.sum(axis=-1, keepdims=True)
        result[0] = s @ v
    return call


def torch_eager(torch, q, k, v, result):
    scale = 1.0 / float(q.shape[-1]) ** 0.5

    def call():
        result[0] = torch.softmax(q @ k.transpose(-2, -1) * scale, dim=-1) @ v
    return call


def torch_sdpa(torch, q, k, v, result):
    sdpa = torch.nn.functional.scaled_dot_product_attention

    def call():
        result[0] = sdpa(q, k, v)
    return call


# --- The benchmark -------------------------------------------------------------

class Bench:
    def __init__(self, args):
        self.args = args
        self.rng = np.random.default_rng(0)
        self.compiler = Compiler(args.attn_compile, args.work)
        self.torch = None
        self.torch_reason = None
        self.results = {"prefill": [], "decode": []}
        self.headroom = max(2 * GIB, int(0.15 * meminfo().get("MemTotal", 0)))
        self.load_torch()

    def load_torch(self):
        note = self.args.torch_note
        if note and os.path.exists(note):
            self.torch_reason = open(note).read().strip() or "unknown reason"
            return
        try:
            import torch
        except Exception as e:  # noqa: BLE001 - any import failure is a reason
            self.torch_reason = "import torch failed: %s" % str(e).splitlines()[0][:200]
            return
        torch.set_grad_enabled(False)
        self.torch = torch

    def randn(self, shape):
        return self.rng.standard_normal(shape, dtype=np.float32)

    def memory_ok(self, need):
        """None when `need` bytes fit in MemAvailable minus the headroom, else
        the reason to skip."""
        available = mem_available()
        if need + self.headroom <= available:
            return None
        return ("needs %.1f GB, only %.1f GB available (keeping %.1f GB free)"
                % (need / 1e9, available / 1e9, self.headroom / 1e9))

    def record(self, table, entry, samples=None, skipped=None, work=None,
               unit_bytes=None):
        if skipped is not None:
            entry.update(status="skipped", reason=skipped)
        else:
            median = statistics.median(samples)
            entry.update(status="ok", samples_s=[round(s, 6) for s in samples],
                         median_s=median, repeats=len(samples))
            if work is not None:
                entry["gflops"] = work / median / 1e9
            if unit_bytes is not None:
                entry["gbs"] = unit_bytes / median / 1e9
        self.results[table].append(entry)
        return entry

    def progress(self, entry):
        if entry["status"] == "ok":
            value = ("%.1f GFLOP/s" % entry["gflops"] if "gflops" in entry else "")
            if "gbs" in entry:
                value += "  %.1f GB/s" % entry["gbs"]
            others = entry.get("others_cores")
            print("  %-28s %9.4f s  %s  (%d call%s%s)" % (
                LABELS[entry["system"]], entry["median_s"], value, entry["repeats"],
                "" if entry["repeats"] == 1 else "s",
                "" if others is None else "; other processes: %.1f cores" % others),
                flush=True)
        else:
            print("  %-28s skipped: %s" % (LABELS[entry["system"]], entry["reason"]),
                  flush=True)

    def run_case(self, table, h, n, m, d, systems):
        """Times every system at one shape (appends to self.results[table])."""
        args = self.args
        b = 1
        flops = 4.0 * b * h * n * m * d
        kv_bytes = 2.0 * b * h * m * d * 4 if table == "decode" else None
        score_bytes = 4.0 * b * h * n * m
        print("%s: B=%d H=%d N=%d M=%d D=%d" % (table, b, h, n, m, d), flush=True)
        q = self.randn((b, h, n, d))
        k = self.randn((b, h, m, d))
        v = self.randn((b, h, m, d))
        base = {"B": b, "H": h, "N": n, "M": m, "D": d, "flops": flops}
        if kv_bytes:
            base["kv_bytes"] = kv_bytes

        library = self.compiler.compile(b, h, n, m, d)
        ours = Ours(library)
        self.target = ours.manifest.get("target")
        self.schedule = ours.manifest["functions"][0].get("schedule")
        out = np.full_like(q, np.nan)
        reference = None  # the first peer's output, to check ours against
        ours_entry = None

        for system in systems:
            entry = dict(base, system=system)
            holder = [None]
            reason = None
            if system == "attn":
                call = ours.bind(q, k, v, out)
            elif system == "attn_c":
                # Its own process, inputs and timing loop (bench/time_call.c):
                # a C program's heap is not the Python process's.
                self.time_from_c(table, entry, library, flops, kv_bytes)
                continue
            elif system.startswith("torch") and self.torch is None:
                reason = "PyTorch not available (%s)" % self.torch_reason
            elif system == "gemms":
                reason = self.memory_ok(4 * n * m)
                call = numpy_gemms(q, k, v)
            elif system == "numpy":
                reason = self.memory_ok(score_bytes)
                call = numpy_attention(q, k, v, holder)
            elif system == "torch_eager":
                reason = self.memory_ok(2 * score_bytes)
                tq, tk, tv = (self.torch.from_numpy(a) for a in (q, k, v))
                call = torch_eager(self.torch, tq, tk, tv, holder)
            elif system == "torch_sdpa":
                tq, tk, tv = (self.torch.from_numpy(a) for a in (q, k, v))
                call = torch_sdpa(self.torch, tq, tk, tv, holder)
            if reason:
                self.progress(self.record(table, entry, skipped=reason))
                continue
            try:
                samples, others = measure(call, args.budget, args.long_call)
            except (MemoryError, RuntimeError) as e:
                self.progress(self.record(table, entry, skipped="failed: %s" % e))
                continue
            entry["others_cores"] = others
            if system == "gemms":
                samples = self.gemms_one_thread(entry, call, samples, flops)
            entry = self.record(table, entry, samples, work=flops, unit_bytes=kv_bytes)
            self.progress(entry)
            if system == "attn":
                ours_entry = entry
            if holder[0] is not None and reference is None:
                reference = np.asarray(holder[0], dtype=np.float32).copy()
            del call, holder
            gc.collect()

        # Ours against the first peer that produced an output (numpy or PyTorch).
        if ours_entry is not None and reference is not None:
            diff = float(np.nanmax(np.abs(out - reference))) if np.isfinite(out).all() \
                else float("inf")
            ours_entry["max_abs_diff_vs_reference"] = diff
            if not diff <= 1e-3:
                print("  WARNING: attn differs from the peers' output by %.3g" % diff,
                      flush=True)
        del q, k, v, out, reference
        gc.collect()

    def time_from_c(self, table, entry, library, flops, kv_bytes):
        """Times the library's C entry from a C program (bench/time_call.c,
        its own process, inputs and timing loop) and records it."""
        args = self.args
        command = [args.time_call, os.path.abspath(library), "attn"] + [
            str(entry[key]) for key in ("B", "H", "N", "M", "D")] + [
            str(args.budget), str(args.long_call), "20"]
        meter = OtherLoad()
        try:
            samples = run_json(command, timeout=600)["samples_s"]
        except (OSError, RuntimeError, subprocess.TimeoutExpired) as err:
            self.progress(self.record(table, entry, skipped="failed: %s" % err))
            return
        entry["others_cores"] = meter.cores()
        self.progress(self.record(table, entry, samples, work=flops,
                                  unit_bytes=kv_bytes))

    def gemms_one_thread(self, entry, call, samples, flops):
        """The GEMMs are the bound to compare with, so they get OpenBLAS's
        better setting: all cores, or one thread when that is faster (it is
        when another process holds a core: OpenBLAS's threads then wait on
        each other). Skipped for calls longer than long_call / 2."""
        entry["gflops_all_threads"] = flops / statistics.median(samples) / 1e9
        if statistics.median(samples) > self.args.long_call / 2:
            return samples
        try:
            from threadpoolctl import threadpool_limits
        except ImportError:
            return samples
        with threadpool_limits(limits=1, user_api="blas"):
            one, _ = measure(call, self.args.budget, self.args.long_call)
        entry["gflops_1_thread"] = flops / statistics.median(one) / 1e9
        if statistics.median(one) < statistics.median(samples):
            entry["blas_threads"] = 1
            return one
        entry["blas_threads"] = "all"
        return samples

    def compile_sparse(self):
        """Compiles the sparse rows' libraries first (so that compiling does
        not fall between the timed calls)."""
        print("bench: compiling the sparse rows' modules", flush=True)
        for variant in VARIANTS:
            self.compiler.compile(1, 8, 4096, 4096, 64, variant)
        self.compiler.compile(1, 8, 16384, 16384, 64, "window256")

    def sparse(self, quick):
        """The sparse rows (issue #5), B=1, H=8, D=64, timed side by side with
        the dense attention at N = M = 4096 in interleaved rounds: causal, a
        causal window of 256 keys (also at N = 16384, for the growth), a
        causal mask passed as a run-time operand, PyTorch SDPA dense and with
        is_causal=True. Ratios are of median times."""
        b, h, d, n, n_long = 1, 8, 64, 4096, 16384
        budget, min_rounds, max_rounds = (3.0, 3, 5) if quick else (self.args.sparse_budget, 5, 25)
        rows = [  # key, variant, N, what
            ("dense", "dense", n, "attn, dense"),
            ("causal", "causal", n, "attn, causal(top_left)"),
            ("window256", "window256", n, "attn, causal window of 256 keys"),
            ("window256_long", "window256", n_long, "attn, causal window of 256 keys"),
            ("mask", "mask", n, "attn, causal mask as a run-time operand"),
            ("block_sparse", "block_sparse", n,
             "attn, block-sparse (BigBird-like) layout"),
        ]
        print("sparse: B=%d H=%d D=%d, N = M = %d (and %d for the window), "
              "interleaved rounds" % (b, h, d, n, n_long), flush=True)
        inputs = {nn: [self.randn((b, h, nn, d)) for _ in range(3)] for nn in (n, n_long)}
        mask = np.tril(np.ones((n, n), dtype=np.bool_))
        calls, outs, entries = {}, {}, {}
        for key, variant, nn, what in rows:
            ours = Ours(self.compiler.compile(b, h, nn, nn, d, variant))
            outs[key] = np.full_like(inputs[nn][0], np.nan)
            extra = [mask] if VARIANTS[variant][1] else []
            calls[key] = ours.bind(*inputs[nn], *extra, outs[key])
            entries[key] = {"row": key, "system": "attn", "variant": variant,
                            "what": what, "B": b, "H": h, "N": nn, "M": nn, "D": d,
                            "kept_fraction": kept_fraction(variant, nn, nn)}
            entries[key]["schedule"] = ours.manifest["functions"][0].get("schedule")
        if self.torch is not None:
            sdpa = self.torch.nn.functional.scaled_dot_product_attention
            tq, tk, tv = (self.torch.from_numpy(a) for a in inputs[n])
            for key, causal in (("sdpa_dense", False), ("sdpa_causal", True)):
                holder = outs[key] = [None]

                def call(causal=causal, holder=holder):
                    holder[0] = sdpa(tq, tk, tv, is_causal=causal)
                calls[key] = call
                entries[key] = {"row": key, "system": "torch_sdpa",
                                "what": "PyTorch SDPA, is_causal=%s" % causal,
                                "B": b, "H": h, "N": n, "M": n, "D": d,
                                "kept_fraction": kept_fraction(
                                    "causal" if causal else "dense", n, n)}
        else:
            for key in ("sdpa_dense", "sdpa_causal"):
                entries[key] = {"row": key, "system": "torch_sdpa", "status": "skipped",
                                "reason": "PyTorch not available (%s)" % self.torch_reason,
                                "B": b, "H": h, "N": n, "M": n, "D": d}
        samples, others, rounds = measure_interleaved(calls, budget, min_rounds, max_rounds)
        for key, times in samples.items():
            entries[key].update(status="ok", samples_s=[round(t, 6) for t in times],
                                median_s=statistics.median(times), min_s=min(times),
                                repeats=len(times))

        # Every output against a float64 reference on a few rows (all heads).
        for key, entry in entries.items():
            if entry.get("status") != "ok":
                continue
            out = outs[key]
            out = np.asarray(out[0] if isinstance(out, list) else out, dtype=np.float32)
            variant = entry.get("variant") or ("causal" if key == "sdpa_causal" else "dense")
            entry["max_abs_diff_vs_float64_rows"] = check_rows(
                *inputs[entry["N"]], out, variant)
            if not entry["max_abs_diff_vs_float64_rows"] <= 1e-3:
                # Kept in the results with its times, but not used in a ratio.
                entry.update(status="wrong output", reason=(
                    "max |out - float64 reference| = %.3g on sampled rows; its "
                    "time is not meaningful" % entry["max_abs_diff_vs_float64_rows"]))
                print("  WARNING: %s differs from the float64 reference by %.3g"
                      % (key, entry["max_abs_diff_vs_float64_rows"]), flush=True)

        dense = entries["dense"]
        for key, entry in entries.items():
            if (entry.get("status") == "ok" and dense["status"] == "ok"
                    and entry["system"] == "attn" and entry["N"] == n):
                entry["ratio_to_dense"] = entry["median_s"] / dense["median_s"]
                # Paired per round: the same noise in both calls.
                entry["ratio_to_dense_paired_median"] = statistics.median(
                    a / c for a, c in zip(entry["samples_s"], dense["samples_s"]))
                entry["ratio_to_dense_of_min"] = entry["min_s"] / dense["min_s"]
            if "median_s" in entry:
                print("  %-44s N=%5d %9.4f s median, %9.4f s min (%d calls)%s"
                      % (entry["what"], entry["N"], entry["median_s"], entry["min_s"],
                         entry["repeats"], "" if entry["status"] == "ok"
                         else ": " + entry["status"]), flush=True)
        window, window_long = entries["window256"], entries["window256_long"]
        if window["status"] == "ok" and window_long["status"] == "ok":
            window_long["growth_vs_4x_n4096"] = (
                window_long["median_s"] / (4 * window["median_s"]))
            window_long["growth_vs_4x_n4096_of_min"] = (
                window_long["min_s"] / (4 * window["min_s"]))
        if (entries["sdpa_causal"].get("status") == "ok"
                and entries["causal"]["status"] == "ok" and dense["status"] == "ok"):
            sdpa_c, sdpa_d = entries["sdpa_causal"], entries["sdpa_dense"]
            entries["causal"]["ratio_to_sdpa_causal"] = (
                entries["causal"]["median_s"] / sdpa_c["median_s"])
            entries["dense"]["ratio_to_sdpa_dense"] = dense["median_s"] / sdpa_d["median_s"]
            sdpa_c["ratio_to_sdpa_dense"] = sdpa_c["median_s"] / sdpa_d["median_s"]
        return {"config": {"B": b, "H": h, "D": d, "N": n, "N_long": n_long,
                           "budget_s": budget, "rounds": rounds,
                           "timing": "one warm-up call each, then rounds calling "
                                     "every row once (order rotated per round); "
                                     "median and min per row; ratios of medians",
                           "targets": {"causal_ratio_to_dense": 0.55,
                                       "window_growth": 1.15,
                                       "mask_ratio_to_dense": 0.65,
                                       "block_sparse_ratio_to_dense": 0.2}},
                "others_cores": others,
                "rows": list(entries.values())}

    def compile_time(self):
        """attn-compile on a one-attention module (B=1 H=8 N=M=1024 D=64),
        compiled fresh each time; median of the repeats."""
        with tempfile.TemporaryDirectory(dir=self.args.work) as tmp:
            mlir = os.path.join(tmp, "attention.mlir")
            with open(mlir, "w") as f:
                f.write(module_text("attn", 1, 8, 1024, 1024, 64))
            samples = [self.compiler.run(mlir, os.path.join(tmp, "lib%d.so" % i))
                       for i in range(self.args.compile_repeats)]
        return {"module": "one attn.attention, B=1 H=8 N=M=1024 D=64, f32",
                "samples_s": samples, "median_s": statistics.median(samples)}

    def peak_rss(self, n, h, d):
        """Runs one call at N = M = n in a child process; its peak RSS."""
        lib = self.compiler.compile(1, h, n, n, d)
        child = subprocess.run([sys.executable, os.path.abspath(__file__),
                                "--rss-child", lib, str(h), str(n), str(d)],
                               capture_output=True, text=True, timeout=3600)
        if child.returncode != 0:
            return {"status": "failed", "reason": child.stderr.strip()[-300:]}
        result = json.loads(child.stdout.strip().splitlines()[-1])
        # ru_maxrss of a child starts at its parent's RSS on Linux (the
        # parent here holds numpy, PyTorch and the inputs), so the peak RSS
        # reported is VmHWM: the peak of the child's own process image.
        result["note"] = ("peak_rss_bytes is VmHWM; ru_maxrss includes the parent's "
                          "RSS at fork on Linux")
        result["peak_rss_bytes"] = result["vmhwm_bytes"]
        result["rss_before_call_bytes"] = result["vmhwm_before_call_bytes"]
        result.update(status="ok", B=1, H=h, N=n, M=n, D=d,
                      io_bytes=4 * 4 * h * n * d, score_bytes=4.0 * h * n * n,
                      gflops=4.0 * h * n * n * d / result["seconds"] / 1e9)
        return result


def rss_child(lib, h, n, d):
    """--rss-child: allocate q, k, v, out; one call; report the peak RSS."""
    ours = Ours(lib)
    rng = np.random.default_rng(0)
    q, k, v = (rng.standard_normal((1, h, n, d), dtype=np.float32) for _ in range(3))
    out = np.zeros_like(q)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    hwm_before = vm_hwm()
    seconds = timed(ours.bind(q, k, v, out))
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    print(json.dumps({"ru_maxrss_before_call_bytes": before, "ru_maxrss_bytes": after,
                      "vmhwm_before_call_bytes": hwm_before, "vmhwm_bytes": vm_hwm(),
                      "seconds": seconds, "finite": bool(np.isfinite(out).all())}))


def vm_hwm():
    """Peak RSS of this process image (/proc/self/status VmHWM), in bytes."""
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return None


def keeps(variant, rows, m):
    """The kept (query, key) pairs of a variant for the query rows `rows`
    (N = M, top-left causal), as a boolean [len(rows), m] array."""
    i = np.asarray(rows)[:, None]
    j = np.arange(m)[None, :]
    if variant == "dense":
        return np.ones((len(rows), m), dtype=bool)
    if variant == "block_sparse":
        table = block_sparse_table(m, m)  # N = M
        return table[i // BLOCK_SPARSE_CELL, j // BLOCK_SPARSE_CELL]
    keep = j <= i
    if variant == "window256":
        keep &= j >= i - 256
    return keep


def kept_fraction(variant, n, m):
    if variant == "dense":
        return 1.0
    kept = sum(int(keeps(variant, range(lo, min(n, lo + 1024)), m).sum())
               for lo in range(0, n, 1024))
    return kept / (n * m)


def check_rows(q, k, v, out, variant):
    """max |out - reference| over a few query rows, every head, with the
    float64 reference of the variant (the mask variant keeps causal)."""
    n = q.shape[2]
    rows = sorted({r for r in (0, 1, 63, 64, 255, 256, 257, 1000, n // 2 + 3, n - 2, n - 1)
                   if r < n})
    keep = keeps("causal" if variant == "mask" else variant, rows, k.shape[2])
    worst = 0.0
    for bi in range(q.shape[0]):
        for hi in range(q.shape[1]):
            s = (q[bi, hi, rows].astype(np.float64) @ k[bi, hi].T.astype(np.float64)
                 / np.sqrt(q.shape[3]))
            s = np.where(keep, s, -np.inf)
            p = np.exp(s - s.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            ref = p @ v[bi, hi].astype(np.float64)
            diff = np.abs(out[bi, hi, rows] - ref)
            worst = max(worst, float(np.max(diff)) if np.isfinite(diff).all()
                        else float("inf"))
    return worst


# --- Report ------------------------------------------------------------------

def lookup(entries, **key):
    for e in entries:
        if all(e.get(k) == v for k, v in key.items()):
            return e
    return None


def fmt(entry, field):
    if entry is None:
        return "-"
    if entry["status"] != "ok":
        return "skip"
    return "%.1f" % entry[field]


def ratio(a, b, field):
    if not a or not b or a["status"] != "ok" or b["status"] != "ok":
        return "-"
    return "%.2f" % (a[field] / b[field])


def derive(res):
    """The FMA peak used for the ratios and the plot: the better of all cores
    measured together and cores x the best one-core figure (the all-core
    figure drops when another process holds a core, the one-core figure
    rarely does)."""
    peak = res["fma_peak"]
    one = max(peak.get("runs_gflops_1thread", [peak["gflops_1thread"]]))
    peak["gflops_all_cores_measured"] = max(peak.get("runs_gflops", [peak["gflops"]]))
    peak["gflops_cores_x_1thread"] = round(one * peak["threads"], 2)
    peak["peak_gflops"] = max(peak["gflops_all_cores_measured"],
                              peak["gflops_cores_x_1thread"])
    for e in res["prefill"]:
        if e["status"] == "ok":
            e["fraction_of_fma_peak"] = e["gflops"] / peak["peak_gflops"]
    stream = res["stream_copy"]
    for e in res["decode"]:
        if e["status"] == "ok":
            e["fraction_of_stream_copy"] = e["gbs"] / stream["gbs"]


def others_load(entries):
    """The most CPU other processes used while a row was timed, in cores."""
    loads = [e.get("others_cores") for e in entries if e and e.get("others_cores") is not None]
    return "%.1f" % max(loads) if loads else "-"


def print_report(res):
    m = res["machine"]
    peak = res["fma_peak"]
    stream = res["stream_copy"]
    lines = []
    say = lines.append
    say("")
    say("Machine: %s, %d cores, %.0f GB; Halide target %s; load average at start %s"
        % (m["cpu"], m["cores"], m["mem_total_bytes"] / 1e9, m.get("halide_target"),
           " ".join("%.1f" % x for x in m["loadavg_start"])))
    blas = m["numpy_blas"][0]
    say("numpy %s, BLAS: %s %s (%s, %s threads)" % (
        m["numpy"], blas.get("internal_api", blas.get("name")), blas.get("version"),
        blas.get("architecture", "?"), blas.get("num_threads", "?")))
    if res["torch"]["available"]:
        t = res["torch"]
        say("PyTorch: %s (CPU, %d threads, %s)" % (t["version"], t["threads"],
                                                  t["cpu_capability"]))
    else:
        say("PyTorch: not available (%s)" % res["torch"]["reason"])
    say("FMA peak: %.1f GFLOP/s on %d cores (%s; the better of all cores measured "
        "together, %.1f, and %d x one core, %.1f)"
        % (peak["peak_gflops"], peak["threads"], peak["isa"],
           peak["gflops_all_cores_measured"], peak["threads"],
           peak["gflops_cores_x_1thread"] / peak["threads"]))
    say("STREAM copy: %.1f GB/s (%d threads, read + write bytes)"
        % (stream["gbs"], stream["threads"]))
    say("")
    say("Prefill, f32, B=1, H=8, N=M: GFLOP/s (4·B·H·N·M·D / median time)")
    head = "%4s %6s | %7s %7s %7s %7s %7s %7s | %9s %10s %9s %11s | %6s" % (
        "D", "N", "attn", "attn C", "GEMMs", "numpy", "torch", "SDPA",
        "attn/SDPA", "attn/GEMMs", "attn/peak", "attn C/peak", "others")
    say(head)
    say("-" * len(head))
    prefill = res["prefill"]

    def peak_ratio(entry):
        if entry is None or entry["status"] != "ok":
            return "-"
        return "%.2f" % (entry["gflops"] / peak["peak_gflops"])

    for d in res["config"]["prefill_d"]:
        for n in res["config"]["prefill_n"]:
            row = {s: lookup(prefill, system=s, D=d, N=n) for s, _ in SYSTEMS}
            if row["attn"] is None:
                continue
            say("%4d %6d | %7s %7s %7s %7s %7s %7s | %9s %10s %9s %11s | %6s" % (
                d, n, *(fmt(row[s], "gflops") for s, _ in SYSTEMS),
                ratio(row["attn"], row["torch_sdpa"], "gflops"),
                ratio(row["attn"], row["gemms"], "gflops"),
                peak_ratio(row["attn"]), peak_ratio(row["attn_c"]),
                others_load(row.values())))
    skipped = {}
    for e in prefill:
        if e["status"] != "ok":
            skipped.setdefault((LABELS[e["system"]], e["reason"]), []).append(
                "D=%d N=%d" % (e["D"], e["N"]))
    for (label, reason), where in skipped.items():
        say("  skip: %s at %s: %s" % (label, ", ".join(where), reason))
    say("")
    say("Decode, f32, B=1, H=32, N=1, D=128: GB/s of K and V read (STREAM copy %.1f GB/s)"
        % stream["gbs"])
    head = "%6s | %7s %7s %7s %7s | %11s %9s | %6s" % (
        "M", "attn", "numpy", "torch", "SDPA", "attn/STREAM", "attn/SDPA", "others")
    say(head)
    say("-" * len(head))
    decode = res["decode"]
    for mm in res["config"]["decode_m"]:
        row = {s: lookup(decode, system=s, M=mm) for s, _ in SYSTEMS}
        if row["attn"] is None:
            continue
        stream_ratio = ("%.2f" % (row["attn"]["gbs"] / stream["gbs"])
                        if row["attn"]["status"] == "ok" else "-")
        say("%6d | %7s %7s %7s %7s | %11s %9s | %6s" % (
            mm, *(fmt(row[s], "gbs") for s in ("attn", "numpy", "torch_eager",
                                               "torch_sdpa")),
            stream_ratio,
            ratio(row["attn"], row["torch_sdpa"], "gbs"),
            others_load(row.values())))
    skipped = {}
    for e in decode:
        if e["status"] != "ok":
            skipped.setdefault((LABELS[e["system"]], e["reason"]), []).append(
                "M=%d" % e["M"])
    for (label, reason), where in skipped.items():
        say("  skip: %s at %s: %s" % (label, ", ".join(where), reason))
    say("")
    ct = res["compile_time"]
    say("Compile time: %.2f s median of %d (attn-compile, %s)"
        % (ct["median_s"], len(ct["samples_s"]), ct["module"]))
    rss = res["peak_rss"]
    if rss.get("status") == "ok":
        say("Peak RSS (VmHWM of a child process): %.0f MiB at N=M=%d, H=%d, D=%d "
            "(%.0f MiB before the call; "
            "q, k, v, out: %.0f MiB; the score matrix would be %.1f GiB); "
            "that call: %.1f s, %.1f GFLOP/s"
            % (rss["peak_rss_bytes"] / 2**20, rss["N"], rss["H"], rss["D"],
               rss["rss_before_call_bytes"] / 2**20, rss["io_bytes"] / 2**20,
               rss["score_bytes"] / GIB, rss["seconds"], rss["gflops"]))
    else:
        say("Peak RSS: failed (%s)" % rss.get("reason"))
    if res.get("sparse"):
        say("")
        sparse_report(res["sparse"], say)
    say("")
    say("others: CPU cores used by other processes while a row was timed (the "
        "machine is shared); %.1f on average over the run" % res["others_cores"])
    say("Wall time of the benchmark: %.0f s" % res["wall_s"])
    print("\n".join(lines), flush=True)


def sparse_report(sp, say):
    """The sparse rows: times, the ratio that each row's target is about."""
    if "failed" in sp:
        say("Sparse rows: failed (%s)" % sp["failed"])
        return
    cfg = sp["config"]
    say("Sparse, f32, B=%d, H=%d, D=%d, N = M: side by side with dense in %d "
        "interleaved rounds (%s); median and min in ms, ratios of medians"
        % (cfg["B"], cfg["H"], cfg["D"], cfg["rounds"], sp.get("date", "?")))
    head = "%-40s %6s | %8s %8s | %5s | %6s %7s  %s" % (
        "row", "N", "median", "min", "kept", "ratio", "target", "ratio of")
    say(head)
    say("-" * len(head))
    targets = cfg.get("targets", {})
    rows = {e["row"]: e for e in sp["rows"]}
    sdpa_ok = rows.get("sdpa_causal", {}).get("status") == "ok"
    for e in sp["rows"]:
        key = e["row"]
        name = e.get("what") or key
        if e.get("status") != "ok":
            times = ("%8.1f %8.1f | " % (1e3 * e["median_s"], 1e3 * e["min_s"])
                     if "median_s" in e else "")
            say("%-40s %6d | %s%s: %s" % (name, e["N"], times, e.get("status").upper()
                                          if e.get("status") == "wrong output"
                                          else e.get("status"), e.get("reason")))
            continue
        value, target, of = None, None, ""
        if key == "window256_long":
            value, target = e.get("growth_vs_4x_n4096"), targets.get("window_growth")
            of = "time(N=%d) / (4 x time(N=%d))" % (e["N"], cfg["N"])
        elif key == "sdpa_causal":
            value = rows["causal"].get("ratio_to_sdpa_causal")
            of = "attn causal / SDPA causal"
        elif key == "sdpa_dense":
            value = rows["dense"].get("ratio_to_sdpa_dense")
            of = "attn dense / SDPA dense"
        elif "ratio_to_dense" in e:
            value = e["ratio_to_dense"]
            target = targets.get(key + "_ratio_to_dense")
            of = "attn dense" if key != "dense" else ""
        say("%-40s %6d | %8.1f %8.1f | %5.3f | %6s %7s  %s" % (
            name, e["N"], 1e3 * e["median_s"], 1e3 * e["min_s"],
            e.get("kept_fraction", float("nan")),
            "-" if value is None else "%.2f" % value,
            "-" if target is None else "<=%.2f" % target, of))
    if not sdpa_ok:
        say("  (PyTorch SDPA rows: %s)" % rows.get("sdpa_causal", {}).get("reason"))
    say("kept: fraction of the (query, key) pairs kept; others: %s cores during "
        "the rounds" % sp.get("others_cores"))


def plot(res, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    ds = res["config"]["prefill_d"]
    fig, axes = plt.subplots(1, len(ds), figsize=(6.5 * len(ds), 5.4), squeeze=False)
    peak = res["fma_peak"]
    styles = {"attn": dict(color="C3", marker="o", linewidth=2.5),
              "attn_c": dict(color="C3", marker="x", linestyle="--"),
              "gemms": dict(color="C0", marker="s", linestyle="--"),
              "numpy": dict(color="C2", marker="^"),
              "torch_eager": dict(color="C4", marker="v"),
              "torch_sdpa": dict(color="C1", marker="D")}
    for ax, d in zip(axes[0], ds):
        for system, label in SYSTEMS:
            points = [(e["N"], e["gflops"]) for e in res["prefill"]
                      if e["system"] == system and e["D"] == d and e["status"] == "ok"]
            if system.startswith("torch") and not res["torch"]["available"]:
                label += " (not available)"
            if points:
                points.sort()
                ax.plot(*zip(*points), label=label, **styles[system])
            else:
                ax.plot([], [], label=label + " (no data)", **styles[system])
        ax.axhline(peak["peak_gflops"], color="k", linestyle=":",
                   label="FMA peak, %d cores (%s)" % (peak["threads"], peak["isa"]))
        ax.set_xscale("log", base=2)
        ns = res["config"]["prefill_n"]
        ax.set_xlim(min(ns) / 1.25, max(ns) * 1.25)
        ax.set_xticks(res["config"]["prefill_n"])
        ax.set_xticklabels([str(n) for n in res["config"]["prefill_n"]])
        ax.set_ylim(0, peak["peak_gflops"] * 1.1)
        ax.set_xlabel("N = M (sequence length)")
        ax.set_ylabel("GFLOP/s (4·B·H·N·M·D / time)")
        ax.set_title("f32 attention, B=1, H=8, D=%d" % d)
        ax.grid(True, alpha=0.3)
    handles, labels = axes[0][0].get_legend_handles_labels()
    columns = 3 if len(ds) > 1 else 2
    fig.legend(handles, labels, loc="lower center", ncol=columns, fontsize=9,
               frameon=False)
    m = res["machine"]
    fig.suptitle("%s, %d cores (shared machine: compare ratios)" % (m["cpu"], m["cores"]),
                 fontsize=10)
    fig.tight_layout(rect=(0, 0.12 if columns == 3 else 0.17, 1, 1))
    fig.savefig(path, dpi=110)
    plt.close(fig)


def wait_idle(limit):
    """Waits until other processes use less than 0.3 cores over 5 s, or
    `limit` seconds passed; returns the seconds waited."""
    start = time.perf_counter()
    while True:
        meter = OtherLoad()
        time.sleep(5)
        load = meter.cores()
        waited = time.perf_counter() - start
        if load is None or load < 0.3 or waited >= limit:
            print("bench: other processes use %s cores (waited %.0f s)"
                  % (load, waited), flush=True)
            return round(waited, 1)


def sparse_section(bench, args, waited):
    section = {"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
               "attn_git": git_state(), "waited_for_idle_s": waited,
               "loadavg_start": list(os.getloadavg())}
    try:
        section.update(bench.sparse(args.quick))
    except (MemoryError, RuntimeError, OSError) as e:  # keep the other results
        section["failed"] = str(e)[-500:]
        print("bench: the sparse rows failed: %s" % section["failed"], flush=True)
    section["loadavg_end"] = list(os.getloadavg())
    return section


def sparse_only(args, waited):
    """--sparse: times the sparse rows only and merges them into the results
    file (the other sections, and the plot, stay as they are)."""
    os.makedirs(args.work, exist_ok=True)
    args.attn_compile = freeze_compiler(os.path.abspath(args.attn_compile), args.work)
    bench = Bench(args)
    bench.compile_sparse()
    section = sparse_section(bench, args, waited)
    if bench.torch is not None:
        section["torch"] = bench.torch.__version__
    res = {}
    if os.path.exists(args.json):
        with open(args.json) as f:
            res = json.load(f)
    res["sparse"] = section
    with open(args.json, "w") as f:
        json.dump(res, f, indent=1)
        f.write("\n")
    lines = [""]
    sparse_report(section, lines.append)
    print("\n".join(lines), flush=True)
    print("bench: wrote the \"sparse\" section of %s" % os.path.relpath(args.json))
    return 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="a few small sizes (smoke run)")
    parser.add_argument("--work", default=os.path.join(HERE, ".work"))
    parser.add_argument("--attn-compile", default=os.path.join(ROOT, "build", "bin",
                                                               "attn-compile"))
    parser.add_argument("--fma-peak", default=os.path.join(HERE, ".work", "fma_peak"))
    parser.add_argument("--stream-copy", default=os.path.join(HERE, ".work",
                                                              "stream_copy"))
    parser.add_argument("--time-call", default=os.path.join(HERE, ".work", "time_call"),
                        help="bench/time_call.c built: times attn from a C program")
    parser.add_argument("--torch-note", help="file with the reason PyTorch is missing")
    parser.add_argument("--json", default=os.path.join(HERE, "results.json"))
    parser.add_argument("--png", default=os.path.join(HERE, "results.png"))
    parser.add_argument("--budget", type=float, default=None,
                        help="seconds of repeats per measurement")
    parser.add_argument("--long-call", type=float, default=4.0,
                        help="a call longer than this is timed once")
    parser.add_argument("--wait-idle", type=float, default=0, metavar="SECONDS",
                        help="first wait up to SECONDS for other processes to "
                             "use less than 0.3 cores (shared machines)")
    parser.add_argument("--sparse", action="store_true",
                        help="only the sparse rows (causal, sliding window, "
                             "run-time mask, SDPA causal beside dense at "
                             "N = 4096); merged into the results file's "
                             "\"sparse\" section, the other sections kept")
    parser.add_argument("--no-sparse", action="store_true",
                        help="do not time the sparse rows (the results "
                             "file keeps its last \"sparse\" section)")
    parser.add_argument("--sparse-budget", type=float, default=20.0,
                        help="seconds of interleaved rounds for the sparse rows")
    parser.add_argument("--rss-child", nargs=4, help=argparse.SUPPRESS)
    parser.add_argument("--replot", action="store_true",
                        help="only print the table and draw the plot again "
                             "from the results file (--json; rewritten with the "
                             "derived fields)")
    args = parser.parse_args()

    if args.replot:
        with open(args.json) as f:
            res = json.load(f)
        derive(res)
        with open(args.json, "w") as f:
            json.dump(res, f, indent=1)
            f.write("\n")
        plot(res, args.png)
        print_report(res)
        return 0
    if args.rss_child:
        lib, h, n, d = args.rss_child
        return rss_child(lib, int(h), int(n), int(d))

    waited = wait_idle(args.wait_idle) if args.wait_idle > 0 else None
    if args.sparse:
        return sparse_only(args, waited)
    start = time.perf_counter()
    run_load = OtherLoad()
    if args.quick:
        prefill_d, prefill_n, decode_m = [64], [512, 1024], [8192]
        rss_shape = (4096, 1, 64)
        args.compile_repeats = 1
        args.budget = args.budget or 0.3
    else:
        prefill_d, prefill_n = [64, 128], [512, 1024, 2048, 4096, 16384]
        decode_m = [8192, 65536]
        rss_shape = (65536, 1, 64)
        args.compile_repeats = 3
        args.budget = args.budget or 1.5
    os.makedirs(args.work, exist_ok=True)
    args.attn_compile = freeze_compiler(os.path.abspath(args.attn_compile), args.work)

    mem = meminfo()
    res = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "quick": args.quick,
        "config": {"prefill_d": prefill_d, "prefill_n": prefill_n, "prefill_h": 8,
                   "decode_m": decode_m, "decode_h": 32, "decode_d": 128,
                   "budget_s": args.budget, "long_call_s": args.long_call,
                   "waited_for_idle_s": waited,
                   "timing": "warm-up call, then the median of repeats filling "
                             "budget_s (at least 3); calls longer than long_call_s "
                             "are timed once",
                   "flops": "4·B·H·N·M·D (Q·Kᵀ and P·V, dense)"},
        "machine": {
            **cpu_description(), "cores": os.cpu_count(),
            "mem_total_bytes": mem.get("MemTotal"),
            "mem_available_start_bytes": mem.get("MemAvailable"),
            "loadavg_start": list(os.getloadavg()),
            "python": platform.python_version(), "numpy": np.__version__,
            "numpy_blas": blas_info(),
            "env_dropped_for_numpy_torch": _DROPPED_ENV,
            "HL_NUM_THREADS": os.environ.get("HL_NUM_THREADS"),
            "attn_git": git_state(),
        },
    }

    print("bench: FMA peak and STREAM copy", flush=True)
    peaks = [run_json([args.fma_peak])]
    streams = [run_json([args.stream_copy, "256" if args.quick else "512"])]
    print("  FMA peak %.1f GFLOP/s (%s, %d threads), STREAM copy %.1f GB/s"
          % (peaks[0]["gflops"], peaks[0]["isa"], peaks[0]["threads"],
             streams[0]["gbs"]), flush=True)

    bench = Bench(args)
    if bench.torch is not None:
        torch = bench.torch
        res["torch"] = {"available": True, "version": torch.__version__,
                        "threads": torch.get_num_threads(),
                        "cpu_capability": torch.backends.cpu.get_cpu_capability()}
    else:
        res["torch"] = {"available": False, "reason": bench.torch_reason}
        print("bench: PyTorch: not available (%s)" % bench.torch_reason, flush=True)

    print("bench: compiling the attention modules (attn-compile)", flush=True)
    for d in prefill_d:
        for n in prefill_n:
            bench.compiler.compile(1, 8, n, n, d)
    for mm in decode_m:
        bench.compiler.compile(1, 32, 1, mm, 128)
    bench.compiler.compile(1, rss_shape[1], rss_shape[0], rss_shape[0], rss_shape[2])
    print("  %d compiled, %d reused" % (len(bench.compiler.times),
                                         len(prefill_d) * len(prefill_n)
                                         + len(decode_m) + 1 - len(bench.compiler.times)),
          flush=True)

    # The FMA peak and the STREAM copy are machine properties that other
    # processes can only push down: they are measured again before every
    # shape (briefly) and the best figure is kept.
    all_systems = [s for s, _ in SYSTEMS]
    for d in prefill_d:
        for n in prefill_n:
            peaks.append(run_json([args.fma_peak, "0.1"]))
            bench.run_case("prefill", 8, n, n, d, all_systems)
    for mm in decode_m:
        streams.append(run_json([args.stream_copy, "256" if args.quick else "512"]))
        bench.run_case("decode", 32, 1, mm, 128,
                       ["attn", "numpy", "torch_eager", "torch_sdpa"])

    if not args.no_sparse:
        bench.compile_sparse()
        res["sparse"] = sparse_section(bench, args, waited)
    elif os.path.exists(args.json):
        # Keep the last sparse rows (they carry their own date), as
        # --sparse keeps the other sections.
        with open(args.json) as f:
            previous = json.load(f).get("sparse")
        if previous is not None:
            res["sparse"] = previous

    print("bench: compile time", flush=True)
    res["compile_time"] = bench.compile_time()
    res["compile_time"]["per_library_this_run_s"] = bench.compiler.times
    print("bench: peak RSS at N=M=%d, H=%d, D=%d (child process)" % rss_shape, flush=True)
    res["peak_rss"] = bench.peak_rss(*rss_shape)

    # Again at the end: the machine is shared, keep the best.
    peaks.append(run_json([args.fma_peak]))
    streams.append(run_json([args.stream_copy, "256" if args.quick else "512"]))
    res["fma_peak"] = dict(max(peaks, key=lambda p: p["gflops"]),
                           runs_gflops=[p["gflops"] for p in peaks],
                           runs_gflops_1thread=[p["gflops_1thread"] for p in peaks])
    res["stream_copy"] = dict(max(streams, key=lambda p: p["gbs"]),
                              runs_gbs=[p["gbs"] for p in streams])
    res["machine"]["halide_target"] = getattr(bench, "target", None)
    res["attn_schedule"] = getattr(bench, "schedule", None)
    res["machine"]["loadavg_end"] = list(os.getloadavg())
    res["prefill"] = bench.results["prefill"]
    res["decode"] = bench.results["decode"]
    res["wall_s"] = time.perf_counter() - start
    res["others_cores"] = run_load.cores()

    derive(res)
    with open(args.json, "w") as f:
        json.dump(res, f, indent=1)
        f.write("\n")
    plot(res, args.png)
    print_report(res)
    print("bench: wrote %s and %s" % (os.path.relpath(args.json),
                                      os.path.relpath(args.png)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
