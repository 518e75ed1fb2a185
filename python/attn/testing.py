"""Helpers for the execution tests: an MLIR text builder that also evaluates
its graph with the float64 references, random inputs and masks, a comparison
with a stated tolerance, and a small pass/fail reporter.

    f = Func("mha")
    x = f.arg([2, 7, 64], name="x")
    ...
    y = f.linear(x, w)
    f.ret(y)
    text = module_text([f])          # MLIR for attn-compile
    refs = f.evaluate({"x": x_np})   # float64 numpy results
"""

import re
import sys

import numpy as np

from . import dtypes
from . import reference as ref

__all__ = [
    "Value", "Func", "module_text", "tensor_type", "float_literal",
    "AttnConfig", "MaskSpec", "attention_func", "make_mask",
    "attention_inputs", "compare", "rel_error", "Report",
    "additive_attention", "luong_attention",
    "STORAGE_TOLERANCE", "storage_attention_text", "storage_inputs", "widen",
    "storage_ulp", "rounding_excess",
]


# ---------------------------------------------------------------------------
# MLIR text
# ---------------------------------------------------------------------------

def target_from_args(default="host"):
    """The target a test script was asked for (`--target=T`), else
    `default`."""
    for arg in sys.argv[1:]:
        if arg.startswith("--target="):
            return arg.split("=", 1)[1]
    return default


def tensor_type(shape, dtype="f32"):
    dims = "x".join(str(int(d)) for d in shape)
    return "tensor<%s%s%s>" % (dims, "x" if dims else "", dtype)


def float_literal(x):
    """An MLIR float literal (always with a '.') of float32(x)."""
    x = float(np.float32(x))
    if not np.isfinite(x):
        raise ValueError("non-finite attribute %r" % x)
    return "%.9e" % x


class Value:
    """An SSA value of a Func: name, static shape and element type."""

    def __init__(self, func, ssa, shape, dtype="f32", arg_name=None):
        self.func = func
        self.ssa = ssa
        self.shape = tuple(int(d) for d in shape)
        self.dtype = dtype
        self.arg_name = arg_name

    @property
    def type(self):
        return tensor_type(self.shape, self.dtype)

    def __repr__(self):
        return "%s : %s" % (self.ssa, self.type)


def _broadcast_shapes(a, b):
    try:
        return tuple(np.broadcast_shapes(tuple(a), tuple(b)))
    except ValueError:
        raise ValueError("shapes %s and %s do not broadcast" % (a, b))


