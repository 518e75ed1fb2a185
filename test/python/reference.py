# RUN: %python %s
# Checks attn.reference (the float64 numpy references the execution tests
# trust) against straightforward scalar loops on tiny shapes. Needs no
# compiler. Tolerance: 1e-12 relative (both sides are float64).

import math

import numpy as np

from attn import reference as ref
from attn.testing import Report

TOL = 1e-12
rng = np.random.default_rng(1234)
report = Report("reference vs loops")


def loop_sdpa(q, k, v, mask=None, scale=None, causal=None):
    B, Hq, N, D = q.shape
    _, Hkv, M, Dv = v.shape
    group = Hq // Hkv
    if scale is None:
        scale = 1.0 / math.sqrt(D)
    out = np.zeros((B, Hq, N, Dv))
    if mask is not None:
        mask = np.broadcast_to(mask, (B, Hq, N, M))
    for b in range(B):
        for h in range(Hq):
            hk = h // group
            for i in range(N):
                scores = []
                for j in range(M):
                    if causal == "top_left" and j > i:
                        continue
                    if causal == "bottom_right" and j > i + (M - N):
                        continue
                    s = scale * sum(float(q[b, h, i, d]) * float(k[b, hk, j, d])
                                    for d in range(D))
                    if mask is not None:
                        mv = mask[b, h, i, j]
                        if isinstance(mv, (bool, np.bool_)):
                            if not mv:
                                continue
                        else:
                            if mv <= -1e30:
                                continue
                            s += float(mv)
                    scores.append((j, s))
                if not scores:
                    continue  # fully masked row: zeros
                mx = max(s for _, s in scores)
                weights = [(j, math.exp(s - mx)) for j, s in scores]
                total = sum(w for _, w in weights)
                for e in range(Dv):
                    out[b, h, i, e] = sum(w * float(v[b, hk, j, e])
                                          for j, w in weights) / total
    return out


def loop_softmax(x, axis):
    x = np.moveaxis(np.asarray(x, dtype=np.float64), axis, -1)
    out = np.zeros_like(x)
    for idx in np.ndindex(x.shape[:-1]):
        row = x[idx]
        kept = [t for t in range(row.shape[0]) if row[t] > -1e30]
        if not kept:
            continue
        mx = max(row[t] for t in kept)
        total = sum(math.exp(row[t] - mx) for t in kept)
        for t in kept:
            out[idx + (t,)] = math.exp(row[t] - mx) / total
    return np.moveaxis(out, -1, axis)


def loop_matmul(a, b, tl, tr):
    a = np.swapaxes(a, -1, -2) if tl else a
    b = np.swapaxes(b, -1, -2) if tr else b
    batch = np.broadcast_shapes(a.shape[:-2], b.shape[:-2])
    A = np.broadcast_to(a, batch + a.shape[-2:])
    Bm = np.broadcast_to(b, batch + b.shape[-2:])
    M, K = A.shape[-2:]
    N = Bm.shape[-1]
    out = np.zeros(batch + (M, N))
    for idx in np.ndindex(batch):
        for i in range(M):
            for j in range(N):
                out[idx + (i, j)] = sum(float(A[idx + (i, t)]) *
                                        float(Bm[idx + (t, j)])
                                        for t in range(K))
    return out


def f32(*shape, s=1.0):
    return (rng.standard_normal(shape) * s).astype(np.float32)


def check(name, got, want, tol=TOL):
    report.compare(name, got, want, rtol=tol)


