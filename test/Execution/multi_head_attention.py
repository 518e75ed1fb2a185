# RUN: %python %s
# attn.multi_head_attention written directly, against the float64 reference
# (projections, GQA sdpa, output projection; relative error <= 1e-4 as
# max|out - ref| / max|ref|): self- and cross-attention (N != M, key and
# value inputs of other widths), grouped-query heads, optional biases,
# boolean and additive masks with fully masked rows (zeros; a mask_fill's
# rows average the values instead), causal in both
# alignments, odd sizes, the online form over KV tiles and split-KV decode
# from a pinned tiling, and large logits.
import numpy as np

import attn
from attn import reference as ref
from attn.testing import Report, tensor_type

TOL = 1e-4
rng = np.random.default_rng(23)
configs = []


def config(name, B, N, M, Eq, Ek, Ev, Eo, H, Hkv, D, Dv, biases=True,
           self_attention=False, mask=None, causal=None, scale=None,
           tiling=None, input_scale=1.0, mask_fill=None):
    configs.append(dict(name=name, B=B, N=N, M=M, Eq=Eq, Ek=Ek, Ev=Ev, Eo=Eo,
                        H=H, Hkv=Hkv, D=D, Dv=Dv, biases=biases,
                        self_attention=self_attention, mask=mask,
                        causal=causal, scale=scale, tiling=tiling,
                        input_scale=input_scale, mask_fill=mask_fill))


config("self_attention", 2, 17, 17, 48, 48, 48, 48, 3, 3, 16, 16,
       self_attention=True)
config("gqa_causal", 1, 33, 33, 64, 64, 64, 64, 8, 2, 8, 8,
       self_attention=True, causal="top_left")
config("cross_attention", 2, 5, 23, 24, 40, 12, 20, 2, 2, 12, 7)
config("cross_no_biases_mqa", 1, 9, 31, 20, 20, 20, 13, 4, 1, 5, 3,
       biases=False)
config("bool_mask_masked_rows", 1, 12, 19, 16, 16, 16, 16, 2, 2, 8, 8,
       mask=("i1", (1, 2, 12, 19)))
config("mask_fill_causal", 1, 12, 12, 16, 16, 16, 16, 2, 2, 8, 8,
       self_attention=True, mask=("i1", (1, 1, 12, 12)), causal="top_left",
       mask_fill=-1e9)
config("additive_mask_scale", 2, 7, 11, 30, 18, 18, 30, 3, 3, 10, 6,
       mask=("f32", (2, 1, 1, 11)), scale=0.3)
config("causal_bottom_right_cross", 1, 6, 20, 16, 16, 16, 16, 2, 1, 8, 8,
       causal="bottom_right")
config("online_kv_tiles", 1, 40, 300, 32, 32, 32, 32, 4, 2, 8, 8,
       tiling=(16, 64, 1))
config("decode_split_kv", 1, 1, 500, 64, 64, 64, 64, 4, 4, 16, 16,
       tiling=(1, 64, 4), causal="bottom_right")
config("large_logits", 1, 10, 10, 16, 16, 16, 16, 2, 2, 8, 8,
       self_attention=True, input_scale=8.0)


