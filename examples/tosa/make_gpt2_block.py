#!/usr/bin/env python3
"""Writes examples/tosa/gpt2_block.mlir: one GPT-2 decoder block in TOSA, the
way torch-mlir lowers Hugging Face's GPT2Block (eval mode, no KV cache):

    y1 = x + c_proj(attn(ln_1(x)))        y = y1 + mlp(ln_2(y1))

    ln       LayerNorm over the last dim (torch-mlir's native_layer_norm:
             reduce_sum * 1/E for the mean, x - mean, (x - mean)^2 summed
             * 1/E, + eps, rsqrt, the centering recomputed, * rstd,
             * weight, + bias)
    c_attn   GPT-2's Conv1D, addmm(b, x.view(-1, E), W) with W [E, 3E]
             (not transposed, unlike nn.Linear), split into q, k, v with
             tosa.slice (.split(E, dim=2))
    attn     heads split (view + transpose), q·kᵀ / sqrt(D) (a reciprocal and
             a product), torch.where(causal, s, finfo(float32).min) with a
             constant boolean mask, the decomposed softmax, ·v, heads merged
    mlp      c_fc (Conv1D E -> 4E), gelu_new (0.5·x·(1 + tanh(sqrt(2/pi)·
             (x + 0.044715·x^3))), x^3 as tosa.pow), c_proj (Conv1D 4E -> E)

Usage: make_gpt2_block.py [-o PATH] [--batch B] [--tokens T] [--width E]
                          [--heads H]
Defaults: GPT-2 small's width, B=1, T=128, E=768, H=12 (D=64).
"""

import argparse
import math
import os
import sys

import numpy as np


def f32(x):
    """An MLIR float literal of float32(x) (9 digits: exact in f32)."""
    return "%.9e" % float(np.float32(x))


def tensor(shape, elem="f32"):
    return "tensor<%s%s>" % ("".join("%dx" % d for d in shape), elem)


def bool_hex(bits):
    """MLIR's hex form of an i1 dense constant: bits packed LSB first."""
    flat = np.asarray(bits, dtype=bool).ravel()
    packed = np.packbits(flat, bitorder="little")
    return '"0x%s"' % packed.tobytes().hex().upper()


class Writer:
    def __init__(self):
        self.lines = []
        self.shapes = {}  # const_shape values already defined
        self.count = 0

    def emit(self, text):
        self.lines.append("  " + text)

    def comment(self, text):
        self.lines.append("")
        for line in text.splitlines():
            self.lines.append("  // " + line)

    def shape(self, dims):
        dims = tuple(int(d) for d in dims)
        if dims not in self.shapes:
            name = "%%shape%d" % len(self.shapes)
            values = ", ".join(str(d) for d in dims)
            self.emit("%s = tosa.const_shape {values = dense<[%s]> : "
                      "tensor<%dxindex>} : () -> !tosa.shape<%d>"
                      % (name, values, len(dims), len(dims)))
            self.shapes[dims] = name
        return self.shapes[dims]

    def reshape(self, name, x, xshape, shape):
        s = self.shape(shape)
        self.emit("%s = tosa.reshape %s, %s : (%s, !tosa.shape<%d>) -> %s"
                  % (name, x, s, tensor(xshape), len(shape), tensor(shape)))
        return name

    def scalar(self, name, value, rank):
        """A torch scalar as torch-mlir materializes it: a rank-0 tosa.const
        reshaped to rank `rank` of ones."""
        self.emit('%s_0d = "tosa.const"() <{values = dense<%s> : tensor<f32>}> '
                  ": () -> tensor<f32>" % (name, f32(value)))
        return self.reshape(name, name + "_0d", (), (1,) * rank)

    def binary(self, op, name, a, b, ashape, bshape, oshape):
        if op == "mul":
            self.emit("%s = tosa.mul %s, %s, %%shift : (%s, %s, tensor<1xi8>) "
                      "-> %s" % (name, a, b, tensor(ashape), tensor(bshape),
                                 tensor(oshape)))
        else:
            self.emit("%s = tosa.%s %s, %s : (%s, %s) -> %s"
                      % (name, op, a, b, tensor(ashape), tensor(bshape),
                         tensor(oshape)))
        return name

    def unary(self, op, name, a, shape):
        self.emit("%s = tosa.%s %s : (%s) -> %s" % (name, op, a, tensor(shape),
                                                    tensor(shape)))
        return name

    def matmul(self, name, a, b, ashape, bshape):
        oshape = (ashape[0], ashape[1], bshape[2])
        self.emit("%s = tosa.matmul %s, %s, %%zp, %%zp : (%s, %s, tensor<1xf32>,"
                  " tensor<1xf32>) -> %s" % (name, a, b, tensor(ashape),
                                             tensor(bshape), tensor(oshape)))
        return name

    def transpose(self, name, x, xshape, perms):
        oshape = tuple(xshape[p] for p in perms)
        self.emit("%s = tosa.transpose %s {perms = array<i32: %s>} : (%s) -> %s"
                  % (name, x, ", ".join(str(p) for p in perms), tensor(xshape),
                     tensor(oshape)))
        return name


