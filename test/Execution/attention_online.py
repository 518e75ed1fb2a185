# RUN: %python %s
# The online-softmax form (several KV blocks) and split-KV decoding, with
# the tiling pinned in the input IR, against the float64 reference
# (relative error <= 1e-4 for f32): KV blocks that do not divide M, blocks
# that are not whole key panels, more splits than blocks (empty splits),
# causal in both alignments, masks with fully masked rows, GQA, large logits.
import numpy as np

import attn
from attn import reference as ref
from attn.testing import Report, tensor_type

TOL = 1e-4
rng = np.random.default_rng(11)
configs = []


def config(name, B, Hq, Hkv, N, M, D, Dv, tiling, causal=None, mask=None,
           logit_scale=1.0, expect_splits=None):
    configs.append(dict(name=name, B=B, Hq=Hq, Hkv=Hkv, N=N, M=M, D=D, Dv=Dv,
                        tiling=tiling, causal=causal, mask=mask,
                        logit_scale=logit_scale,
                        expect_splits=expect_splits or tiling[2]))


config("blocks_not_dividing_m", 1, 2, 2, 37, 100, 16, 24, (8, 32, 1))
config("block_not_whole_panels", 2, 2, 1, 9, 70, 40, 40, (4, 20, 1))
config("causal_top_left_online", 1, 4, 2, 50, 50, 32, 32, (16, 16, 1),
       causal="top_left")
config("causal_bottom_right_n_gt_m", 1, 2, 2, 40, 23, 16, 16, (8, 16, 1),
       causal="bottom_right")
config("bool_mask_fully_masked_rows", 1, 2, 2, 12, 90, 16, 16, (4, 32, 1),
       mask=("i1", (1, 2, 12, 90)))
config("additive_mask_online", 2, 2, 2, 10, 65, 64, 16, (64, 16, 1),
       mask=("f32", (10, 65)))
config("decode_split_kv", 1, 2, 2, 1, 1000, 64, 64, (1, 128, 4))
config("decode_more_splits_than_blocks", 1, 1, 1, 1, 100, 16, 16, (1, 48, 8),
       expect_splits=3)
config("decode_split_gqa_causal", 1, 8, 2, 3, 300, 32, 48, (1, 64, 3),
       causal="bottom_right")
config("decode_split_mask", 1, 2, 1, 2, 257, 16, 16, (2, 32, 5),
       mask=("i1", (2, 257)))
config("large_logits_online", 1, 2, 2, 17, 200, 32, 32, (8, 64, 2),
       logit_scale=30.0)
config("query_tile_not_multiple", 1, 1, 1, 23, 45, 16, 16, (7, 16, 2))


def make_mask(dtype, shape, N):
    if dtype == "i1":
        m = rng.random(shape) < 0.6
        # Fully masked query rows (all keys dropped for one query).
        m[..., N // 2, :] = False
        return m
    m = np.where(rng.random(shape) < 0.3, -np.inf, 0.0).astype(np.float32)
    m = m + rng.standard_normal(shape).astype(np.float32)
    m[..., N // 2, :] = -np.inf
    return m


lines = ["// attention_online.py"]
for c in configs:
    q_t = tensor_type((c["B"], c["Hq"], c["N"], c["D"]))
    k_t = tensor_type((c["B"], c["Hkv"], c["M"], c["D"]))
    v_t = tensor_type((c["B"], c["Hkv"], c["M"], c["Dv"]))
    o_t = tensor_type((c["B"], c["Hq"], c["N"], c["Dv"]))
    args = ["%%q: %s" % q_t, "%%k: %s" % k_t, "%%v: %s" % v_t]
    mask_clause = ""
    if c["mask"]:
        m_t = tensor_type(c["mask"][1], c["mask"][0])
        args.append("%%m: %s" % m_t)
        mask_clause = " mask(%%m : %s)" % m_t
    causal = " causal(%s)" % c["causal"] if c["causal"] else ""
    tiling = " tiling <query_tile = %d, kv_tile = %d, kv_splits = %d>" % \
        c["tiling"]
    lines.append("func.func @%s(%s) -> %s {" % (c["name"], ", ".join(args),
                                               o_t))
    lines.append("  %%o = attn.attention %%q, %%k, %%v%s%s%s : %s, %s, %s -> %s"
                 % (mask_clause, causal, tiling, q_t, k_t, v_t, o_t))
    lines.append("  return %%o : %s" % o_t)
    lines.append("}")

report = Report("online attention vs float64 reference (f32 tol %g)" % TOL)
lib = attn.compile("\n".join(lines) + "\n", name="attention_online")
for c in configs:
    entry = [f for f in lib.manifest["functions"] if f["name"] == c["name"]][0]
    sched = entry["schedule"]["attention"][0]
    report.expect(sched["form"] == "online"
                  and sched["kv_splits"] == c["expect_splits"],
                  c["name"] + " schedule",
                  "form %s, kv_tile %d, kv_splits %d" % (
                      sched["form"], sched["kv_tile"], sched["kv_splits"]))
    q = rng.standard_normal((c["B"], c["Hq"], c["N"], c["D"])).astype(
        np.float32) * np.float32(c["logit_scale"] ** 0.5)
    k = rng.standard_normal((c["B"], c["Hkv"], c["M"], c["D"])).astype(
        np.float32) * np.float32(c["logit_scale"] ** 0.5)
    v = rng.standard_normal((c["B"], c["Hkv"], c["M"], c["Dv"])).astype(
        np.float32)
    xs = [q, k, v]
    mask = None
    if c["mask"]:
        mask = make_mask(c["mask"][0], c["mask"][1], c["N"])
        xs.append(mask)
    expected = ref.sdpa(q, k, v, mask=mask, causal=c["causal"])
    out = getattr(lib, c["name"])(*xs)
    report.compare(c["name"], out, expected, rtol=TOL,
                   detail="tiling %s" % (c["tiling"],))
report.finish()
