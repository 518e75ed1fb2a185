# RUN: %python %s
#
# attn.graph_attention (GAT) against the float64 reference
# attn.reference.graph_attention, on seeded random graphs with Nn in
# {1, 2, 7, 50, 301}, odd feature sizes (F, Fo in {5, 13, 33, 101}) and H in
# {1, 3, 4}, heads(concat) and heads(mean). Every graph is compiled twice,
# as a dense i1 adjacency and as CSR (row_ptr, col_idx), and both versions
# must match the reference (the CSR one with duplicate entries counted
# twice, the dense one with the deduplicated boolean adjacency). The graphs
# have isolated nodes (whose rows must be exactly 0), nodes with a single
# neighbour, self loops, duplicate CSR entries and unsorted neighbour lists;
# two cases have large scores (|e_ij| >= 90, where a softmax without the max
# subtraction overflows f32): one real-valued, one integer-valued with
# negative_slope 0.25 so that every score is exact in f32. One function
# chains two layers (concat into mean) on one CSR graph.
#
# Tolerance (f32): max|out - ref| / max(max|ref|, 1e-6) <= 1e-4 over the
# whole result (attn.testing.compare), no NaN.
#
# Then the run-time checks of CSR data: row_ptr[0] != 0, row_ptr[Nn] != nnz,
# a decreasing row_ptr, col_idx entries >= Nn, negative or huge, each raise
# attn.AttnError with code ATTN_ERROR_RUNTIME and a message naming the
# problem, leave the output untouched, and a valid call afterwards works.

import time

import numpy as np

import attn
from attn import reference as ref
from attn.testing import Func, Report, compare, module_text

SEED = 20240917
TOL = 1e-4


def graph(rng, n, mean_degree, isolated=(), single=(), self_loops="some",
          duplicates=()):
    """Neighbour lists: Poisson degrees, then the special nodes. Returns
    (row_ptr, col_idx) as int32 and the lists."""
    lists = []
    for i in range(n):
        d = min(int(rng.poisson(mean_degree)), n)
        lists.append([int(x) for x in rng.choice(n, size=d, replace=False)])
    for i in single:
        lists[i] = [int(rng.integers(n))]
    for i in range(n):
        if self_loops == "all" or (self_loops == "some" and rng.random() < 0.5):
            if i not in lists[i]:
                lists[i].append(i)
    for i in duplicates:
        if not lists[i]:
            lists[i] = [int(rng.integers(n))]
        lists[i].append(lists[i][int(rng.integers(len(lists[i])))])
    for i in isolated:
        lists[i] = []
    for nb in lists:
        rng.shuffle(nb)
    row_ptr = np.zeros(n + 1, dtype=np.int32)
    row_ptr[1:] = np.cumsum([len(nb) for nb in lists])
    col_idx = np.array([j for nb in lists for j in nb], dtype=np.int32)
    assert len(col_idx) > 0, "CSR needs at least one entry"
    return row_ptr, col_idx, lists


class Case:
    def __init__(self, name, n, f, fo, heads, mode, degree, slope=None,
                 isolated=(), single=(), self_loops="some", duplicates=(),
                 scale=1.0, integer=False, min_score=None):
        self.name, self.n, self.f, self.fo = name, n, f, fo
        self.heads, self.mode, self.degree, self.slope = heads, mode, degree, slope
        self.isolated, self.single = isolated, single
        self.self_loops, self.duplicates = self_loops, duplicates
        self.scale, self.integer, self.min_score = scale, integer, min_score

    def describe(self):
        s = "Nn=%d F=%d Fo=%d H=%d %s" % (self.n, self.f, self.fo, self.heads,
                                          self.mode)
        if self.slope is not None:
            s += " slope=%g" % self.slope
        if self.integer:
            s += " integer inputs"
        elif self.scale != 1.0:
            s += " inputs x%g" % self.scale
        return s