def layer_norm(w, p, x, shape, weight, bias, eps):
    """torch-mlir's TOSA form of native_layer_norm over the last dim."""
    rank = len(shape)
    e = shape[-1]
    stat = tuple(shape[:-1]) + (1,)
    ones = (1,) * rank
    w.comment("%s: LayerNorm over the last dim (eps %g), as torch-mlir lowers "
              "native_layer_norm" % (p[1:], eps))
    w.emit('%s_n = "tosa.const"() <{values = dense<%s> : tensor<1xf32>}> : () '
           "-> tensor<1xf32>" % (p, f32(e)))
    w.emit("%s_rn1 = tosa.reciprocal %s_n : (tensor<1xf32>) -> tensor<1xf32>"
           % (p, p))
    rn = w.reshape(p + "_rn", p + "_rn1", (1,), ones)
    w.emit("%s_sum = tosa.reduce_sum %s {axis = %d : i32} : (%s) -> %s"
           % (p, x, rank - 1, tensor(shape), tensor(stat)))
    w.reshape(p + "_sumr", p + "_sum", stat, stat)
    mean = w.binary("mul", p + "_mean", p + "_sumr", rn, stat, ones, stat)
    c = w.binary("sub", p + "_c", x, mean, shape, stat, shape)
    sq = w.binary("mul", p + "_sq", c, c, shape, shape, shape)
    w.emit("%s_vsum = tosa.reduce_sum %s {axis = %d : i32} : (%s) -> %s"
           % (p, sq, rank - 1, tensor(shape), tensor(stat)))
    w.reshape(p + "_vsumr", p + "_vsum", stat, stat)
    var = w.binary("mul", p + "_var", p + "_vsumr", rn, stat, ones, stat)
    wshape = ones[:-1] + (e,)
    w3 = w.reshape(p + "_w3", weight, (e,), wshape)
    b3 = w.reshape(p + "_b3", bias, (e,), wshape)
    eps3 = w.scalar(p + "_eps", eps, rank)
    # torch-mlir recomputes the centering for the normalized value.
    c2 = w.binary("sub", p + "_c2", x, mean, shape, stat, shape)
    ve = w.binary("add", p + "_ve", var, eps3, stat, ones, stat)
    rstd = w.unary("rsqrt", p + "_rstd", ve, stat)
    norm = w.binary("mul", p + "_norm", c2, rstd, shape, stat, shape)
    scaled = w.binary("mul", p + "_scaled", norm, w3, shape, wshape, shape)
    return w.binary("add", p, scaled, b3, shape, wshape, shape)