# -- sdpa -------------------------------------------------------------------
cases = [
    dict(name="plain", B=1, Hq=2, Hkv=2, N=3, M=4, D=5, Dv=5),
    dict(name="gqa 4:2, Dv!=D", B=2, Hq=4, Hkv=2, N=3, M=5, D=4, Dv=3),
    dict(name="mqa 4:1", B=1, Hq=4, Hkv=1, N=2, M=3, D=3, Dv=2),
    dict(name="N=1", B=1, Hq=2, Hkv=1, N=1, M=6, D=4, Dv=4),
    dict(name="M=1", B=1, Hq=1, Hkv=1, N=3, M=1, D=4, Dv=4),
]
for c in cases:
    q = f32(c["B"], c["Hq"], c["N"], c["D"])
    k = f32(c["B"], c["Hkv"], c["M"], c["D"])
    v = f32(c["B"], c["Hkv"], c["M"], c["Dv"])
    N, M, B, Hq = c["N"], c["M"], c["B"], c["Hq"]
    for causal in (None, "top_left", "bottom_right"):
        check("sdpa %s causal=%s" % (c["name"], causal),
              ref.sdpa(q, k, v, causal=causal),
              loop_sdpa(q, k, v, causal=causal))
    check("sdpa %s scale=0.7" % c["name"], ref.sdpa(q, k, v, scale=0.7),
          loop_sdpa(q, k, v, scale=0.7))
    for shape in [(N, M), (1, 1, N, M), (B, 1, 1, M), (B, Hq, N, M), (M,),
                  (Hq, 1, M), (B, 1, N, 1)]:
        bm = rng.random(shape) < 0.6
        if len(shape) >= 2 and shape[-2] == N and N > 1:
            bm[..., 0, :] = False  # a fully masked row
        check("sdpa %s bool mask %s" % (c["name"], list(shape)),
              ref.sdpa(q, k, v, mask=bm), loop_sdpa(q, k, v, mask=bm))
        am = np.where(bm, rng.standard_normal(shape),
                      rng.choice([-np.inf, -1e30, -3e38], size=shape)
                      ).astype(np.float32)
        check("sdpa %s additive mask %s + bottom_right" % (c["name"],
                                                          list(shape)),
              ref.sdpa(q, k, v, mask=am, causal="bottom_right"),
              loop_sdpa(q, k, v, mask=am, causal="bottom_right"))

# Explicit facts, not just agreement with the loops.
q, k, v = f32(1, 2, 4, 3), f32(1, 2, 4, 3), f32(1, 2, 4, 2)
allmask = np.zeros((4, 4), dtype=bool)
out = ref.sdpa(q, k, v, mask=allmask)
report.expect(np.all(out == 0) and not np.any(np.isnan(out)),
              "fully masked everything gives zeros")
# bottom_right with N > M: the first N - M rows see nothing.
q, k, v = f32(1, 1, 5, 3), f32(1, 1, 2, 3), f32(1, 1, 2, 2)
out = ref.sdpa(q, k, v, causal="bottom_right")
report.expect(np.all(out[0, 0, :3] == 0) and np.all(out[0, 0, 3:] != 0),
              "bottom_right N=5 > M=2 masks rows 0..2 fully")
# top_left, row 0 sees key 0 only: output = v[0].
out = ref.sdpa(q, k, v, causal="top_left")
report.expect(np.allclose(out[0, 0, 0], v[0, 0, 0]), "top_left row 0 = v[0]")
# -1e30 and -inf masks are the same thing; -1e29 is a finite bias.
q, k, v = f32(1, 1, 2, 3), f32(1, 1, 3, 3), f32(1, 1, 3, 2)
m1 = np.array([0, -1e30, 0], dtype=np.float32)
m2 = np.array([0, -np.inf, 0], dtype=np.float32)
report.expect(np.array_equal(ref.sdpa(q, k, v, mask=m1),
                             ref.sdpa(q, k, v, mask=m2)), "-1e30 == -inf")
# Default scale is 1/sqrt(D).
q, k, v = f32(1, 1, 3, 16), f32(1, 1, 3, 16), f32(1, 1, 3, 4)
check("default scale 1/sqrt(16)", ref.sdpa(q, k, v),
      ref.sdpa(q, k, v, scale=0.25))
