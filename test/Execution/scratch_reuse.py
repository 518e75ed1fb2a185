# RUN: %python %s
#
# The scratch memory a generated library keeps between calls
# (lib/Runtime/attn_scratch.c):
# - a second call reuses the first call's packed key / value panels: it
#   faults in (almost) no new pages, where the first faulted all of them;
# - attn_release_scratch() gives them back: the next call faults them in
#   again;
# - results are bit-identical across calls, before and after a release, for
#   two functions of different sizes sharing the kept blocks, and for
#   several threads calling at once; all match float64 (relative error
#   <= 1e-4).
#
# The C library is told to map every block of 128 KiB or more by itself
# (mallopt M_MMAP_THRESHOLD), so without the kept blocks each call's panels
# would be fresh pages again and the fault counts below would fail.

import ctypes
import resource
import threading

import numpy as np

import attn
from attn import reference
from attn.testing import Report

M_MMAP_THRESHOLD = -3
ctypes.CDLL(None).mallopt(M_MMAP_THRESHOLD, 128 << 10)

PAGE = resource.getpagesize()
H, D = 4, 64
SIZES = {"big": 1024, "small": 700}  # panels of 1 MiB and 700 KiB per tensor


def attention_function(name, n):
    shape = f"1x{H}x{n}x{D}xf32"
    return f"""
func.func @{name}(%q: tensor<{shape}> {{attn.name = "q"}},
                %k: tensor<{shape}> {{attn.name = "k"}},
                %v: tensor<{shape}> {{attn.name = "v"}}) -> tensor<{shape}> {{
  %o = attn.attention %q, %k, %v
      : tensor<{shape}>, tensor<{shape}>, tensor<{shape}> -> tensor<{shape}>
  return %o : tensor<{shape}>
}}
"""


lib = attn.compile("".join(attention_function(name, n)
                           for name, n in SIZES.items()))
report = Report("scratch memory kept between calls")
schedule = lib.manifest["functions"][0]["schedule"]["attention"][0]
report.expect(schedule["key_packing"] == "once", "panels packed once per call",
              str(schedule))

rng = np.random.default_rng(7)
inputs = {name: [rng.standard_normal((1, H, n, D)).astype(np.float32)
                 for _ in range(3)] for name, n in SIZES.items()}
outputs = {name: np.zeros((1, H, n, D), np.float32)
           for name, n in SIZES.items()}


def call(name):
    getattr(lib, name).call_raw(*inputs[name], outputs[name], check=True)
    return outputs[name].copy()


def faults_of(name):
    """Page faults of one call (the copy of its result comes after)."""
    before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
    getattr(lib, name).call_raw(*inputs[name], outputs[name], check=True)
    faults = resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before
    return faults, outputs[name].copy()


# Key and value panels of the big function: the pages a call would fault in
# if nothing were kept.
panel_pages = 2 * H * SIZES["big"] * D * 4 // PAGE

first_faults, first = faults_of("big")
second_faults, second = faults_of("big")
report.expect(first_faults >= panel_pages, "first call faults its panels in",
              f"{first_faults} page faults, panels {panel_pages} pages")
report.expect(second_faults < panel_pages // 8, "second call reuses them",
              f"{second_faults} page faults (< {panel_pages // 8})")
report.expect(np.array_equal(first, second), "second call bit-identical")

lib.release_scratch()
released_faults, released = faults_of("big")
report.expect(released_faults >= panel_pages,
              "after attn_release_scratch the panels are new pages",
              f"{released_faults} page faults, panels {panel_pages} pages")
report.expect(np.array_equal(first, released), "after release bit-identical")

# The small function fits in the big one's kept blocks, and back again.
small = call("small")
report.expect(np.array_equal(call("big"), first), "big after small identical")
report.expect(np.array_equal(call("small"), small), "small again identical")
for name in SIZES:
    q, k, v = inputs[name]
    report.compare(f"{name} vs float64", call(name),
                   reference.sdpa(q.astype(np.float64), k.astype(np.float64),
                                  v.astype(np.float64)))

# Threads (ctypes drops the GIL): each takes its own kept blocks.
results, errors = {}, []


def worker(index):
    name = "big" if index % 2 == 0 else "small"
    out = np.zeros_like(outputs[name])
    try:
        for _ in range(3):
            getattr(lib, name).call_raw(*inputs[name], out, check=True)
            results.setdefault(index, []).append(out.copy())
    except Exception as e:  # reported below
        errors.append(repr(e))


threads = [threading.Thread(target=worker, args=(i,)) for i in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
report.expect(not errors, "threads ran", "; ".join(errors) or "ok")
same = all(np.array_equal(r, first if i % 2 == 0 else small)
           for i, rs in results.items() for r in rs)
report.expect(same and len(results) == 4,
              "threads' results bit-identical to single calls")
report.finish()