def conv1d(w, p, x, shape, weight, bias, nout, what):
    """Hugging Face's Conv1D: addmm(bias, x.view(-1, nin), weight) with the
    weight [nin, nout], then .view(..., nout)."""
    nin = shape[-1]
    rows = int(np.prod(shape[:-1]))
    w.comment("%s: Conv1D %s, addmm(b, x.view(-1, %d), W) with W [%d, %d]"
              % (p[1:], what, nin, nin, nout))
    x2 = w.reshape(p + "_x2", x, shape, (rows, nin))
    x3 = w.reshape(p + "_x3", x2, (rows, nin), (1, rows, nin))
    w3 = w.reshape(p + "_w3", weight, (nin, nout), (1, nin, nout))
    mm3 = w.matmul(p + "_mm3", x3, w3, (1, rows, nin), (1, nin, nout))
    mm = w.reshape(p + "_mm", mm3, (1, rows, nout), (rows, nout))
    b2 = w.reshape(p + "_b2", bias, (nout,), (1, nout))
    # addmm = bias + mm (beta = alpha = 1)
    y2 = w.binary("add", p + "_y2", b2, mm, (1, nout), (rows, nout),
                  (rows, nout))
    oshape = tuple(shape[:-1]) + (nout,)
    return w.reshape(p, y2, (rows, nout), oshape), oshape


def gelu_new(w, p, x, shape):
    """0.5·x·(1 + tanh(sqrt(2/pi)·(x + 0.044715·pow(x, 3.0)))) as torch-mlir
    lowers NewGELUActivation."""
    rank = len(shape)
    ones = (1,) * rank
    w.comment("gelu_new: 0.5*x*(1 + tanh(sqrt(2/pi)*(x + 0.044715*pow(x, 3))))")
    half = w.scalar(p + "_half", 0.5, rank)
    three = w.scalar(p + "_three", 3.0, rank)
    coef = w.scalar(p + "_coef", 0.044715, rank)
    k = w.scalar(p + "_k", math.sqrt(2.0 / math.pi), rank)
    one = w.scalar(p + "_one", 1.0, rank)
    h = w.binary("mul", p + "_h", x, half, shape, ones, shape)
    w.emit("%s_cube = tosa.pow %s, %s : (%s, %s) -> %s"
           % (p, x, three, tensor(shape), tensor(ones), tensor(shape)))
    q = w.binary("mul", p + "_q", p + "_cube", coef, shape, ones, shape)
    s = w.binary("add", p + "_s", x, q, shape, shape, shape)
    u = w.binary("mul", p + "_u", s, k, shape, ones, shape)
    t = w.unary("tanh", p + "_t", u, shape)
    v = w.binary("add", p + "_v", t, one, shape, ones, shape)
    return w.binary("mul", p, h, v, shape, shape, shape)


