"""float64 numpy references for the attn dialect's ops.

Every function takes numpy arrays (any float dtype, bool for boolean masks),
computes in float64 and returns float64. The semantics follow
dialects/Attn/AttnOps.td:

- scores/values at or below ``MASKED`` (-1e30) count as -inf;
- a softmax slice (an attention query row) whose entries are all -inf gives
  zeros, never NaN;
- ``graph_attention`` is one multi-head GAT layer (Veličković et al. 2018)
  over a dense adjacency (bool, or integer edge counts for CSR duplicates);
- ``attention`` is PyTorch's scaled_dot_product_attention on
  [B, Hq, N, D] / [B, Hkv, M, D] / [B, Hkv, M, Dv] with GQA (query head h
  reads kv head h // (Hq // Hkv)), default scale 1/sqrt(D), boolean (keep
  where true) or additive masks broadcast to [B, Hq, N, M], and causal
  'top_left' (j <= i) or 'bottom_right' (j <= i + M - N).
"""

import numpy as np

__all__ = [
    "MASKED", "sdpa", "attention", "causal_mask", "window_mask",
    "combined_keep_mask",
    "matmul", "scale", "add", "mask", "softmax", "linear", "split_heads",
    "merge_heads", "transpose", "reshape", "mha", "multi_head_attention",
    "graph_attention", "csr_to_dense", "additive_attention", "luong_scores",
    "luong_positions", "luong_attention", "elu_plus_one", "linear_attention",
    "layer_norm", "gelu_tanh", "gelu_erf", "gelu", "slice_", "rope",
    "rope_tables", "gpt2_block",
    "vit_block",
]

MASKED = -1e30


def _f64(x):
    return np.asarray(x, dtype=np.float64)


def causal_mask(n, m, causal):
    """[N, M] bool: True where key j is kept for query i."""
    i = np.arange(n)[:, None]
    j = np.arange(m)[None, :]
    if causal in (None, False):
        return np.ones((n, m), dtype=bool)
    if causal in (True, "top_left"):
        return j <= i
    if causal == "bottom_right":
        return j <= i + (m - n)
    raise ValueError("causal must be None, 'top_left' or 'bottom_right', got %r"
                     % (causal,))


def window_mask(n, m, window, causal=None):
    """[N, M] bool for ``window=(left, right[, dilation])``: key j is kept
    for query i when d - left <= j <= d + right (and (d - j) % dilation == 0),
    d = i + (m - n) under bottom-right causal alignment and d = i otherwise."""
    left, right = window[:2]
    dilation = window[2] if len(window) > 2 else 1
    d = np.arange(n)[:, None] + (m - n if causal == "bottom_right" else 0)
    j = np.arange(m)[None, :]
    return (j >= d - left) & (j <= d + right) & ((d - j) % dilation == 0)