CASES = [
    Case("n1_self_loop", 1, 5, 13, 1, "concat", 0, self_loops="all"),
    Case("n1_mean", 1, 13, 5, 3, "mean", 0, self_loops="all"),
    Case("n2_one_isolated", 2, 13, 5, 3, "concat", 0, single=(0,),
         isolated=(1,), self_loops="none"),
    Case("n2_duplicate", 2, 5, 33, 4, "mean", 1, duplicates=(0, 1)),
    Case("n7_concat", 7, 5, 13, 3, "concat", 2, isolated=(3,), single=(5,),
         duplicates=(1,)),
    Case("n7_mean", 7, 33, 5, 4, "mean", 3, isolated=(0, 6), single=(2,),
         duplicates=(4,), slope=0.01),
    Case("n50_concat", 50, 33, 13, 4, "concat", 5, isolated=(0, 17, 49),
         single=(3, 4, 30), duplicates=(8, 9, 40)),
    Case("n50_mean", 50, 13, 33, 3, "mean", 4, isolated=(25,), single=(1,),
         duplicates=(2,), self_loops="all"),
    Case("n50_no_self_loops", 50, 5, 5, 1, "concat", 6, isolated=(7,),
         self_loops="none", slope=1.0),
    # Fo + 1 = 102 features: accumulated in chunks of vectors.
    Case("n50_wide_fo", 50, 5, 101, 3, "concat", 4, isolated=(9,),
         single=(11,), duplicates=(10,)),
    Case("n301_concat", 301, 33, 33, 4, "concat", 8,
         isolated=(0, 150, 300), single=(1, 2, 299), duplicates=(5, 6, 200)),
    Case("n301_mean", 301, 5, 13, 1, "mean", 3, isolated=(10, 11),
         single=(12,), duplicates=(13,)),
    Case("n50_large_scores", 50, 13, 13, 3, "concat", 6, isolated=(1,),
         duplicates=(2,), scale=4.5, min_score=90.0),
    Case("n301_integer_scores", 301, 13, 5, 4, "mean", 6, isolated=(3,),
         duplicates=(4,), integer=True, slope=0.25, min_score=300.0),
]


def inputs_for(case, rng):
    n, f, fo, h = case.n, case.f, case.fo, case.heads
    if case.integer:
        x = rng.integers(-5, 6, (n, f)).astype(np.float32)
        w = rng.integers(-3, 4, (h, f, fo)).astype(np.float32)
        a_src = rng.integers(-2, 3, (h, fo)).astype(np.float32)
        a_dst = rng.integers(-2, 3, (h, fo)).astype(np.float32)
        return x, w, a_src, a_dst
    s = case.scale
    x = (rng.standard_normal((n, f)) * s).astype(np.float32)
    w = (rng.standard_normal((h, f, fo)) * s / np.sqrt(f)).astype(np.float32)
    a_src = (rng.standard_normal((h, fo)) * s / np.sqrt(fo)).astype(np.float32)
    a_dst = (rng.standard_normal((h, fo)) * s / np.sqrt(fo)).astype(np.float32)
    return x, w, a_src, a_dst


def max_score(x, w, a_src, a_dst, counts, slope):
    """The largest |e_ij| over the edges, in float64."""
    best = 0.0
    for k in range(w.shape[0]):
        g = x.astype(np.float64) @ w[k]
        e = (g @ a_src[k])[:, None] + (g @ a_dst[k])[None, :]
        e = np.where(e > 0, e, slope * e)
        if np.any(counts > 0):
            best = max(best, float(np.max(np.abs(e[counts > 0]))))
    return best


def gat_func(name, case, form, nnz):
    f = Func(name)
    x = f.arg([case.n, case.f], name="h")
    w = f.arg([case.heads, case.f, case.fo], name="w")
    a_src = f.arg([case.heads, case.fo], name="a_src")
    a_dst = f.arg([case.heads, case.fo], name="a_dst")
    if form == "dense":
        adj = f.arg([case.n, case.n], "i1", name="adj")
        out = f.graph_attention(x, w, a_src, a_dst, adjacency=adj,
                                negative_slope=case.slope, heads=case.mode)
    else:
        row_ptr = f.arg([case.n + 1], "i32", name="row_ptr")
        col_idx = f.arg([nnz], "i32", name="col_idx")
        out = f.graph_attention(x, w, a_src, a_dst, csr=(row_ptr, col_idx),
                                negative_slope=case.slope, heads=case.mode)
    return f.ret(out)


report = Report("attn.graph_attention vs float64 reference (f32 tol %g)"
                % TOL)
