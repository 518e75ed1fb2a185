#!/usr/bin/env python3
"""Writes examples/tosa/vit_block.mlir: one ViT encoder block in TOSA, the way
torch-mlir lowers timm's (and torchvision's) pre-norm `Block` in eval mode:

    y1 = x + proj(attn(norm1(x)))        y = y1 + fc2(gelu(fc1(norm2(y1))))

    norm     LayerNorm over the last dim, eps 1e-6 (timm's ViT), lowered as
             native_layer_norm (the same ops as in make_gpt2_block.py)
    qkv      nn.Linear E -> 3E (aten.linear: the weight [3E, E] transposed by
             tosa.transpose, reshaped to [1, E, 3E] for the rank-3
             tosa.matmul, the bias reshaped to [1, 1, 3E] and added), then
             timm's qkv.reshape(B, N, 3, H, D).permute(2, 0, 3, 1, 4) and
             .unbind(0): tosa.reshape, tosa.transpose, and per part a
             tosa.slice of [1, B, H, N, D] (aten.select decomposed to
             slice + squeeze) and the squeeze as tosa.reshape
    attn     F.scaled_dot_product_attention as torch-mlir decomposes it:
             k.transpose(-2, -1), q·kᵀ with the [B, H] batch flattened around
             the rank-3 matmul, * 1/sqrt(D) (aten.mul.Scalar), the
             decomposed softmax (reduce_max, sub, exp, reduce_sum,
             reciprocal, mul), ·v; no mask; heads merged by
             transpose(1, 2).reshape(B, N, E)
    proj     nn.Linear E -> E
    mlp      fc1 (nn.Linear E -> 4E), nn.GELU() (exact: torch-mlir's
             x · 0.5·(1 + erf((x - 0)·0.70710678)), tosa.erf), fc2 (4E -> E)

Usage: make_vit_block.py [-o PATH] [--batch B] [--tokens N] [--width E]
                         [--heads H]
Defaults: ViT-Base's width, B=1, N=197 (196 patches + [CLS]), E=768, H=12
(D=64).
"""

import argparse
import math
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from make_gpt2_block import Writer, f32, layer_norm, tensor  # noqa: E402


def linear(w, p, x, shape, weight, bias, nout, what):
    """nn.Linear (weight [out, in]) as torch-mlir lowers aten.linear: bias
    reshaped to the input's rank, weight transposed, rank-3 tosa.matmul (a
    batch > 1 is folded into the rows, the weight's unit batch moved next to
    its columns, and the product reshaped back), bias added."""
    nin = shape[-1]
    b, rows = shape[0], tuple(shape[1:-1])
    rank = len(shape)
    oshape = tuple(shape[:-1]) + (nout,)
    w.comment("%s: nn.Linear %s, x·Wᵀ + b with W [%d, %d]"
              % (p[1:], what, nout, nin))
    bshape = (1,) * (rank - 1) + (nout,)
    b3 = w.reshape(p + "_b3", bias, (nout,), bshape)
    wt = w.transpose(p + "_wt", weight, (nout, nin), (1, 0))
    wt3 = w.reshape(p + "_wt3", wt, (nin, nout), (1, nin, nout))
    if b == 1:
        mm = w.matmul(p + "_mm", x, wt3, shape, (1, nin, nout))
    else:
        # The batch differs from the weight's 1: rows [1, B*N, E], the
        # weight's dims ordered (matmul dim, broadcast dim, columns).
        m = b * int(math.prod(rows))
        x3 = w.reshape(p + "_x3", x, shape, (1, m, nin))
        wtt = w.transpose(p + "_wtt", wt3, (1, nin, nout), (1, 0, 2))
        w3 = w.reshape(p + "_w3", wtt, (nin, 1, nout), (1, nin, nout))
        mm3 = w.matmul(p + "_mm3", x3, w3, (1, m, nin), (1, nin, nout))
        mm = w.reshape(p + "_mm", mm3, (1, m, nout), oshape)
    return w.binary("add", p, mm, b3, oshape, bshape, oshape), oshape