def pattern_mask(n, m, causal=None, window=None, chunk=None, prefix=None):
    """[N, M] bool of attn.attention's static clauses:
    prefix or (causal and window and chunk)."""
    keep = causal_mask(n, m, causal)
    if window is not None:
        keep = keep & window_mask(n, m, window, causal)
    if chunk:
        d = np.arange(n)[:, None] + (m - n if causal == "bottom_right" else 0)
        j = np.arange(m)[None, :]
        keep = keep & (j // chunk == d // chunk)  # floor division, as the op
    if prefix:
        keep = keep | (np.arange(m)[None, :] < prefix)
    return keep


def block_layout_mask(n, m, query_block, key_block, layout):
    """[H or 1, N, M] bool from a block table [rows, cols] or [H, rows, cols]."""
    layout = np.asarray(layout, dtype=bool)
    if layout.ndim == 2:
        layout = layout[None]
    i = np.arange(n) // query_block
    j = np.arange(m) // key_block
    return layout[:, i[:, None], j[None, :]]


def segment_mask(query_ids, key_ids):
    """[B, 1, N, M] bool: equal document ids."""
    q = np.asarray(query_ids)[:, None, :, None]
    k = np.asarray(key_ids)[:, None, None, :]
    return q == k


def _broadcast_mask(mask, shape):
    mask = np.asarray(mask)
    if mask.ndim > len(shape):
        raise ValueError("mask of rank %d does not broadcast to %s"
                         % (mask.ndim, shape))
    return np.broadcast_to(mask, shape)


def combined_keep_mask(shape, mask=None, causal=None, window=None):
    """[B, H, N, M] bool: which scores survive the mask, the causal rule and
    the sliding window."""
    b, h, n, m = shape
    keep = np.broadcast_to(causal_mask(n, m, causal), shape).copy()
    if window is not None:
        keep &= window_mask(n, m, window, causal)
    if mask is not None:
        mask = np.asarray(mask)
        if mask.dtype == np.bool_:
            keep &= _broadcast_mask(mask, shape)
        else:
            keep &= _broadcast_mask(_f64(mask) > MASKED, shape)
    return keep


def _masked_softmax(scores, keep, axis=-1):
    """softmax of ``scores`` where ``keep``; dropped entries (and fully dropped
    slices) give 0."""
    s = np.where(keep, scores, -np.inf)
    any_kept = np.any(keep, axis=axis, keepdims=True)
    row_max = np.max(s, axis=axis, keepdims=True)
    row_max = np.where(any_kept, row_max, 0.0)
    with np.errstate(invalid="ignore", over="ignore"):
        e = np.where(keep, np.exp(s - row_max), 0.0)
    total = np.sum(e, axis=axis, keepdims=True)
    return np.where(any_kept, e / np.where(any_kept, total, 1.0), 0.0)


def sdpa(q, k, v, mask=None, scale=None, causal=None, window=None,
         chunk=None, prefix=None, block_layout=None, segments=None,
         alibi=None, softcap=None, mask_fill=None):
    """scaled_dot_product_attention in float64 with GQA and the masked-row
    rule, and attn.attention's clauses: ``window=(left, right[, dilation])``,
    ``chunk``, ``prefix``, ``block_layout=(query_block, key_block, table)``,
    ``segments=(query_ids, key_ids)``, ``alibi`` (one slope per query head)
    and ``softcap``. With ``mask_fill`` the bool ``mask`` is PyTorch's
    ``masked_fill(~mask, mask_fill)`` on the scores (after softcap and
    ALiBi): its dropped pairs keep that score instead of being removed."""
    q, k, v = _f64(q), _f64(k), _f64(v)
    if q.ndim != 4 or k.ndim != 4 or v.ndim != 4:
        raise ValueError("q, k, v must be rank 4 [B, H, S, D]")
    b, hq, n, d = q.shape
    bk, hkv, m, dk = k.shape
    if bk != b or v.shape[0] != b or dk != d or v.shape[1] != hkv or \
            v.shape[2] != m:
        raise ValueError("inconsistent shapes q%s k%s v%s"
                         % (q.shape, k.shape, v.shape))
    if hq % hkv:
        raise ValueError("Hq=%d is not a multiple of Hkv=%d" % (hq, hkv))
    group = hq // hkv
    # query head h reads kv head h // group
    k = np.repeat(k, group, axis=1)
    v = np.repeat(v, group, axis=1)
    if scale is None:
        scale = 1.0 / np.sqrt(d)
    scores = float(scale) * np.matmul(q, np.swapaxes(k, -1, -2))
    if softcap is not None:
        scores = softcap * np.tanh(scores / softcap)
    if alibi is not None:
        diag = np.arange(n)[:, None] + (m - n if causal == "bottom_right"
                                        else 0)
        distance = np.abs(diag - np.arange(m)[None, :])
        scores = scores - _f64(alibi)[None, :, None, None] * distance
    shape = (b, hq, n, m)
    if mask_fill is not None:
        if np.asarray(mask).dtype != np.bool_:
            raise ValueError("mask_fill needs a bool mask")
        scores = np.where(_broadcast_mask(mask, shape), scores,
                          float(mask_fill))
        mask = None
    keep = combined_keep_mask(shape, mask)
    keep &= pattern_mask(n, m, causal, window, chunk, prefix)
    if block_layout is not None:
        keep &= block_layout_mask(n, m, *block_layout)[None]
    if segments is not None:
        keep &= segment_mask(*segments)
    if mask is not None and np.asarray(mask).dtype != np.bool_:
        scores = scores + _broadcast_mask(_f64(mask), shape)
    p = _masked_softmax(scores, keep, axis=-1)
    return np.matmul(p, v)


attention = sdpa


# ---------------------------------------------------------------------------
# Graph ops
# ---------------------------------------------------------------------------

def matmul(lhs, rhs, transpose_lhs=False, transpose_rhs=False):
    """Batched matmul with numpy broadcasting of the leading dimensions."""
    lhs, rhs = _f64(lhs), _f64(rhs)
    if transpose_lhs:
        lhs = np.swapaxes(lhs, -1, -2)
    if transpose_rhs:
        rhs = np.swapaxes(rhs, -1, -2)
    return np.matmul(lhs, rhs)


def scale(x, factor):
    return _f64(x) * float(np.float32(factor))


def add(lhs, rhs):
    return _f64(lhs) + _f64(rhs)


def mask(x, m, fill=None):
    """Boolean mask: keep where true, -inf (or ``fill``) elsewhere. Float
    mask: added."""
    x = _f64(x)
    m = np.asarray(m)
    if m.dtype == np.bool_:
        return np.where(_broadcast_mask(m, x.shape), x,
                        -np.inf if fill is None else float(fill))
    return x + _broadcast_mask(_f64(m), x.shape)


def softmax(x, axis):
    """Softmax along ``axis``; entries <= -1e30 count as -inf; a slice that is
    all -inf gives zeros."""
    x = _f64(x)
    keep = x > MASKED
    return _masked_softmax(x, keep, axis=axis)


def linear(x, weight, bias=None):
    """x · Wᵀ + b (torch.nn.functional.linear)."""
    y = np.matmul(_f64(x), _f64(weight).T)
    if bias is not None:
        y = y + _f64(bias)
    return y


def split_heads(x, heads):
    """[B, N, H·D] -> [B, H, N, D]."""
    x = _f64(x)
    b, n, f = x.shape
    if f % heads:
        raise ValueError("feature size %d is not divisible by %d heads"
                         % (f, heads))
    return x.reshape(b, n, heads, f // heads).transpose(0, 2, 1, 3)


def merge_heads(x):
    """[B, H, N, D] -> [B, N, H·D]."""
    x = _f64(x)
    b, h, n, d = x.shape
    return x.transpose(0, 2, 1, 3).reshape(b, n, h * d)


def transpose(x, permutation):
    """Result dimension i is input dimension permutation[i]."""
    return np.transpose(_f64(x), permutation)


def reshape(x, shape):
    return _f64(x).reshape(shape)


def multi_head_attention(query, key, value, wq, wk, wv, wo, heads,
                         kv_heads=None, bq=None, bk=None, bv=None, bo=None,
                         mask=None, scale=None, causal=None, mask_fill=None):
    """attn.multi_head_attention: projections, heads split (Hkv heads for K
    and V), sdpa with GQA, heads merged, output projection."""
    kv_heads = heads if kv_heads is None else kv_heads
    q = split_heads(linear(query, wq, bq), heads)
    k = split_heads(linear(key, wk, bk), kv_heads)
    v = split_heads(linear(value, wv, bv), kv_heads)
    o = sdpa(q, k, v, mask=mask, scale=scale, causal=causal,
             mask_fill=mask_fill)
    return linear(merge_heads(o), wo, bo)


def mha(x, wq, wk, wv, wo, heads, bq=None, bk=None, bv=None, bo=None,
        mask_=None, scale_=None, memory=None):
    """Unfused multi-head attention from the graph ops: linear projections,
    split heads, Q·Kᵀ, scale, mask, softmax, ·V, merge heads, output linear.

    ``memory`` (default ``x``) feeds the key/value projections.
    """
    memory = x if memory is None else memory
    q = split_heads(linear(x, wq, bq), heads)
    k = split_heads(linear(memory, wk, bk), heads)
    v = split_heads(linear(memory, wv, bv), heads)
    d = q.shape[-1]
    s = matmul(q, k, transpose_rhs=True)
    s = scale(s, 1.0 / np.sqrt(d) if scale_ is None else scale_)
    if mask_ is not None:
        s = mask(s, mask_)
    p = softmax(s, axis=3)
    o = matmul(p, v)
    return linear(merge_heads(o), wo, bo)


# ---------------------------------------------------------------------------
# Graph attention (GAT)
# ---------------------------------------------------------------------------

def csr_to_dense(row_ptr, col_idx, nodes):
    """[Nn, Nn] int64 edge counts of a CSR graph: counts[i, j] is how often j
    appears among the neighbours col_idx[row_ptr[i]:row_ptr[i+1]] of i."""
    row_ptr = np.asarray(row_ptr, dtype=np.int64)
    col_idx = np.asarray(col_idx, dtype=np.int64)
    if row_ptr.shape != (nodes + 1,) or row_ptr[0] != 0 or \
            row_ptr[-1] != len(col_idx) or np.any(np.diff(row_ptr) < 0):
        raise ValueError("malformed row_ptr %s for %d nodes and %d entries"
                         % (row_ptr, nodes, len(col_idx)))
    if np.any((col_idx < 0) | (col_idx >= nodes)):
        raise ValueError("col_idx has entries outside [0, %d)" % nodes)
    counts = np.zeros((nodes, nodes), dtype=np.int64)
    rows = np.repeat(np.arange(nodes), np.diff(row_ptr))
    np.add.at(counts, (rows, col_idx), 1)
    return counts


def graph_attention(h, w, a_src, a_dst, adj, negative_slope=0.2,
                    heads="concat"):
    """One GAT layer: h [Nn, F], w [H, F, Fo], a_src and a_dst [H, Fo], adj
    [Nn, Nn] (True / a count > 0: i attends to j; a count weights that
    neighbour as if listed that many times). Per head k, g = h·w[k],
    e_ij = LeakyReLU(a_src[k]·g_i + a_dst[k]·g_j), alpha = softmax of e_ij
    over the neighbours j of i, out_i = Σ_j alpha_ij g_j; a node without
    neighbours gets zeros. ``heads``: 'concat' ([Nn, H·Fo], head-major
    columns) or 'mean' ([Nn, Fo])."""
    h, w = _f64(h), _f64(w)
    a_src, a_dst = _f64(a_src), _f64(a_dst)
    counts = np.asarray(adj).astype(np.float64)
    nodes = h.shape[0]
    if h.ndim != 2 or w.ndim != 3 or w.shape[1] != h.shape[1] or \
            a_src.shape != (w.shape[0], w.shape[2]) or \
            a_dst.shape != a_src.shape or counts.shape != (nodes, nodes):
        raise ValueError("inconsistent shapes h%s w%s a_src%s a_dst%s adj%s"
                         % (h.shape, w.shape, a_src.shape, a_dst.shape,
                            counts.shape))
    if heads not in ("concat", "mean"):
        raise ValueError("heads must be 'concat' or 'mean', got %r" % (heads,))
    slope = float(np.float32(negative_slope))
    keep = counts > 0
    any_kept = np.any(keep, axis=1, keepdims=True)
    outs = []
    for k in range(w.shape[0]):
        g = h @ w[k]
        e = (g @ a_src[k])[:, None] + (g @ a_dst[k])[None, :]
        e = np.where(e > 0, e, slope * e)
        row_max = np.max(np.where(keep, e, -np.inf), axis=1, keepdims=True)
        row_max = np.where(any_kept, row_max, 0.0)
        p = np.where(keep, counts * np.exp(np.where(keep, e - row_max, 0.0)),
                     0.0)
        total = np.sum(p, axis=1, keepdims=True)
        alpha = np.where(any_kept, p / np.where(any_kept, total, 1.0), 0.0)
        outs.append(alpha @ g)
    if heads == "concat":
        return np.concatenate(outs, axis=1)
    return np.mean(outs, axis=0)


# ---------------------------------------------------------------------------
# Additive (Bahdanau) and Luong attention on [B, N, D] sequences
# ---------------------------------------------------------------------------

def _sequence_keep(shape, mask):
    """[B, N, M] bool: the i1 mask (True keeps) broadcast, or all True."""
    if mask is None:
        return np.ones(shape, dtype=bool)
    mask = np.asarray(mask)
    if mask.dtype != np.bool_:
        raise ValueError("additive and Luong attention take boolean masks")
    return _broadcast_mask(mask, shape).copy()


def _additive_scores(q, k, wq, wk, va):
    """[B, N, M]: Σ_a va[a]·tanh((wq·q_i)[a] + (wk·k_j)[a])."""
    qp = np.einsum("bnd,ad->bna", _f64(q), _f64(wq))
    kp = np.einsum("bmd,ad->bma", _f64(k), _f64(wk))
    return np.tanh(qp[:, :, None, :] + kp[:, None, :, :]) @ _f64(va)


def additive_attention(q, k, v, wq, wk, va, mask=None):
    """Bahdanau attention: q [B, N, Dq], k [B, M, Dk], v [B, M, Dv],
    wq [A, Dq], wk [A, Dk], va [A]; boolean mask broadcast to [B, N, M]."""
    scores = _additive_scores(q, k, wq, wk, va)
    keep = _sequence_keep(scores.shape, mask)
    return _masked_softmax(scores, keep, axis=-1) @ _f64(v)


def luong_scores(q, k, score="dot", w=None, wa=None, va=None):
    """[B, N, M] Luong scores: 'dot' qᵀk, 'general' qᵀWk (w [Dq, Dk]),
    'concat' vaᵀtanh(Wa[q; k]) (wa [A, Dq + Dk], va [A])."""
    q, k = _f64(q), _f64(k)
    if score == "dot":
        return q @ np.swapaxes(k, -1, -2)
    if score == "general":
        return (q @ _f64(w)) @ np.swapaxes(k, -1, -2)
    if score == "concat":
        dq = q.shape[-1]
        wa = _f64(wa)
        return _additive_scores(q, k, wa[:, :dq], wa[:, dq:], va)
    raise ValueError("score must be 'dot', 'general' or 'concat', got %r"
                     % (score,))


def luong_positions(q, wp, vp, m):
    """[B, N] local-p aligned positions p_i = M·sigmoid(vpᵀ tanh(Wp q_i))."""
    z = np.tanh(np.einsum("bnd,ad->bna", _f64(q), _f64(wp))) @ _f64(vp)
    return m / (1.0 + np.exp(-z))


def luong_attention(q, k, v, score="dot", w=None, wa=None, va=None,
                    local=None, half_width=None, wp=None, vp=None, mask=None):
    """Luong attention in float64 (no 1/sqrt(d) scale).

    Global (``local=None``): softmax of the scores over all kept keys.
    ``local='monotonic'``: the window is |j - i| <= D clipped to [0, M).
    ``local='predictive'``: center c_i = min(floor(p_i), M - 1) with
    p_i from ``luong_positions``; window |j - c_i| <= D in [0, M); the
    weights are the window's softmax times exp(-(j - p_i)²/(2σ²)),
    σ = max(D, 1)/2. Masked keys are excluded; a row with no key left is 0.
    """
    scores = luong_scores(q, k, score, w=w, wa=wa, va=va)
    b, n, m = scores.shape
    keep = _sequence_keep(scores.shape, mask)
    j = np.arange(m)[None, None, :]
    gauss = None
    if local is not None:
        d = int(half_width)
        if d < 0:
            raise ValueError("half_width must be >= 0")
        if local == "monotonic":
            center = np.broadcast_to(np.arange(n)[None, :], (b, n))
        elif local == "predictive":
            p = luong_positions(q, wp, vp, m)
            center = np.minimum(np.floor(p), m - 1)
            sigma = max(d, 1) / 2.0
            gauss = np.exp(-(j - p[:, :, None]) ** 2 / (2 * sigma * sigma))
        else:
            raise ValueError("local must be None, 'monotonic' or "
                             "'predictive', got %r" % (local,))
        keep &= np.abs(j - center[:, :, None]) <= d
    weights = _masked_softmax(scores, keep, axis=-1)
    if gauss is not None:
        weights = weights * gauss
    return weights @ _f64(v)


# ---------------------------------------------------------------------------
# Linear attention
# ---------------------------------------------------------------------------

def elu_plus_one(x):
    """phi(x) = elu(x) + 1: x + 1 for x > 0, exp(x) otherwise (float64)."""
    x = _f64(x)
    return np.where(x > 0, x + 1.0, np.exp(np.minimum(x, 0.0)))


def linear_attention(q, k, v, causal=False, feature_map="elu_plus_one"):
    """attn.linear_attention in float64, the quadratic way.

    Weights w[i, j] = phi(q_i) · phi(k_j) as an explicit [N, M] matrix per
    batch and head (zeroed above the diagonal when causal, j <= i), then
    out_i = Σ_j w[i, j] v_j / Σ_j w[i, j]. GQA as in ``sdpa``. Independent of
    the chunked algorithm the code generator uses.
    """
    if feature_map != "elu_plus_one":
        raise ValueError("unknown feature map %r" % (feature_map,))
    q, k, v = _f64(q), _f64(k), _f64(v)
    if q.ndim != 4 or k.ndim != 4 or v.ndim != 4:
        raise ValueError("q, k, v must be rank 4 [B, H, S, D]")
    b, h, n, d = q.shape
    _, hkv, m, _ = k.shape
    if k.shape[0] != b or v.shape[0] != b or k.shape[3] != d or \
            v.shape[1] != hkv or v.shape[2] != m:
        raise ValueError("inconsistent shapes q%s k%s v%s"
                         % (q.shape, k.shape, v.shape))
    if h % hkv:
        raise ValueError("H=%d is not a multiple of Hkv=%d" % (h, hkv))
    if causal and n != m:
        raise ValueError("causal linear attention needs N == M, got %d, %d"
                         % (n, m))
    group = h // hkv
    fk = np.repeat(elu_plus_one(k), group, axis=1)
    vv = np.repeat(v, group, axis=1)
    w = np.matmul(elu_plus_one(q), np.swapaxes(fk, -1, -2))  # [B, H, N, M]
    if causal:
        w = w * np.tril(np.ones((n, m)))
    return np.matmul(w, vv) / np.sum(w, axis=-1, keepdims=True)


# ---------------------------------------------------------------------------
# Transformer block ops
# ---------------------------------------------------------------------------

def layer_norm(x, weight=None, bias=None, eps=1e-5, rms=False):
    """LayerNorm over the last dimension (biased variance, as PyTorch); with
    ``rms``, RMSNorm: x / sqrt(mean(x²) + eps), no centering."""
    x = _f64(x)
    mean = 0.0 if rms else x.mean(axis=-1, keepdims=True)
    var = ((x - mean) ** 2).mean(axis=-1, keepdims=True)
    y = (x - mean) / np.sqrt(var + float(np.float32(eps)))
    if weight is not None:
        y = y * _f64(weight)
    if bias is not None:
        y = y + _f64(bias)
    return y


def gelu_tanh(x):
    """GPT-2's gelu_new: 0.5·x·(1 + tanh(sqrt(2/π)·(x + 0.044715·x³)))."""
    x = _f64(x)
    with np.errstate(over="ignore"):
        inner = np.sqrt(2.0 / np.pi) * (x + 0.044715 * x ** 3)
    return 0.5 * x * (1.0 + np.tanh(inner))


def gelu_erf(x):
    """Exact GELU: 0.5·x·(1 + erf(x/√2)) = x·Φ(x), Φ from math.erfc (no
    cancellation in the negative tail)."""
    import math
    x = _f64(x)
    erfc = np.vectorize(math.erfc, otypes=[np.float64])
    return x * 0.5 * erfc(-x / np.sqrt(2.0))


def gelu(x, approximate="none"):
    if approximate == "tanh":
        return gelu_tanh(x)
    if approximate == "none":
        return gelu_erf(x)
    raise ValueError("approximate must be 'none' or 'tanh', got %r"
                     % (approximate,))


def rope(x, cos, sin):
    """Rotary embedding, rotate-half form (attn.rope; Hugging Face's
    apply_rotary_pos_emb): x·cos + rotate_half(x)·sin over the last
    dimension, rotate_half(x) = concat(-x[..., D/2:], x[..., :D/2])."""
    x = _f64(x)
    half = x.shape[-1] // 2
    rotated = np.concatenate([-x[..., half:], x[..., :half]], axis=-1)
    return x * _f64(cos) + rotated * _f64(sin)


def rope_tables(positions, dim, base=10000.0):
    """Llama's cos and sin tables, [len(positions), dim], float64: angle
    p · base^(-2i/dim) for i < dim/2, the halves repeated."""
    inv_freq = base ** (-np.arange(0, dim, 2, dtype=np.float64) / dim)
    angles = np.outer(np.asarray(positions, np.float64), inv_freq)
    angles = np.concatenate([angles, angles], axis=-1)
    return np.cos(angles), np.sin(angles)


def slice_(x, offsets, shape):
    """The box of ``x`` at ``offsets`` with ``shape`` (attn.slice)."""
    x = np.asarray(x)
    index = tuple(slice(o, o + s) for o, s in zip(offsets, shape))
    return x[index].astype(np.float64) if x.dtype != np.bool_ else x[index]


def gpt2_block(x, ln_1_weight, ln_1_bias, c_attn_weight, c_attn_bias,
               c_proj_weight, c_proj_bias, ln_2_weight, ln_2_bias,
               c_fc_weight, c_fc_bias, mlp_c_proj_weight, mlp_c_proj_bias,
               heads, eps=1e-5):
    """Hugging Face's GPT2Block (eval mode, no cache) in float64, written
    from its definition, not from the attn ops:

        y1 = x + c_proj(attn(ln_1(x)))        y = y1 + mlp(ln_2(y1))

    Conv1D weights are [in, out] (x·W + b); attention is causal with scores
    divided by sqrt(D); the MLP is c_fc, gelu_new, c_proj.
    """
    x = _f64(x)
    b, t, e = x.shape
    d = e // heads

    def conv1d(h, w, bias):
        return h @ _f64(w) + _f64(bias)

    def ln(h, w, bias):
        mean = h.mean(axis=-1, keepdims=True)
        var = h.var(axis=-1, keepdims=True)
        return (h - mean) / np.sqrt(var + float(np.float32(eps))) * _f64(w) \
            + _f64(bias)

    h = ln(x, ln_1_weight, ln_1_bias)
    q, k, v = np.split(conv1d(h, c_attn_weight, c_attn_bias), 3, axis=2)
    q, k, v = (z.reshape(b, t, heads, d).transpose(0, 2, 1, 3)
               for z in (q, k, v))
    s = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d)
    s = np.where(np.tril(np.ones((t, t), dtype=bool)), s, -np.inf)
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    p /= p.sum(axis=-1, keepdims=True)
    o = (p @ v).transpose(0, 2, 1, 3).reshape(b, t, e)
    y1 = x + conv1d(o, c_proj_weight, c_proj_bias)
    f = conv1d(ln(y1, ln_2_weight, ln_2_bias), c_fc_weight, c_fc_bias)
    f = 0.5 * f * (1.0 + np.tanh(np.sqrt(2.0 / np.pi) * (f + 0.044715 * f ** 3)))
    return y1 + conv1d(f, mlp_c_proj_weight, mlp_c_proj_bias)


def vit_block(x, norm1_weight, norm1_bias, qkv_weight, qkv_bias, proj_weight,
              proj_bias, norm2_weight, norm2_bias, mlp_fc1_weight,
              mlp_fc1_bias, mlp_fc2_weight, mlp_fc2_bias, heads, eps=1e-6):
    """timm's (and torchvision's) pre-norm ViT encoder Block (eval mode) in
    float64, written from its definition, not from the attn ops:

        y1 = x + proj(attn(norm1(x)))        y = y1 + fc2(gelu(fc1(norm2(y1))))

    nn.Linear weights are [out, in] (x·Wᵀ + b); q, k, v come from
    qkv(x).reshape(B, N, 3, H, D).permute(2, 0, 3, 1, 4); attention is
    unmasked with scale D^-1/2; nn.GELU() is exact, x·Φ(x).
    """
    import math
    x = _f64(x)
    b, n, e = x.shape
    d = e // heads

    def linear(h, w, bias):
        return h @ _f64(w).T + _f64(bias)

    def ln(h, w, bias):
        mean = h.mean(axis=-1, keepdims=True)
        var = h.var(axis=-1, keepdims=True)
        return (h - mean) / np.sqrt(var + float(np.float32(eps))) * _f64(w) \
            + _f64(bias)

    qkv = linear(ln(x, norm1_weight, norm1_bias), qkv_weight, qkv_bias)
    q, k, v = qkv.reshape(b, n, 3, heads, d).transpose(2, 0, 3, 1, 4)
    s = (q * d ** -0.5) @ k.transpose(0, 1, 3, 2)
    p = np.exp(s - s.max(axis=-1, keepdims=True))
    p /= p.sum(axis=-1, keepdims=True)
    o = (p @ v).transpose(0, 2, 1, 3).reshape(b, n, e)
    y1 = x + linear(o, proj_weight, proj_bias)
    f = linear(ln(y1, norm2_weight, norm2_bias), mlp_fc1_weight, mlp_fc1_bias)
    # Φ(f) = erfc(-f/√2)/2: no cancellation in the negative tail.
    phi = 0.5 * np.vectorize(math.erfc, otypes=[np.float64])(-f / math.sqrt(2))
    return y1 + linear(f * phi, mlp_fc2_weight, mlp_fc2_bias)