rng = np.random.default_rng(SEED)
funcs, runs = [], []
for case in CASES:
    row_ptr, col_idx, lists = graph(rng, case.n, case.degree, case.isolated,
                                    case.single, case.self_loops,
                                    case.duplicates)
    counts = ref.csr_to_dense(row_ptr, col_idx, case.n)
    data = inputs_for(case, rng)
    dense = gat_func(case.name + "_dense", case, "dense", len(col_idx))
    csr = gat_func(case.name + "_csr", case, "csr", len(col_idx))
    funcs += [dense, csr]
    runs.append((case, dense, list(data) + [counts > 0], counts))
    runs.append((case, csr, list(data) + [row_ptr, col_idx], counts))

# Two layers on one CSR graph: concat (4 heads of 5) feeds mean (3 heads of 7).
two_rp, two_ci, _ = graph(rng, 50, 4, isolated=(6,), duplicates=(7,))
two = Func("two_layers")
x0 = two.arg([50, 13], name="h")
w1, s1, d1 = (two.arg([4, 13, 5], name="w1"), two.arg([4, 5], name="a_src1"),
              two.arg([4, 5], name="a_dst1"))
w2, s2, d2 = (two.arg([3, 20, 7], name="w2"), two.arg([3, 7], name="a_src2"),
              two.arg([3, 7], name="a_dst2"))
trp = two.arg([51], "i32", name="row_ptr")
tci = two.arg([len(two_ci)], "i32", name="col_idx")
hidden = two.graph_attention(x0, w1, s1, d1, csr=(trp, tci))
two.ret(two.graph_attention(hidden, w2, s2, d2, csr=(trp, tci), heads="mean",
                            negative_slope=0.1))
funcs.append(two)
two_inputs = [rng.standard_normal(a.shape).astype(np.float32)
              for a in two.args[:7]] + [two_rp, two_ci]
runs.append((Case("two_layers", 50, 13, 7, 3, "mean", 4), two, two_inputs,
             ref.csr_to_dense(two_rp, two_ci, 50)))

# The CSR error paths: 7 nodes, 12 entries.
ERR_N, ERR_NNZ = 7, 12
checked = Func("gat_csr_checked")
hx = checked.arg([ERR_N, 5], name="h")
wx = checked.arg([2, 5, 13], name="w")
asx = checked.arg([2, 13], name="a_src")
adx = checked.arg([2, 13], name="a_dst")
rpx = checked.arg([ERR_N + 1], "i32", name="row_ptr")
cix = checked.arg([ERR_NNZ], "i32", name="col_idx")
checked.ret(checked.graph_attention(hx, wx, asx, adx, csr=(rpx, cix)))
funcs.append(checked)

text = module_text(funcs, header="graph_attention.py")
t0 = time.time()
try:
    lib = attn.compile(text, name="graph_attention")
except attn.CompileError as e:
    print(str(e))
    print("---- module text ----\n" + text)
    report.fail("compile", "the module did not compile")
    report.finish()
print("compiled %d functions in %.1fs" % (len(funcs), time.time() - t0))

for case, f, xs, counts in runs:
    expected = f.evaluate(xs)[0]
    try:
        out = getattr(lib, f.name)(*xs)
    except (attn.AttnError, ValueError) as e:
        report.fail(f.name, "call failed: %s [%s]" % (e, case.describe()))
        continue
    report.compare(f.name, out, expected, rtol=TOL, detail=case.describe())
    isolated = ~np.any(counts > 0, axis=1)
    if np.any(isolated):
        report.expect(np.all(out[isolated] == 0.0), f.name + " isolated rows",
                      "%d isolated node(s) give exact zeros"
                      % int(isolated.sum()))
    if f.name.endswith("_csr") and case.duplicates and \
            case.min_score is None:
        # Duplicates must count twice: the deduplicated graph differs (not
        # checked with large scores, whose near one-hot softmax may ignore
        # a duplicated neighbour that is not the row's maximum).
        dedup = ref.graph_attention(*xs[:4], counts > 0,
                                    0.2 if case.slope is None else case.slope,
                                    case.mode)
        gap = float(np.max(np.abs(dedup - expected)))
        report.expect(gap > 1e-3 * max(float(np.max(np.abs(expected))), 1e-6),
                      f.name + " duplicates count",
                      "deduplicated reference differs by %.3g" % gap)
    if case.min_score is not None and f.name.endswith("_csr"):
        slope = 0.2 if case.slope is None else case.slope
        top = max_score(*xs[:4], counts, slope)
        report.expect(top >= case.min_score, f.name + " large scores",
                      "max |e_ij| = %.4g (want >= %g)" % (top, case.min_score))

