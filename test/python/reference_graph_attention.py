# RUN: %python %s
# Checks attn.reference.graph_attention and csr_to_dense (the float64
# reference that test/Execution/graph_attention.py trusts) against a scalar
# loop over CSR neighbour lists, where a duplicate entry is visited twice and
# a node without entries gets zeros. Needs no compiler. Tolerance: 1e-12
# relative (both sides are float64).

import math

import numpy as np

from attn import reference as ref
from attn.testing import Report

TOL = 1e-12
rng = np.random.default_rng(4321)
report = Report("graph_attention reference vs loops")


def loop_gat(h, w, a_src, a_dst, row_ptr, col_idx, slope, heads):
    n, f = h.shape
    hh, _, fo = w.shape
    outs = []
    for k in range(hh):
        g = [[sum(float(h[i, c]) * float(w[k, c, o]) for c in range(f))
              for o in range(fo)] for i in range(n)]
        s = [sum(float(a_src[k, o]) * g[i][o] for o in range(fo))
             for i in range(n)]
        d = [sum(float(a_dst[k, o]) * g[j][o] for o in range(fo))
             for j in range(n)]
        out = np.zeros((n, fo))
        for i in range(n):
            nbrs = [int(col_idx[e]) for e in range(row_ptr[i], row_ptr[i + 1])]
            if not nbrs:
                continue
            es = []
            for j in nbrs:
                x = s[i] + d[j]
                es.append(x if x > 0 else slope * x)
            m = max(es)
            ps = [math.exp(e - m) for e in es]
            total = sum(ps)
            for p, j in zip(ps, nbrs):
                for o in range(fo):
                    out[i, o] += p / total * g[j][o]
        outs.append(out)
    if heads == "concat":
        return np.concatenate(outs, axis=1)
    return sum(outs) / hh


def check(name, got, want, tol=TOL):
    err = float(np.max(np.abs(got - want))) / max(float(np.max(np.abs(want))),
                                                  1e-300)
    report.expect(err <= tol, name, "relative error %.3g" % err)


# 6 nodes: node 2 isolated, node 0 with a self loop and a duplicate, node 4
# with a single neighbour; unsorted lists.
lists = [[0, 3, 3, 5], [2, 0], [], [1, 5, 4], [4], [0, 1, 2, 3, 4, 5]]
row_ptr = np.cumsum([0] + [len(x) for x in lists])
col_idx = np.array([j for x in lists for j in x])
n, f, hh, fo = 6, 4, 3, 5
h = rng.standard_normal((n, f)) * 2
w = rng.standard_normal((hh, f, fo))
a_src = rng.standard_normal((hh, fo))
a_dst = rng.standard_normal((hh, fo))
counts = ref.csr_to_dense(row_ptr, col_idx, n)
report.expect(counts[0, 3] == 2 and counts[0, 0] == 1 and counts.sum() ==
              len(col_idx) and not counts[2].any(), "csr_to_dense counts",
              "row 0: %s" % counts[0])
for heads in ("concat", "mean"):
    for slope in (0.2, 0.0, 1.5):
        got = ref.graph_attention(h, w, a_src, a_dst, counts, slope, heads)
        want = loop_gat(h, w, a_src, a_dst, row_ptr, col_idx,
                        float(np.float32(slope)), heads)
        check("graph_attention %s slope %g" % (heads, slope), got, want)

# A boolean adjacency equals counts of 0/1; the isolated row is zero.
adj = counts > 0
dedup = [sorted(set(x)) for x in lists]
rp = np.cumsum([0] + [len(x) for x in dedup])
ci = np.array([j for x in dedup for j in x])
got = ref.graph_attention(h, w, a_src, a_dst, adj)
check("bool adjacency == deduplicated CSR", got,
      loop_gat(h, w, a_src, a_dst, rp, ci, float(np.float32(0.2)), "concat"))
report.expect(np.all(got[2] == 0.0), "isolated node gives zeros")

# Large scores stay finite (the max is subtracted).
big = ref.graph_attention(h * 300, w, a_src, a_dst, counts)
report.expect(np.all(np.isfinite(big)), "large scores are finite",
              "max |out| %.3g" % float(np.max(np.abs(big))))

# Malformed CSR is refused.
for label, rp_bad, ci_bad in [
        ("row_ptr[0] != 0", [1, 2, 3], [0, 1]),
        ("row_ptr[-1] != nnz", [0, 1, 1], [0, 1]),
        ("decreasing", [0, 2, 1, 2], [0, 1]),
        ("column out of range", [0, 1, 2], [0, 2])]:
    nodes = len(rp_bad) - 1
    try:
        ref.csr_to_dense(rp_bad, ci_bad, nodes)
    except ValueError:
        report.expect(True, "csr_to_dense refuses " + label)
    else:
        report.fail("csr_to_dense refuses " + label, "accepted")

report.finish()