class Func:
    """Builds one ``func.func`` from attn ops and records the graph so that
    ``evaluate`` can compute the float64 reference of every result."""

    def __init__(self, name):
        if not re.match(r"^[A-Za-z_][A-Za-z0-9_]*$", name):
            raise ValueError("function name %r is not a C identifier" % name)
        self.name = name
        self.args = []
        self.lines = []
        self.nodes = []  # (result Value, reference callable, input Values)
        self.results = None
        self._count = 0

    # -- arguments and results --------------------------------------------

    def arg(self, shape, dtype="f32", name=None):
        """A function argument; ``name`` becomes its ``attn.name``."""
        index = len(self.args)
        ssa = "%%arg%d" % index if name is None else "%%%s" % name
        v = Value(self, ssa, shape, dtype,
                  arg_name=name if name is not None else "arg%d" % index)
        v._named = name is not None
        self.args.append(v)
        return v

    def ret(self, *values):
        self.results = list(values)
        return self

    def _new(self, shape, dtype="f32"):
        v = Value(self, "%%v%d" % self._count, shape, dtype)
        self._count += 1
        return v

    def _emit(self, result, text, fn, inputs):
        self.lines.append("  %s = %s" % (result.ssa, text))
        self.nodes.append((result, fn, list(inputs)))
        return result

    # -- ops -----------------------------------------------------------------

    def attention(self, q, k, v, mask=None, scale=None, causal=None,
                  mask_fill=None):
        out = self._new(q.shape[:3] + (v.shape[3],))
        text = "attn.attention %s, %s, %s" % (q.ssa, k.ssa, v.ssa)
        if mask is not None:
            text += " mask(%s : %s)" % (mask.ssa, mask.type)
        if scale is not None:
            text += " scale(%s)" % float_literal(scale)
        if causal is not None:
            text += " causal(%s)" % causal
        if mask_fill is not None:
            text += " mask_fill(%s)" % float_literal(mask_fill)
        text += " : %s, %s, %s -> %s" % (q.type, k.type, v.type, out.type)
        s = None if scale is None else float(np.float32(scale))
        fill = None if mask_fill is None else float(np.float32(mask_fill))
        inputs = [q, k, v] + ([mask] if mask is not None else [])

        def fn(qq, kk, vv, mm=None):
            return ref.sdpa(qq, kk, vv, mask=mm, scale=s, causal=causal,
                            mask_fill=fill)

        return self._emit(out, text, fn, inputs)

    def matmul(self, lhs, rhs, transpose_lhs=False, transpose_rhs=False):
        l, r = lhs.shape, rhs.shape
        m = l[-1] if transpose_lhs else l[-2]
        n = r[-2] if transpose_rhs else r[-1]
        lk = l[-2] if transpose_lhs else l[-1]
        rk = r[-1] if transpose_rhs else r[-2]
        if lk != rk:
            raise ValueError("matmul contraction sizes differ: %d vs %d"
                             % (lk, rk))
        batch = _broadcast_shapes(l[:-2], r[:-2])
        out = self._new(batch + (m, n))
        text = "attn.matmul %s, %s" % (lhs.ssa, rhs.ssa)
        if transpose_lhs:
            text += " transpose_lhs"
        if transpose_rhs:
            text += " transpose_rhs"
        text += " : %s, %s -> %s" % (lhs.type, rhs.type, out.type)
        return self._emit(out, text, lambda a, b: ref.matmul(
            a, b, transpose_lhs, transpose_rhs), [lhs, rhs])

    def scale(self, x, factor):
        out = self._new(x.shape)
        text = "attn.scale %s by %s : %s" % (x.ssa, float_literal(factor),
                                             x.type)
        return self._emit(out, text, lambda a: ref.scale(a, factor), [x])

    def add(self, lhs, rhs):
        out = self._new(_broadcast_shapes(lhs.shape, rhs.shape))
        text = "attn.add %s, %s : %s, %s -> %s" % (lhs.ssa, rhs.ssa, lhs.type,
                                                   rhs.type, out.type)
        return self._emit(out, text, ref.add, [lhs, rhs])

    def mask(self, x, m, fill=None):
        out = self._new(x.shape)
        text = "attn.mask %s, %s" % (x.ssa, m.ssa)
        if fill is not None:
            text += " fill(%s)" % float_literal(fill)
        text += " : %s, %s" % (x.type, m.type)
        f = None if fill is None else float(np.float32(fill))
        return self._emit(out, text, lambda a, b: ref.mask(a, b, f), [x, m])

    def softmax(self, x, axis):
        out = self._new(x.shape)
        text = "attn.softmax %s axis(%d) : %s" % (x.ssa, axis, x.type)
        return self._emit(out, text, lambda a: ref.softmax(a, axis), [x])

    def linear(self, x, weight, bias=None):
        out = self._new(x.shape[:-1] + (weight.shape[0],))
        text = "attn.linear %s, %s" % (x.ssa, weight.ssa)
        if bias is not None:
            text += " bias(%s : %s)" % (bias.ssa, bias.type)
        text += " : %s, %s -> %s" % (x.type, weight.type, out.type)
        inputs = [x, weight] + ([bias] if bias is not None else [])
        return self._emit(out, text, ref.linear, inputs)

    def split_heads(self, x, heads):
        b, n, f = x.shape
        out = self._new((b, heads, n, f // heads))
        text = "attn.split_heads %s : %s -> %s" % (x.ssa, x.type, out.type)
        return self._emit(out, text, lambda a: ref.split_heads(a, heads), [x])

    def merge_heads(self, x):
        b, h, n, d = x.shape
        out = self._new((b, n, h * d))
        text = "attn.merge_heads %s : %s -> %s" % (x.ssa, x.type, out.type)
        return self._emit(out, text, ref.merge_heads, [x])

    def transpose(self, x, permutation):
        permutation = [int(p) for p in permutation]
        out = self._new(tuple(x.shape[p] for p in permutation))
        text = "attn.transpose %s permutation [%s] : %s -> %s" % (
            x.ssa, ", ".join(str(p) for p in permutation), x.type, out.type)
        return self._emit(out, text, lambda a: ref.transpose(a, permutation),
                          [x])

    def reshape(self, x, shape):
        out = self._new(shape)
        text = "attn.reshape %s : %s -> %s" % (x.ssa, x.type, out.type)
        return self._emit(out, text, lambda a: ref.reshape(a, out.shape), [x])

    def graph_attention(self, h, w, a_src, a_dst, adjacency=None, csr=None,
                        negative_slope=None, heads=None):
        """attn.graph_attention with ``adjacency`` (an i1 [Nn, Nn] Value) or
        ``csr`` (a pair of i32 Values row_ptr, col_idx); ``heads`` is None
        (the default, concat), 'concat' or 'mean'."""
        nodes, (h_count, _, fo) = h.shape[0], w.shape
        mode = heads or "concat"
        out = self._new((nodes, h_count * fo if mode == "concat" else fo))
        text = "attn.graph_attention %s, %s, %s, %s" % (
            h.ssa, w.ssa, a_src.ssa, a_dst.ssa)
        if adjacency is not None:
            text += " adjacency(%s : %s)" % (adjacency.ssa, adjacency.type)
            inputs = [h, w, a_src, a_dst, adjacency]
        else:
            row_ptr, col_idx = csr
            text += " csr(%s, %s : %s, %s)" % (row_ptr.ssa, col_idx.ssa,
                                               row_ptr.type, col_idx.type)
            inputs = [h, w, a_src, a_dst, row_ptr, col_idx]
        if negative_slope is not None:
            text += " negative_slope(%s)" % float_literal(negative_slope)
        if heads is not None:
            text += " heads(%s)" % heads
        text += " : %s, %s, %s, %s -> %s" % (h.type, w.type, a_src.type,
                                             a_dst.type, out.type)
        slope = 0.2 if negative_slope is None else negative_slope

        def fn(hh, ww, aa, bb, *graph):
            adj = graph[0] if len(graph) == 1 else ref.csr_to_dense(
                graph[0], graph[1], nodes)
            return ref.graph_attention(hh, ww, aa, bb, adj, slope, mode)

        return self._emit(out, text, fn, inputs)

    def layer_norm(self, x, weight=None, bias=None, eps=1e-5, rms=False):
        out = self._new(x.shape)
        text = "attn.layer_norm %s" % x.ssa
        if rms:
            text += " rms"
        if weight is not None:
            text += " weight(%s : %s)" % (weight.ssa, weight.type)
        if bias is not None:
            text += " bias(%s : %s)" % (bias.ssa, bias.type)
        text += " eps(%s) : %s" % (float_literal(eps), x.type)
        inputs = [x] + [v for v in (weight, bias) if v is not None]

        def fn(a, *rest):
            rest = list(rest)
            w = rest.pop(0) if weight is not None else None
            b = rest.pop(0) if bias is not None else None
            return ref.layer_norm(a, w, b, eps, rms)

        return self._emit(out, text, fn, inputs)

    def gelu(self, x, approximate="none"):
        out = self._new(x.shape)
        text = "attn.gelu %s approximate(%s) : %s" % (x.ssa, approximate,
                                                     x.type)
        return self._emit(out, text, lambda a: ref.gelu(a, approximate), [x])

    def rope(self, x, cos, sin):
        out = self._new(x.shape)
        text = "attn.rope %s, %s, %s : %s, %s" % (x.ssa, cos.ssa, sin.ssa,
                                                  x.type, cos.type)
        return self._emit(out, text, ref.rope, [x, cos, sin])

    def slice(self, x, offsets, shape):
        offsets = [int(o) for o in offsets]
        out = self._new(shape, x.dtype)
        text = "attn.slice %s offsets [%s] : %s -> %s" % (
            x.ssa, ", ".join(str(o) for o in offsets), x.type, out.type)
        return self._emit(out, text,
                          lambda a: ref.slice_(a, offsets, out.shape), [x])

    # -- output ----------------------------------------------------------------

    def text(self):
        if self.results is None:
            raise ValueError("%s: call ret() first" % self.name)
        params = []
        for a in self.args:
            p = "%s: %s" % (a.ssa, a.type)
            if a._named:
                p += ' {attn.name = "%s"}' % a.arg_name
            params.append(p)
        rtypes = [r.type for r in self.results]
        rsig = rtypes[0] if len(rtypes) == 1 else "(%s)" % ", ".join(rtypes)
        lines = ["func.func @%s(%s) -> %s {" % (self.name, ", ".join(params),
                                                 rsig)]
        lines += self.lines
        lines.append("  return %s : %s" % (
            ", ".join(r.ssa for r in self.results), ", ".join(rtypes)))
        lines.append("}")
        return "\n".join(lines)

    def evaluate(self, inputs):
        """float64 results for ``inputs`` (a list in argument order, or a dict
        by argument name)."""
        if isinstance(inputs, dict):
            inputs = [inputs[a.arg_name] for a in self.args]
        if len(inputs) != len(self.args):
            raise ValueError("%s takes %d inputs, got %d"
                             % (self.name, len(self.args), len(inputs)))
        env = {}
        for a, x in zip(self.args, inputs):
            x = np.asarray(x)
            if x.shape != a.shape:
                raise ValueError("input %s has shape %s, expected %s"
                                 % (a.arg_name, x.shape, a.shape))
            env[a.ssa] = x
        for out, fn, ins in self.nodes:
            env[out.ssa] = fn(*[env[i.ssa] for i in ins])
        return [env[r.ssa] for r in self.results]

    def random_inputs(self, rng, scale=1.0, keep=0.75):
        """float32 normal inputs (times ``scale``), bool masks with ``keep``
        probability of True, in argument order."""
        xs = []
        for a in self.args:
            if a.dtype == "i1":
                xs.append(rng.random(a.shape) < keep)
            else:
                xs.append((rng.standard_normal(a.shape) * scale)
                          .astype(np.float32))
        return xs


def module_text(funcs, header=None):
    """One module holding several functions (``Func`` objects or text)."""
    parts = []
    if header:
        parts.append("// " + header)
    for f in funcs:
        parts.append(f.text() if isinstance(f, Func) else str(f))
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------------------
# Attention configurations
# ---------------------------------------------------------------------------

class MaskSpec:
    """A mask operand: its shape (broadcastable to [B, Hq, N, M]), ``bool``
    or ``additive``, and how many fully masked query rows to force.

    ``full_rows`` forces that many query rows (indices spread over N) to be
    entirely masked when the mask has an N axis; when it has none,
    ``full_rows > 0`` masks the whole first slice of the leading axis that
    is not 1 (a whole batch or head), or everything for a rank 1 mask if
    ``full_rows`` is 'all'.
    """

    def __init__(self, shape, kind="bool", full_rows=0, keep=0.7,
                 masked_values=(-np.inf, -1e30, float(np.finfo(np.float32).min),
                                -1e31)):
        assert kind in ("bool", "additive")
        self.shape = tuple(shape)
        self.kind = kind
        self.full_rows = full_rows
        self.keep = keep
        self.masked_values = masked_values

    @property
    def dtype(self):
        return "i1" if self.kind == "bool" else "f32"

    def __repr__(self):
        return "%s%s%s" % (self.kind, list(self.shape),
                           "+%s full" % self.full_rows if self.full_rows else "")


def make_mask(rng, spec, n_axis_size=None):
    """Random mask for ``spec``: bool (True = keep) or float32 additive
    (finite N(0, 2) where kept, a value <= -1e30 or -inf where masked)."""
    shape = spec.shape
    keep = rng.random(shape) < spec.keep
    if spec.full_rows:
        rank = len(shape)
        has_n = rank >= 2 and shape[-2] > 1
        if has_n:
            n = shape[-2]
            count = min(int(spec.full_rows), n)
            rows = np.unique(np.linspace(0, n - 1, count).round().astype(int))
            keep[..., rows, :] = False
        else:
            lead = [i for i, d in enumerate(shape[:-1]) if d > 1]
            if lead:
                idx = [slice(None)] * rank
                idx[lead[0]] = 0
                keep[tuple(idx)] = False
            elif spec.full_rows == "all":
                keep[...] = False
    if spec.kind == "bool":
        return keep
    values = (rng.standard_normal(shape) * 2.0).astype(np.float32)
    choices = np.asarray(spec.masked_values, dtype=np.float32)
    masked = choices[rng.integers(0, len(choices), size=shape)]
    return np.where(keep, values, masked).astype(np.float32)


class AttnConfig:
    """One attn.attention test case."""

    def __init__(self, name, B=1, Hq=1, Hkv=None, N=1, M=1, D=16, Dv=None,
                 mask=None, scale=None, causal=None, input_scale=1.0,
                 integer_qk=False, rtol=1e-4, note=""):
        self.name = name
        self.B, self.Hq = B, Hq
        self.Hkv = Hq if Hkv is None else Hkv
        self.N, self.M, self.D = N, M, D
        self.Dv = D if Dv is None else Dv
        self.mask = mask
        self.scale = None if scale is None else float(np.float32(scale))
        self.causal = causal
        self.input_scale = input_scale
        self.integer_qk = integer_qk
        self.rtol = rtol
        self.note = note

    @property
    def q_shape(self):
        return (self.B, self.Hq, self.N, self.D)

    @property
    def k_shape(self):
        return (self.B, self.Hkv, self.M, self.D)

    @property
    def v_shape(self):
        return (self.B, self.Hkv, self.M, self.Dv)

    @property
    def out_shape(self):
        return (self.B, self.Hq, self.N, self.Dv)

    def describe(self):
        parts = ["B=%d Hq=%d Hkv=%d N=%d M=%d D=%d Dv=%d" % (
            self.B, self.Hq, self.Hkv, self.N, self.M, self.D, self.Dv)]
        if self.mask is not None:
            parts.append("mask=%r" % self.mask)
        if self.causal:
            parts.append("causal=%s" % self.causal)
        if self.scale is not None:
            parts.append("scale=%g" % self.scale)
        if self.input_scale != 1.0:
            parts.append("%sinputs x%g" % ("integer " if self.integer_qk
                                          else "", self.input_scale))
        if self.rtol != 1e-4:
            parts.append("rtol=%g" % self.rtol)
        if self.note:
            parts.append(self.note)
        return " ".join(parts)


def attention_func(cfg):
    """A Func computing attn.attention for ``cfg`` (args q, k, v[, mask])."""
    f = Func(cfg.name)
    q = f.arg(cfg.q_shape, name="q")
    k = f.arg(cfg.k_shape, name="k")
    v = f.arg(cfg.v_shape, name="v")
    m = None
    if cfg.mask is not None:
        m = f.arg(cfg.mask.shape, cfg.mask.dtype, name="mask")
    f.ret(f.attention(q, k, v, mask=m, scale=cfg.scale, causal=cfg.causal))
    return f


def attention_inputs(cfg, rng):
    """float32 q, k, v and the mask, in argument order.

    q and k are N(0, 1) times ``cfg.input_scale``; with ``cfg.integer_qk``
    they are rounded to integers, so that every Q·Kᵀ entry is exact in f32
    (and, with a power-of-two scale, every logit too). v is N(0, 1).
    """
    s = cfg.input_scale
    xs = []
    for shape in (cfg.q_shape, cfg.k_shape):
        x = rng.standard_normal(shape) * s
        if cfg.integer_qk:
            x = np.round(x)
        xs.append(x.astype(np.float32))
    xs.append(rng.standard_normal(cfg.v_shape).astype(np.float32))
    if cfg.mask is not None:
        xs.append(make_mask(rng, cfg.mask))
    return xs


# ---------------------------------------------------------------------------
# Comparison and reporting
# ---------------------------------------------------------------------------

def rel_error(out, expected):
    """max|out - ref| / max(max|ref|, 1e-6) over the finite reference entries."""
    out = np.asarray(out, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    finite = expected > ref.MASKED
    if not np.any(finite):
        return 0.0
    denom = max(float(np.max(np.abs(expected[finite]))), 1e-6)
    return float(np.max(np.abs(out[finite] - expected[finite]))) / denom


def compare(out, expected, rtol=1e-4):
    """(ok, relative error, message). Fails on shape mismatch, any NaN, and on
    entries the reference masks (<= -1e30 or -inf) that the output does not,
    or vice versa; the rest must satisfy rel_error <= rtol."""
    out = np.asarray(out)
    expected = np.asarray(expected, dtype=np.float64)
    if out.shape != expected.shape:
        return False, float("inf"), "shape %s, expected %s" % (out.shape,
                                                              expected.shape)
    out64 = out.astype(np.float64)
    nan = np.isnan(out64)
    if np.any(nan):
        idx = tuple(int(i) for i in np.argwhere(nan)[0])
        return False, float("nan"), "%d NaN(s), first at %s" % (
            int(nan.sum()), idx)
    ref_masked = expected <= ref.MASKED
    out_masked = out64 <= ref.MASKED
    if np.any(ref_masked != out_masked):
        bad = np.argwhere(ref_masked != out_masked)
        idx = tuple(int(i) for i in bad[0])
        return False, float("inf"), (
            "%d entries differ in being masked (<= -1e30), first at %s: got "
            "%r, expected %r" % (len(bad), idx, out64[idx], expected[idx]))
    finite = ~ref_masked
    if np.any(~np.isfinite(out64[finite])):
        bad = np.argwhere(finite & ~np.isfinite(out64))
        idx = tuple(int(i) for i in bad[0])
        return False, float("inf"), "non-finite output at %s: %r (expected %r)" % (
            idx, out64[idx], expected[idx])
    err = rel_error(out64, expected)
    if err > rtol:
        diff = np.where(finite, np.abs(out64 - expected), -1.0)
        idx = tuple(int(i) for i in np.unravel_index(np.argmax(diff),
                                                     diff.shape))
        return False, err, ("relative error %.3e > %.1e; worst at %s: got %r, "
                            "expected %r" % (err, rtol, idx, out64[idx],
                                             expected[idx]))
    return True, err, "relative error %.3e <= %.1e" % (err, rtol)


class Report:
    """Prints one line per check and exits 1 at the end if anything failed."""

    def __init__(self, title):
        self.title = title
        self.failures = []
        self.count = 0
        print("== %s" % title)
        sys.stdout.flush()

    def _line(self, ok, name, message):
        self.count += 1
        print("%s %s: %s" % ("PASS" if ok else "FAIL", name, message))
        sys.stdout.flush()
        if not ok:
            self.failures.append("%s: %s" % (name, message))
        return ok

    def compare(self, name, out, expected, rtol=1e-4, detail=""):
        ok, _, message = compare(out, expected, rtol)
        if detail:
            message += " [%s]" % detail
        return self._line(ok, name, message)

    def expect(self, cond, name, message=""):
        return self._line(bool(cond), name, message or ("ok" if cond
                                                        else "failed"))

    def fail(self, name, message):
        return self._line(False, name, message)

    def finish(self):
        if self.failures:
            print("== %s: %d of %d checks FAILED:" % (self.title,
                                                      len(self.failures),
                                                      self.count))
            for f in self.failures:
                print("  " + f)
            sys.stdout.flush()
            sys.exit(1)
        print("== %s: all %d checks passed" % (self.title, self.count))
        sys.stdout.flush()


# ---------------------------------------------------------------------------
# Additive (Bahdanau) and Luong attention ops for a Func
# ---------------------------------------------------------------------------

def additive_attention(f, q, k, v, wq, wk, va, mask=None):
    """Emits attn.additive_attention into Func ``f``; returns its Value."""
    out = f._new(q.shape[:2] + (v.shape[2],))
    text = "attn.additive_attention %s, %s, %s, %s, %s, %s" % (
        q.ssa, k.ssa, v.ssa, wq.ssa, wk.ssa, va.ssa)
    if mask is not None:
        text += " mask(%s : %s)" % (mask.ssa, mask.type)
    text += " : %s -> %s" % (", ".join(x.type for x in (q, k, v, wq, wk, va)),
                             out.type)
    inputs = [q, k, v, wq, wk, va] + ([mask] if mask is not None else [])

    def fn(qq, kk, vv, a, b, c, mm=None):
        return ref.additive_attention(qq, kk, vv, a, b, c, mask=mm)

    return f._emit(out, text, fn, inputs)


def luong_attention(f, q, k, v, score="dot", weights=(), local=None,
                    half_width=None, align_weights=(), mask=None):
    """Emits attn.luong_attention into Func ``f``: ``weights`` are the
    score's operands (W for 'general', Wa and va for 'concat'),
    ``align_weights`` local-p's Wp and vp."""
    weights, align_weights = list(weights), list(align_weights)
    out = f._new(q.shape[:2] + (v.shape[2],))
    text = "attn.luong_attention %s, %s, %s score(%s" % (q.ssa, k.ssa, v.ssa,
                                                          score)
    if weights:
        text += " %s : %s" % (", ".join(w.ssa for w in weights),
                              ", ".join(w.type for w in weights))
    text += ")"
    if local is not None:
        text += " local(%s, %d" % (local, half_width)
        if align_weights:
            text += ", %s : %s" % (", ".join(w.ssa for w in align_weights),
                                   ", ".join(w.type for w in align_weights))
        text += ")"
    if mask is not None:
        text += " mask(%s : %s)" % (mask.ssa, mask.type)
    text += " : %s, %s, %s -> %s" % (q.type, k.type, v.type, out.type)
    nw, na = len(weights), len(align_weights)
    inputs = [q, k, v] + weights + align_weights + (
        [mask] if mask is not None else [])

    def fn(qq, kk, vv, *rest):
        ws, al, mm = rest[:nw], rest[nw:nw + na], rest[nw + na:]
        kw = {}
        if score == "general":
            kw["w"] = ws[0]
        elif score == "concat":
            kw["wa"], kw["va"] = ws
        if local == "predictive":
            kw["wp"], kw["vp"] = al
        return ref.luong_attention(qq, kk, vv, score, local=local,
                                   half_width=half_width,
                                   mask=mm[0] if mm else None, **kw)

    return f._emit(out, text, fn, inputs)


# ---------------------------------------------------------------------------
# f16 / bf16 storage (f32 accumulation)
# ---------------------------------------------------------------------------

# Relative to max|ref|, like compare(): the output's rounding to the storage
# type (half an ulp: 2^-11 = 4.9e-4 for f16, 2^-8 = 3.9e-3 for bf16) with a
# factor 2 for the f32 computation before it.
STORAGE_TOLERANCE = {"f32": 1e-4, "f16": 1e-3, "bf16": 8e-3}


def widen(x, dtype):
    """float64 values of an argument or result array stored as ``dtype``."""
    with np.errstate(invalid="ignore"):  # signalling NaNs widen quietly
        if dtype == "bf16":
            return dtypes.from_bf16(x).astype(np.float64)
        return np.asarray(x, dtype=np.float64)


def storage_ulp(x, dtype):
    """The spacing of ``dtype`` (f16 / bf16) values at |x| (float64 array):
    2^(e - p) in the binade [2^e, 2^(e+1)), the subnormal spacing below."""
    bits = {"f16": (10, -14), "bf16": (7, -126)}[dtype]
    mantissa, emin = bits
    mag = np.abs(np.asarray(x, dtype=np.float64))
    with np.errstate(divide="ignore"):
        e = np.floor(np.log2(np.where(mag > 0, mag, 1.0)))
    e = np.maximum(e, emin)
    return np.ldexp(1.0, (e - mantissa).astype(int))


def rounding_excess(out, expected, dtype, slack=2e-5, ignore=None):
    """How far ``out`` (widened) is from ``expected`` beyond a correctly
    rounded result: max of |out - ref| / (ulp(ref) / 2 + slack·max|ref|)
    over the reference's finite entries (less ``ignore``, a bool array
    broadcast to them); <= 1 when every element is within half an ulp of
    the reference, up to the f32 computation's error (the slack)."""
    out = np.asarray(out, dtype=np.float64)
    expected = np.asarray(expected, dtype=np.float64)
    finite = expected > ref.MASKED
    if ignore is not None:
        finite = finite & ~np.broadcast_to(ignore, finite.shape)
    if not np.any(finite):
        return 0.0
    scale = np.max(np.abs(expected[finite]))
    bound = storage_ulp(expected, dtype) / 2 + slack * scale
    return float(np.max((np.abs(out - expected) / bound)[finite]))


def _storage_mask_dtype(cfg, dtype, mask_dtype):
    if cfg.mask is None:
        return None
    if cfg.mask.kind == "bool":
        return "i1"
    return mask_dtype or dtype


def storage_attention_text(cfg, dtype, mask_dtype=None, window=None):
    """attn.attention for ``cfg`` with q, k, v and the result stored as
    ``dtype`` ("f32", "f16" or "bf16"); an additive mask is ``mask_dtype``
    (default: ``dtype``). Arguments are named q, k, v, mask; the result out."""
    md = _storage_mask_dtype(cfg, dtype, mask_dtype)
    q = tensor_type(cfg.q_shape, dtype)
    k = tensor_type(cfg.k_shape, dtype)
    v = tensor_type(cfg.v_shape, dtype)
    o = tensor_type(cfg.out_shape, dtype)
    args = ['%%q: %s {attn.name = "q"}' % q, '%%k: %s {attn.name = "k"}' % k,
            '%%v: %s {attn.name = "v"}' % v]
    clauses = ""
    if md is not None:
        m = tensor_type(cfg.mask.shape, md)
        args.append('%%mask: %s {attn.name = "mask"}' % m)
        clauses += " mask(%%mask : %s)" % m
    if cfg.scale is not None:
        clauses += " scale(%s)" % float_literal(cfg.scale)
    if cfg.causal is not None:
        clauses += " causal(%s)" % cfg.causal
    if window is not None:
        clauses += " window <left = %d, right = %d>" % tuple(window)
    return ("func.func @%s(%s)\n    -> (%s {attn.name = \"out\"}) {\n"
            "  %%o = attn.attention %%q, %%k, %%v%s\n      : %s, %s, %s -> %s\n"
            "  return %%o : %s\n}" % (cfg.name, ", ".join(args), o, clauses,
                                      q, k, v, o, o))


def storage_inputs(cfg, rng, dtype, mask_dtype=None):
    """(args, wide): ``attention_inputs`` rounded to the storage types, in
    argument order (float16 arrays for f16, bf16 bits in uint16 arrays,
    float32, bool masks), and the same values in float64 (what the reference
    must use: the rounded inputs)."""
    md = _storage_mask_dtype(cfg, dtype, mask_dtype)
    xs = attention_inputs(cfg, rng)
    types = [dtype] * 3 + ([md] if md is not None else [])
    args, wide = [], []
    with np.errstate(over="ignore"):
        for x, t in zip(xs, types):
            if t == "i1":
                args.append(x)
                wide.append(x)
                continue
            a = dtypes.storage_array(x, t)
            args.append(a)
            wide.append(widen(a, t))
    return args, wide


def run_storage_case(report, lib, cfg, rng):
    """Calls ``cfg``'s f16 / bf16 function of ``lib`` on fresh storage
    inputs: (fn, out, expected, mask), with ``expected`` the float64
    reference of the rounded inputs; None (and a failure reported) when
    the call raised."""
    from . import reference
    from .errors import AttnError

    args, wide = storage_inputs(cfg, rng, cfg.dtype, cfg.mask_dtype)
    mask = wide[3] if cfg.mask is not None else None
    expected = reference.sdpa(*wide[:3], mask=mask, scale=cfg.scale,
                              causal=cfg.causal, window=cfg.window)
    fn = getattr(lib, cfg.name)
    try:
        out = fn(*args)
    except (AttnError, ValueError) as e:
        report.fail(cfg.name, "call failed: %s [%s]" % (e, cfg.describe()))
        return None
    return fn, out, expected, mask