# GQA head mapping: head h reads kv head h // (Hq // Hkv).
q, k, v = f32(1, 4, 2, 3), f32(1, 2, 3, 3), f32(1, 2, 3, 2)
out = ref.sdpa(q, k, v)
for h in range(4):
    check("gqa head %d uses kv head %d" % (h, h // 2), out[:, h:h + 1],
          ref.sdpa(q[:, h:h + 1], k[:, h // 2:h // 2 + 1],
                   v[:, h // 2:h // 2 + 1]))
# Large logits stay finite.
q, k, v = f32(1, 1, 4, 8, s=30), f32(1, 1, 6, 8, s=30), f32(1, 1, 6, 8)
check("large logits", ref.sdpa(q, k, v), loop_sdpa(q, k, v))

# -- graph ops ------------------------------------------------------------------
for tl in (False, True):
    for tr in (False, True):
        a = f32(2, 1, 3, 4) if not tl else f32(2, 1, 4, 3)
        b = f32(3, 4, 5) if not tr else f32(3, 5, 4)
        check("matmul tl=%s tr=%s broadcast" % (tl, tr),
              ref.matmul(a, b, tl, tr), loop_matmul(a, b, tl, tr))
a, b = f32(3, 4), f32(4, 2)
check("matmul rank 2", ref.matmul(a, b), loop_matmul(a, b, False, False))

x = f32(2, 3, 5)
x[0, 1, :] = -np.inf
x[1, 2, :] = -1e30
x[1, 0, 2] = -3e38
for axis in (0, 1, 2, -1):
    check("softmax axis %d" % axis, ref.softmax(x, axis), loop_softmax(x, axis))
out = ref.softmax(x, 2)
report.expect(np.all(out[0, 1] == 0) and np.all(out[1, 2] == 0) and
              not np.any(np.isnan(out)), "softmax fully masked slices are 0")
report.expect(np.allclose(out.sum(axis=2)[[0, 0, 1, 1], [0, 2, 0, 1]], 1.0),
              "softmax rows sum to 1")

x = f32(2, 3, 4)
bm = rng.random((3, 4)) < 0.5
got = ref.mask(x, bm)
want = np.where(bm, x, -np.inf)
report.expect(np.array_equal(got, np.broadcast_to(want, got.shape)),
              "bool mask keeps true, -inf elsewhere")
am = f32(4)
check("additive mask broadcasts", ref.mask(x, am), x.astype(np.float64) + am)
bias31 = f32(3, 1)
want = np.zeros((2, 3, 4))
for idx in np.ndindex(2, 3, 4):
    want[idx] = float(x[idx]) + float(bias31[idx[1], 0])
check("add broadcast", ref.add(x, bias31), want)
check("add broadcast (lhs smaller)", ref.add(bias31, x), want)
check("scale", ref.scale(x, 0.3), x.astype(np.float64) * float(np.float32(0.3)))

x, w, bias = f32(2, 3, 4), f32(5, 4), f32(5)
want = np.zeros((2, 3, 5))
for i in range(2):
    for j in range(3):
        for o in range(5):
            want[i, j, o] = sum(float(x[i, j, t]) * float(w[o, t])
                                for t in range(4)) + float(bias[o])
check("linear with bias", ref.linear(x, w, bias), want)
check("linear without bias", ref.linear(x, w), want - bias.astype(np.float64))

x = f32(2, 3, 8)
h = ref.split_heads(x, 4)
ok = h.shape == (2, 4, 3, 2)
for b_ in range(2):
    for hh in range(4):
        for n in range(3):
            for d in range(2):
                ok &= h[b_, hh, n, d] == x[b_, n, hh * 2 + d]
report.expect(ok, "split_heads [B,N,H*D] -> [B,H,N,D]")
report.expect(np.array_equal(ref.merge_heads(h), x), "merge_heads inverts")
x = f32(2, 3, 4, 5)
t = ref.transpose(x, [2, 0, 3, 1])
ok = t.shape == (4, 2, 5, 3)
for idx in np.ndindex(t.shape):
    # result dimension i is input dimension perm[i]
    src = [0] * 4
    for i, p in enumerate([2, 0, 3, 1]):
        src[p] = idx[i]
    ok &= t[idx] == x[tuple(src)]
report.expect(ok, "transpose permutation semantics")
report.expect(np.array_equal(ref.reshape(x, (6, 20)).ravel(), x.ravel()),
              "reshape is row-major")

# Unfused MHA from the graph ops equals sdpa on projected heads.
x, wq, wk, wv, wo = f32(2, 5, 8), f32(8, 8), f32(8, 8), f32(8, 8), f32(6, 8)
bm = rng.random((5, 5)) < 0.7
bm[1, :] = False
got = ref.mha(x, wq, wk, wv, wo, heads=2, mask_=bm)
qh = ref.split_heads(ref.linear(x, wq), 2)
kh = ref.split_heads(ref.linear(x, wk), 2)
vh = ref.split_heads(ref.linear(x, wv), 2)
want = ref.linear(ref.merge_heads(loop_sdpa(qh, kh, vh, mask=bm)), wo)
check("mha == linear(merge(sdpa(split(linear))))", got, want, tol=1e-10)

report.finish()