def attention(w, qkv, b, t, e, heads):
    d = e // heads
    w.comment("q, k, v = c_attn(x).split(%d, dim=2)" % e)
    size = w.shape((b, t, e))
    parts = []
    for i, name in enumerate(("q", "k", "v")):
        start = w.shape((0, 0, i * e))
        w.emit("%%%s = tosa.slice %s, %s, %s : (%s, !tosa.shape<3>, "
               "!tosa.shape<3>) -> %s" % (name, qkv, start, size,
                                          tensor((b, t, 3 * e)),
                                          tensor((b, t, e))))
        parts.append("%" + name)
    w.comment("Split heads: view(B, T, H, D).permute(0, 2, 1, 3)")
    hs = (b, t, heads, d)
    heads_ = []
    for name in parts:
        w.reshape(name + "h_4", name, (b, t, e), hs)
        heads_.append(w.transpose(name + "h", name + "h_4", hs, (0, 2, 1, 3)))
    qh, kh, vh = heads_
    bh = (b, heads, t, d)
    w.comment("Scores: matmul(q, k.transpose(-1, -2)), the [B, H] batch "
              "flattened around the rank-3 matmul")
    kt = w.transpose("%kt", kh, bh, (0, 1, 3, 2))
    q3 = w.reshape("%q3", qh, bh, (b * heads, t, d))
    kt3 = w.reshape("%kt3", kt, (b, heads, d, t), (b * heads, d, t))
    s3 = w.matmul("%s3", q3, kt3, (b * heads, t, d), (b * heads, d, t))
    sh = (b, heads, t, t)
    s = w.reshape("%scores", s3, (b * heads, t, t), sh)
    w.comment("attn_weights / torch.full([], sqrt(%d)): a reciprocal and a "
              "product" % d)
    w.emit('%%sqrt_d = "tosa.const"() <{values = dense<%s> : '
           'tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>'
           % f32(math.sqrt(d)))
    w.unary("reciprocal", "%inv_sqrt_d", "%sqrt_d", (1, 1, 1, 1))
    scaled = w.binary("mul", "%scaled", s, "%inv_sqrt_d", sh, (1, 1, 1, 1), sh)
    w.comment("torch.where(causal_mask, attn_weights, finfo(float32).min): key "
              "j kept for query i when j <= i\n(the lower triangle; i1 hex is "
              "bit-packed, LSB first)")
    keep = np.tril(np.ones((t, t), dtype=bool)).reshape(1, 1, t, t)
    w.emit('%%causal = "tosa.const"() <{values = dense<%s> : %s}> : () -> %s'
           % (bool_hex(keep), tensor((1, 1, t, t), "i1"),
              tensor((1, 1, t, t), "i1")))
    w.emit('%%min = "tosa.const"() <{values = dense<%s> : tensor<1x1x1x1xf32>}>'
           ' : () -> tensor<1x1x1x1xf32>' % f32(np.finfo(np.float32).min))
    w.emit("%%masked = tosa.select %%causal, %s, %%min : (%s, %s, "
           "tensor<1x1x1x1xf32>) -> %s" % (scaled, tensor((1, 1, t, t), "i1"),
                                           tensor(sh), tensor(sh)))
    w.comment("softmax(attn_weights, dim=-1), decomposed")
    st = (b, heads, t, 1)
    w.emit("%%max = tosa.reduce_max %%masked {axis = 3 : i32} : (%s) -> %s"
           % (tensor(sh), tensor(st)))
    w.binary("sub", "%shifted", "%masked", "%max", sh, st, sh)
    w.unary("exp", "%exp", "%shifted", sh)
    w.emit("%%sum = tosa.reduce_sum %%exp {axis = 3 : i32} : (%s) -> %s"
           % (tensor(sh), tensor(st)))
    w.unary("reciprocal", "%inv_sum", "%sum", st)
    w.binary("mul", "%probs", "%exp", "%inv_sum", sh, st, sh)
    w.comment("matmul(attn_weights, v)")
    p3 = w.reshape("%p3", "%probs", sh, (b * heads, t, t))
    v3 = w.reshape("%v3", vh, bh, (b * heads, t, d))
    w.matmul("%o3", p3, v3, (b * heads, t, t), (b * heads, t, d))
    o = w.reshape("%o", "%o3", (b * heads, t, d), bh)
    w.comment("Merge heads: permute(0, 2, 1, 3).contiguous().view(B, T, E)")
    ot = w.transpose("%ot", o, bh, (0, 2, 1, 3))
    return w.reshape("%merged", ot, (b, t, heads, d), (b, t, e))