def make_mask(dtype, shape, n):
    if dtype == "i1":
        m = rng.random(shape) < 0.6
        m[..., n // 2, :] = False  # a fully masked query row
        return m
    m = np.where(rng.random(shape) < 0.3, -np.inf, 0.0).astype(np.float32)
    return m + rng.standard_normal(shape).astype(np.float32)


def build(c):
    B, N, M = c["B"], c["N"], c["M"]
    ty = tensor_type
    q_t, k_t, v_t = ty((B, N, c["Eq"])), ty((B, M, c["Ek"])), ty((B, M, c["Ev"]))
    o_t = ty((B, N, c["Eo"]))
    weights = [("wq", (c["H"] * c["D"], c["Eq"])),
               ("wk", (c["Hkv"] * c["D"], c["Ek"])),
               ("wv", (c["Hkv"] * c["Dv"], c["Ev"])),
               ("wo", (c["Eo"], c["H"] * c["Dv"]))]
    args = ["%%x: %s" % q_t] if c["self_attention"] else \
        ["%%q: %s" % q_t, "%%k: %s" % k_t, "%%v: %s" % v_t]
    shapes = [(B, N, c["Eq"])] if c["self_attention"] else \
        [(B, N, c["Eq"]), (B, M, c["Ek"]), (B, M, c["Ev"])]
    clauses = []
    for w, shape in weights:
        args.append("%%%s: %s" % (w, ty(shape)))
        shapes.append(shape)
        clause = "%s_proj(%%%s : %s" % (w[1], w, ty(shape))
        if c["biases"]:
            b = "b" + w[1]
            args.append("%%%s: %s" % (b, ty((shape[0],))))
            shapes.append((shape[0],))
            clause += " bias %%%s : %s" % (b, ty((shape[0],)))
        clauses.append(clause + ")")
    extra = ""
    if c["mask"]:
        m_t = ty(c["mask"][1], c["mask"][0])
        args.append("%%m: %s" % m_t)
        extra += " mask(%%m : %s)" % m_t
    if c["scale"] is not None:
        extra += " scale(%r)" % c["scale"]
    if c["causal"]:
        extra += " causal(%s)" % c["causal"]
    if c["mask_fill"] is not None:
        extra += " mask_fill(%r)" % float(c["mask_fill"])
    if c["tiling"]:
        extra += " tiling <query_tile = %d, kv_tile = %d, kv_splits = %d>" % \
            c["tiling"]
    heads = "%d" % c["H"] if c["H"] == c["Hkv"] else "%d, %d" % (c["H"],
                                                                 c["Hkv"])
    inputs = "%x, %x, %x" if c["self_attention"] else "%q, %k, %v"
    text = ["func.func @%s(%s) -> %s {" % (c["name"], ", ".join(args), o_t),
            "  %%y = attn.multi_head_attention %s heads(%s) %s%s : %s, %s, %s"
            " -> %s" % (inputs, heads, " ".join(clauses), extra,
                        q_t if c["self_attention"] else q_t,
                        q_t if c["self_attention"] else k_t,
                        q_t if c["self_attention"] else v_t, o_t),
            "  return %%y : %s" % o_t, "}"]
    return "\n".join(text), shapes


report = Report("multi_head_attention vs float64 reference (f32 tol %g)" % TOL)
texts, shape_lists = [], {}
for c in configs:
    text, shapes = build(c)
    texts.append(text)
    shape_lists[c["name"]] = shapes
lib = attn.compile("\n".join(texts) + "\n", name="multi_head_attention")
for c in configs:
    xs = []
    for i, shape in enumerate(shape_lists[c["name"]]):
        x = rng.standard_normal(shape)
        # Inputs keep their scale; weights are scaled like nn.Linear's init.
        x = x * (c["input_scale"] if len(shape) == 3 else
                 1.0 / np.sqrt(shape[-1]))
        xs.append(x.astype(np.float32))
    mask = None
    if c["mask"]:
        mask = make_mask(c["mask"][0], c["mask"][1], c["N"])
        xs.append(mask)
    it = iter(xs)
    if c["self_attention"]:
        query = key = value = next(it)
    else:
        query, key, value = next(it), next(it), next(it)
    params = {}
    for w in ("q", "k", "v", "o"):
        params["w" + w] = next(it)
        if c["biases"]:
            params["b" + w] = next(it)
    expected = ref.multi_head_attention(
        query, key, value, heads=c["H"], kv_heads=c["Hkv"], mask=mask,
        scale=c["scale"], causal=c["causal"], mask_fill=c["mask_fill"],
        **params)
    entry = [f for f in lib.manifest["functions"] if f["name"] == c["name"]][0]
    sched = entry["schedule"]["attention"][0]
    if c["tiling"]:
        report.expect(sched["form"] == "online" and
                      sched["kv_tile"] == c["tiling"][1] and
                      sched["kv_splits"] == c["tiling"][2],
                      c["name"] + " schedule", "form %s, kv_tile %d, "
                      "kv_splits %d" % (sched["form"], sched["kv_tile"],
                                        sched["kv_splits"]))
    out = getattr(lib, c["name"])(*xs)
    report.compare(c["name"], out, expected, rtol=TOL)
report.finish()
