"""float64 numpy references for the attn dialect's ops.

Every function takes numpy arrays (any float dtype, bool for boolean masks),
computes in float64 and returns float64. The semantics follow
dialects/Attn/AttnOps.td:

- scores/values at or below ``MASKED`` (-1e30) count as -inf;
- a softmax slice (an attention query row) whose entries are all -inf gives
  zeros, never NaN;
- ``attention`` is PyTorch's scaled_dot_product_attention on
  [B, Hq, N, D] / [B, Hkv, M, D] / [B, Hkv, M, Dv] with GQA (query head h
  reads kv head h // (Hq // Hkv)), default scale 1/sqrt(D), boolean (keep
  where true) or additive masks broadcast to [B, Hq, N, M], and causal
  'top_left' (j <= i) or 'bottom_right' (j <= i + M - N).
"""

import numpy as np

__all__ = [
    "MASKED", "sdpa", "attention", "causal_mask", "combined_keep_mask",
    "matmul", "scale", "add", "mask", "softmax", "linear", "split_heads",
    "merge_heads", "transpose", "reshape", "mha", "layer_norm", "gelu_tanh",
    "gelu_erf", "gelu", "slice_", "gpt2_block",
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


def _broadcast_mask(mask, shape):
    mask = np.asarray(mask)
    if mask.ndim > len(shape):
        raise ValueError("mask of rank %d does not broadcast to %s"
                         % (mask.ndim, shape))
    return np.broadcast_to(mask, shape)


def combined_keep_mask(shape, mask=None, causal=None):
    """[B, H, N, M] bool: which scores survive the mask and the causal rule."""
    b, h, n, m = shape
    keep = np.broadcast_to(causal_mask(n, m, causal), shape).copy()
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


def sdpa(q, k, v, mask=None, scale=None, causal=None):
    """scaled_dot_product_attention in float64 with GQA and the masked-row rule."""
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
    shape = (b, hq, n, m)
    keep = combined_keep_mask(shape, mask, causal)
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


def mask(x, m):
    """Boolean mask: keep where true, -inf elsewhere. Float mask: added."""
    x = _f64(x)
    m = np.asarray(m)
    if m.dtype == np.bool_:
        return np.where(_broadcast_mask(m, x.shape), x, -np.inf)
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
# Transformer block ops
# ---------------------------------------------------------------------------

def layer_norm(x, weight=None, bias=None, eps=1e-5):
    """LayerNorm over the last dimension (biased variance, as PyTorch)."""
    x = _f64(x)
    mean = x.mean(axis=-1, keepdims=True)
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