# -- malformed CSR data ----------------------------------------------------
erng = np.random.default_rng(SEED + 1)
good_rp = np.array([0, 2, 2, 5, 6, 9, 11, 12], dtype=np.int32)
good_ci = erng.integers(0, ERR_N, ERR_NNZ).astype(np.int32)
hv = erng.standard_normal((ERR_N, 5)).astype(np.float32)
wv = (erng.standard_normal((2, 5, 13)) / np.sqrt(5)).astype(np.float32)
asv = erng.standard_normal((2, 13)).astype(np.float32)
adv = erng.standard_normal((2, 13)).astype(np.float32)
fn = lib.gat_csr_checked


def bad(rp=None, ci=None):
    rp = good_rp.copy() if rp is None else np.asarray(rp, dtype=np.int32)
    ci = good_ci.copy() if ci is None else ci
    return rp, ci


def with_col(index, value):
    ci = good_ci.copy()
    ci[index] = value
    return ci


BIG = np.iinfo(np.int32).max
SMALL = np.iinfo(np.int32).min
ERROR_CASES = [
    ("row_ptr[0] != 0", bad(rp=[1, 2, 2, 5, 6, 9, 11, 12]),
     "CSR row_ptr[0] is 1 but must be 0"),
    ("row_ptr[Nn] < nnz", bad(rp=[0, 2, 2, 5, 6, 9, 11, 11]),
     "CSR row_ptr[7] is 11 but must be nnz = 12"),
    ("row_ptr[Nn] > nnz", bad(rp=[0, 2, 2, 5, 6, 9, 11, 13]),
     "CSR row_ptr[7] is 13 but must be nnz = 12"),
    ("row_ptr decreasing", bad(rp=[0, 2, 2, 5, 3, 9, 11, 12]),
     "CSR row_ptr decreases at node 3 from 5 to 3"),
    ("row_ptr huge", bad(rp=[0, 2, BIG, BIG, 6, 9, 11, 12]),
     "CSR row_ptr decreases at node 3 from %d to 6" % BIG),
    ("row_ptr negative", bad(rp=[0, -4, 2, 5, 6, 9, 11, 12]),
     "CSR row_ptr decreases at node 0 from 0 to -4"),
    ("col_idx == Nn", bad(ci=with_col(4, ERR_N)),
     "CSR col_idx entry 4 is 7 which is not a node in [0, 7)"),
    ("col_idx negative", bad(ci=with_col(11, -1)),
     "CSR col_idx entry 11 is -1 which is not a node in [0, 7)"),
    ("col_idx huge", bad(ci=with_col(0, BIG)),
     "CSR col_idx entry 0 is %d which is not a node in [0, 7)" % BIG),
    ("col_idx most negative", bad(ci=with_col(7, SMALL)),
     "CSR col_idx entry 7 is %d which is not a node in [0, 7)" % SMALL),
]
for label, (rp, ci), needle in ERROR_CASES:
    sentinel = np.full((ERR_N, 2 * 13), 12345.0, dtype=np.float32)
    try:
        fn(hv, wv, asv, adv, rp, ci, out=sentinel)
    except attn.AttnError as e:
        ok = (e.code == attn.ATTN_ERROR_RUNTIME and needle in e.message and
              e.message.startswith("gat_csr_checked:"))
        report.expect(ok, "error: " + label, "code %d, message %r"
                      % (e.code, e.message))
        report.expect(np.all(sentinel == 12345.0), "error: %s: output "
                      "untouched" % label)
    else:
        report.fail("error: " + label, "the call succeeded")

# A valid call after the failures.
out = fn(hv, wv, asv, adv, good_rp, good_ci)
expected = ref.graph_attention(hv, wv, asv, adv,
                               ref.csr_to_dense(good_rp, good_ci, ERR_N))
report.compare("valid call after errors", out, expected, rtol=TOL)

report.finish()