def gelu_erf(w, p, x, shape):
    """nn.GELU() (approximate='none') as torch-mlir lowers aten.gelu:
    x · (0.5 · (1 + erf((x - 0) · 0.70710678)))."""
    rank = len(shape)
    ones = (1,) * rank
    w.comment("nn.GELU(): x * (0.5 * (1 + erf((x - 0) * 0.70710678))), the "
              "unit normal CDF\nwith mean 0 subtracted")
    zero = w.scalar(p + "_zero", 0.0, rank)
    one = w.scalar(p + "_one", 1.0, rank)
    half = w.scalar(p + "_half", 0.5, rank)
    rsqrt2 = w.scalar(p + "_rsqrt2", 0.70710678, rank)
    c = w.binary("sub", p + "_c", x, zero, shape, ones, shape)
    u = w.binary("mul", p + "_u", c, rsqrt2, shape, ones, shape)
    e = w.unary("erf", p + "_erf", u, shape)
    v = w.binary("add", p + "_v", one, e, ones, shape, shape)
    cdf = w.binary("mul", p + "_cdf", half, v, ones, shape, shape)
    return w.binary("mul", p, x, cdf, shape, shape, shape)


def attention(w, qkv, b, n, e, heads):
    d = e // heads
    packed = (b, n, 3, heads, d)
    w.comment("qkv.reshape(B, N, 3, H, D).permute(2, 0, 3, 1, 4)")
    r = w.reshape("%qkv5", qkv, (b, n, 3 * e), packed)
    t = w.transpose("%qkv_t", r, packed, (2, 0, 3, 1, 4))
    tshape = (3, b, heads, n, d)
    w.comment("q, k, v = qkv.unbind(0): select(0, i) as slice [i:i+1] and "
              "squeeze(0)")
    size = w.shape((1, b, heads, n, d))
    bh = (b, heads, n, d)
    parts = []
    for i, name in enumerate(("q", "k", "v")):
        start = w.shape((i, 0, 0, 0, 0))
        w.emit("%%%s_1 = tosa.slice %s, %s, %s : (%s, !tosa.shape<5>, "
               "!tosa.shape<5>) -> %s" % (name, t, start, size,
                                          tensor(tshape),
                                          tensor((1,) + bh)))
        parts.append(w.reshape("%" + name, "%%%s_1" % name, (1,) + bh, bh))
    q, k, v = parts
    w.comment("F.scaled_dot_product_attention(q, k, v) decomposed: "
              "q·k.transpose(-2, -1), the [B, H]\nbatch flattened around the "
              "rank-3 matmul")
    kt = w.transpose("%kt", k, bh, (0, 1, 3, 2))
    q3 = w.reshape("%q3", q, bh, (b * heads, n, d))
    kt3 = w.reshape("%kt3", kt, (b, heads, d, n), (b * heads, d, n))
    s3 = w.matmul("%s3", q3, kt3, (b * heads, n, d), (b * heads, d, n))
    sh = (b, heads, n, n)
    s = w.reshape("%scores", s3, (b * heads, n, n), sh)
    w.comment("* scale, 1/sqrt(%d) (aten.mul.Scalar)" % d)
    scale = w.scalar("%scale", 1.0 / math.sqrt(d), 4)
    scaled = w.binary("mul", "%scaled", s, scale, sh, (1, 1, 1, 1), sh)
    w.comment("softmax(dim=-1), decomposed")
    st = (b, heads, n, 1)
    w.emit("%%max = tosa.reduce_max %s {axis = 3 : i32} : (%s) -> %s"
           % (scaled, tensor(sh), tensor(st)))
    w.binary("sub", "%shifted", scaled, "%max", sh, st, sh)
    w.unary("exp", "%exp", "%shifted", sh)
    w.emit("%%sum = tosa.reduce_sum %%exp {axis = 3 : i32} : (%s) -> %s"
           % (tensor(sh), tensor(st)))
    w.unary("reciprocal", "%inv_sum", "%sum", st)
    w.binary("mul", "%probs", "%exp", "%inv_sum", sh, st, sh)
    w.comment("·v")
    p3 = w.reshape("%p3", "%probs", sh, (b * heads, n, n))
    v3 = w.reshape("%v3", v, bh, (b * heads, n, d))
    w.matmul("%o3", p3, v3, (b * heads, n, n), (b * heads, n, d))
    o = w.reshape("%o", "%o3", (b * heads, n, d), bh)
    w.comment("Merge heads: x.transpose(1, 2).reshape(B, N, E)")
    ot = w.transpose("%ot", o, bh, (0, 2, 1, 3))
    return w.reshape("%merged", ot, (b, n, heads, d), (b, n, e))


