# RUN: %python %s
# Masks given at run time skip the KV blocks outside each query tile's
# first..last block with a kept key (a per-call scan of the mask). Against
# the float64 reference (relative error <= 1e-4 as max|out - ref| / max|ref|)
# on block-structured masks where that matters: causal as an operand, a
# block-diagonal (document) mask, masks that differ per head and per batch
# (scanned per head / batch), additive 0 / -inf masks, query tiles with no
# kept key at all (zeros), blocks kept only at their last key, split-KV.
import numpy as np

import attn
from attn import reference as ref
from attn.testing import Report, tensor_type

TOL = 1e-4
rng = np.random.default_rng(29)


def causal(n, m):
    return np.tril(np.ones((n, m), dtype=bool))


def documents(n, bounds):
    seg = np.searchsorted(bounds, np.arange(n), side="right")
    return seg[:, None] == seg[None, :]


def per_head(b, h, n, m):
    keep = np.zeros((b, h, n, m), dtype=bool)
    for bi in range(b):
        for hi in range(h):
            lo = (bi * 37 + hi * 53) % (m // 2)
            keep[bi, hi, :, lo:lo + m // 3] = True
    return keep


def last_key_only(n, m, block):
    keep = np.zeros((n, m), dtype=bool)
    keep[:, block - 1::block] = True  # the last key of every block
    return keep


def tiles_without_keys(n, m):
    keep = causal(n, m)
    keep[16:48, :] = False  # whole query tiles with nothing to attend to
    return keep


def additive(keep):
    return np.where(keep, rng.standard_normal(keep.shape), -np.inf).astype(
        np.float32)


configs = [
    # name, B, H, N, M, D, mask, tiling
    ("runtime_causal", 1, 2, 200, 200, 32, causal(200, 200), (32, 32, 1)),
    ("documents", 1, 2, 150, 150, 16,
     documents(150, [37, 90, 91, 140]), (16, 32, 1)),
    ("per_head_and_batch", 2, 3, 64, 300, 16, per_head(2, 3, 64, 300),
     (16, 48, 1)),
    ("additive_documents", 1, 1, 130, 130, 16,
     additive(documents(130, [60])), (32, 32, 1)),
    ("last_key_of_each_block", 1, 1, 40, 128, 8, last_key_only(40, 128, 32),
     (8, 32, 1)),
    ("tiles_without_keys", 1, 2, 80, 80, 16, tiles_without_keys(80, 80),
     (16, 16, 1)),
    ("split_kv_runtime_causal", 1, 2, 4, 600, 64, causal(4, 600)[:, ::-1].copy(),
     (4, 64, 4)),
]

lines = []
for name, B, H, N, M, D, mask, tiling in configs:
    q_t = tensor_type((B, H, N, D))
    k_t = tensor_type((B, H, M, D))
    m_t = tensor_type(mask.shape, "i1" if mask.dtype == np.bool_ else "f32")
    lines += ["func.func @%s(%%q: %s, %%k: %s, %%v: %s, %%m: %s) -> %s {"
              % (name, q_t, k_t, k_t, m_t, q_t),
              "  %%o = attn.attention %%q, %%k, %%v mask(%%m : %s) tiling "
              "<query_tile = %d, kv_tile = %d, kv_splits = %d> : %s, %s, %s "
              "-> %s" % ((m_t,) + tiling + (q_t, k_t, k_t, q_t)),
              "  return %%o : %s" % q_t, "}"]

report = Report("run-time masks with block skipping vs float64 (tol %g)" % TOL)
lib = attn.compile("\n".join(lines) + "\n", name="attention_mask_blocks")
for name, B, H, N, M, D, mask, tiling in configs:
    q = rng.standard_normal((B, H, N, D)).astype(np.float32)
    k = rng.standard_normal((B, H, M, D)).astype(np.float32)
    v = rng.standard_normal((B, H, M, D)).astype(np.float32)
    expected = ref.sdpa(q, k, v, mask=mask)
    out = getattr(lib, name)(q, k, v, mask)
    keep = ref.combined_keep_mask((B, H, N, M), mask)
    empty = ~keep.any(axis=-1)
    report.expect(np.all(out[empty] == 0.0), name + " keyless rows",
                  "%d rows without keys give zeros" % int(empty.sum()))
    report.compare(name, out, expected, rtol=TOL)
report.finish()