def generate(b, t, e, heads, eps=1e-5):
    if e % heads:
        raise ValueError("width %d is not a multiple of %d heads" % (e, heads))
    shape = (b, t, e)
    # (SSA name, attn.name): GPT2Block's parameter names with '.' -> '_';
    # attn.c_proj is plain c_proj ('attn_' is reserved for the runtime).
    args = [("x", "x", shape),
            ("ln_1_w", "ln_1_weight", (e,)), ("ln_1_b", "ln_1_bias", (e,)),
            ("c_attn_w", "c_attn_weight", (e, 3 * e)),
            ("c_attn_b", "c_attn_bias", (3 * e,)),
            ("attn_proj_w", "c_proj_weight", (e, e)),
            ("attn_proj_b", "c_proj_bias", (e,)),
            ("ln_2_w", "ln_2_weight", (e,)), ("ln_2_b", "ln_2_bias", (e,)),
            ("c_fc_w", "c_fc_weight", (e, 4 * e)),
            ("c_fc_b", "c_fc_bias", (4 * e,)),
            ("mlp_proj_w", "mlp_c_proj_weight", (4 * e, e)),
            ("mlp_proj_b", "mlp_c_proj_bias", (e,))]
    w = Writer()
    w.emit('%zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () '
           "-> tensor<1xf32>")
    w.emit('%shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () '
           "-> tensor<1xi8>")
    ln1 = layer_norm(w, "%ln_1", "%x", shape, "%ln_1_w", "%ln_1_b", eps)
    qkv, _ = conv1d(w, "%c_attn", ln1, shape, "%c_attn_w", "%c_attn_b", 3 * e,
                    "E -> 3E")
    merged = attention(w, qkv, b, t, e, heads)
    a, _ = conv1d(w, "%attn_proj", merged, shape, "%attn_proj_w",
                  "%attn_proj_b", e, "E -> E (attn.c_proj)")
    w.comment("hidden_states = attn_output + residual")
    y1 = w.binary("add", "%y1", a, "%x", shape, shape, shape)
    ln2 = layer_norm(w, "%ln_2", y1, shape, "%ln_2_w", "%ln_2_b", eps)
    fc, fshape = conv1d(w, "%c_fc", ln2, shape, "%c_fc_w", "%c_fc_b", 4 * e,
                        "E -> 4E (mlp.c_fc)")
    g = gelu_new(w, "%gelu", fc, fshape)
    m, _ = conv1d(w, "%mlp_proj", g, fshape, "%mlp_proj_w", "%mlp_proj_b", e,
                  "4E -> E (mlp.c_proj)")
    w.comment("hidden_states = residual + feed_forward_hidden_states")
    y = w.binary("add", "%y", y1, m, shape, shape, shape)
    w.emit("return %s : %s" % (y, tensor(shape)))

    d = e // heads
    head = [
        "// GENERATED by examples/tosa/make_gpt2_block.py --batch %d --tokens %d"
        " --width %d --heads %d;" % (b, t, e, heads),
        "// edit the script, not this file.",
        "//",
        "// One GPT-2 decoder block (Hugging Face's GPT2Block, eval mode) in "
        "TOSA as",
        "// torch-mlir emits it: batch %d, %d tokens, width %d, %d heads of "
        "%d." % (b, t, e, heads, d),
        "//",
        "//   y1 = x + c_proj(attn(ln_1(x)))        y = y1 + mlp(ln_2(y1))",
        "//",
        "// Layer norms decomposed (reduce_sum, rsqrt, ...), c_attn / c_proj /"
        " c_fc as",
        "// Conv1D (x·W + b, W [in, out]), q / k / v sliced from c_attn's "
        "output,",
        "// causal attention with a constant boolean mask and "
        "finfo(float32).min,",
        "// gelu_new with tosa.tanh and tosa.pow. --attn-raise and "
        "--attn-fuse turn it",
        "// into layer_norm, one multi_head_attention, add, layer_norm, "
        "linear, gelu,",
        "// linear, add:",
        "//",
        "//   attn-opt examples/tosa/gpt2_block.mlir --attn-raise "
        "--canonicalize --attn-fuse",
        "//   attn-compile examples/tosa/gpt2_block.mlir -o "
        "build/examples/libgpt2_block.so",
        "",
    ]
    params = ",\n".join(
        '%s%%%s: %s {attn.name = "%s"}'
        % (" " * 21 if i else "", ssa, tensor(s), name)
        for i, (ssa, name, s) in enumerate(args))
    sig = ["func.func @gpt2_block(%s)" % params,
           '    -> (%s {attn.name = "y"}) {' % tensor(shape)]
    return "\n".join(head + sig + w.lines + ["}", ""])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "gpt2_block.mlir"),
        help="where to write the .mlir ('-' for stdout)")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--tokens", type=int, default=128)
    parser.add_argument("--width", type=int, default=768)
    parser.add_argument("--heads", type=int, default=12)
    args = parser.parse_args(argv)
    text = generate(args.batch, args.tokens, args.width, args.heads)
    if args.output == "-":
        sys.stdout.write(text)
    else:
        with open(args.output, "w") as f:
            f.write(text)


if __name__ == "__main__":
    main()