def generate(b, n, e, heads, eps=1e-6):
    if e % heads:
        raise ValueError("width %d is not a multiple of %d heads" % (e, heads))
    shape = (b, n, e)
    # (SSA name, attn.name): timm's parameter names with '.' -> '_'; the
    # attention's attn.qkv / attn.proj drop their 'attn.' ('attn_' is
    # reserved for the runtime).
    args = [("x", "x", shape),
            ("norm1_w", "norm1_weight", (e,)), ("norm1_b", "norm1_bias", (e,)),
            ("qkv_w", "qkv_weight", (3 * e, e)),
            ("qkv_b", "qkv_bias", (3 * e,)),
            ("proj_w", "proj_weight", (e, e)), ("proj_b", "proj_bias", (e,)),
            ("norm2_w", "norm2_weight", (e,)), ("norm2_b", "norm2_bias", (e,)),
            ("fc1_w", "mlp_fc1_weight", (4 * e, e)),
            ("fc1_b", "mlp_fc1_bias", (4 * e,)),
            ("fc2_w", "mlp_fc2_weight", (e, 4 * e)),
            ("fc2_b", "mlp_fc2_bias", (e,))]
    w = Writer()
    w.emit('%zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () '
           "-> tensor<1xf32>")
    w.emit('%shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () '
           "-> tensor<1xi8>")
    n1 = layer_norm(w, "%norm1", "%x", shape, "%norm1_w", "%norm1_b", eps)
    qkv, _ = linear(w, "%qkv", n1, shape, "%qkv_w", "%qkv_b", 3 * e,
                    "E -> 3E (attn.qkv)")
    merged = attention(w, qkv, b, n, e, heads)
    a, _ = linear(w, "%proj", merged, shape, "%proj_w", "%proj_b", e,
                  "E -> E (attn.proj)")
    w.comment("x = x + attn(norm1(x))")
    y1 = w.binary("add", "%y1", "%x", a, shape, shape, shape)
    n2 = layer_norm(w, "%norm2", y1, shape, "%norm2_w", "%norm2_b", eps)
    fc, fshape = linear(w, "%fc1", n2, shape, "%fc1_w", "%fc1_b", 4 * e,
                        "E -> 4E (mlp.fc1)")
    g = gelu_erf(w, "%gelu", fc, fshape)
    m, _ = linear(w, "%fc2", g, fshape, "%fc2_w", "%fc2_b", e,
                  "4E -> E (mlp.fc2)")
    w.comment("x = x + mlp(norm2(x))")
    y = w.binary("add", "%y", y1, m, shape, shape, shape)
    w.emit("return %s : %s" % (y, tensor(shape)))

    d = e // heads
    head = [
        "// GENERATED by examples/tosa/make_vit_block.py --batch %d --tokens %d"
        " --width %d --heads %d;" % (b, n, e, heads),
        "// edit the script, not this file.",
        "//",
        "// One ViT encoder block (timm's / torchvision's pre-norm Block, eval "
        "mode) in",
        "// TOSA as torch-mlir emits it: batch %d, %d tokens, width %d, %d "
        "heads of %d." % (b, n, e, heads, d),
        "//",
        "//   y1 = x + proj(attn(norm1(x)))        y = y1 + "
        "fc2(gelu(fc1(norm2(y1))))",
        "//",
        "// Layer norms decomposed (eps 1e-6), every projection an nn.Linear "
        "(weight",
        "// [out, in], transposed by tosa.transpose), q / k / v unpacked from "
        "qkv's",
        "// output by reshape(B, N, 3, H, D), permute(2, 0, 3, 1, 4) and "
        "unbind(0),",
        "// scaled_dot_product_attention decomposed (no mask, * 1/sqrt(D), "
        "softmax),",
        "// exact GELU with tosa.erf. --attn-raise and --attn-fuse turn it "
        "into",
        "// layer_norm, one multi_head_attention, add, layer_norm, linear, "
        "gelu, linear,",
        "// add:",
        "//",
        "//   attn-opt examples/tosa/vit_block.mlir --attn-raise "
        "--canonicalize --attn-fuse",
        "//   attn-compile examples/tosa/vit_block.mlir -o "
        "build/examples/libvit_block.so",
        "",
    ]
    params = ",\n".join(
        '%s%%%s: %s {attn.name = "%s"}'
        % (" " * 20 if i else "", ssa, tensor(s), name)
        for i, (ssa, name, s) in enumerate(args))
    sig = ["func.func @vit_block(%s)" % params,
           '    -> (%s {attn.name = "y"}) {' % tensor(shape)]
    return "\n".join(head + sig + w.lines + ["}", ""])


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "vit_block.mlir"),
        help="where to write the .mlir ('-' for stdout)")
    parser.add_argument("--batch", type=int, default=1)
    parser.add_argument("--tokens", type=int, default=197)
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
