# RUN: %python %s
# attn.attention's sparsity clauses (dilated window, chunk, prefix, block
# layout, segment ids) and score modifiers (ALiBi, softcap), alone and in the
# combinations models use, against the float64 reference built from the
# equivalent dense mask (relative error <= 1e-4 as max|out - ref| /
# max|ref|): odd sizes and head dims, N != M, tiles that do not divide the
# sizes or the layout's blocks, windows and chunks wider than the sequence,
# rows that keep no key (zeros), the online form, split-KV decoding, GQA;
# and constant masks with holes, classified at compile time.
# `--target=T` compiles for another target (attention_patterns_opencl.py
# runs this file on OpenCL).
import numpy as np

import attn
from attn import reference as ref
from attn.testing import Report, target_from_args, tensor_type

TOL = 1e-4
TARGET = target_from_args()
rng = np.random.default_rng(11)
configs = []


def config(name, N, M, D=32, B=1, Hq=2, Hkv=2, tiling=None, causal=None,
           window=None, chunk=None, prefix=None, layout=None, segments=None,
           alibi=False, softcap=None, mask=None, logit_scale=1.0):
    configs.append(dict(name=name, B=B, Hq=Hq, Hkv=Hkv, N=N, M=M, D=D,
                        tiling=tiling, causal=causal, window=window,
                        chunk=chunk, prefix=prefix, layout=layout,
                        segments=segments, alibi=alibi, softcap=softcap,
                        mask=mask, logit_scale=logit_scale))


def random_layout(rows, cols, density, heads=None):
    shape = (rows, cols) if heads is None else (heads, rows, cols)
    table = rng.random(shape) < density
    return table


def document_ids(batch, length, docs):
    """Sorted ids of `docs` documents of random lengths, per batch row."""
    ids = np.zeros((batch, length), np.int32)
    for b in range(batch):
        cuts = np.sort(rng.choice(np.arange(1, length), docs - 1,
                                  replace=False))
        ids[b] = np.searchsorted(cuts, np.arange(length), side="right")
    return ids


# Dilated windows.
config("dilated_causal", 77, 77, tiling=(16, 32, 1), causal="top_left",
       window=(12, 0, 3))
config("dilated_two_sided_n_lt_m", 40, 50, D=24, window=(5, 7, 2))
config("dilated_wider_than_sequence", 13, 9, D=8, window=(40, 40, 4))
# Chunked local attention (Llama 4: causal within chunks of C).
config("chunk_causal", 100, 100, tiling=(16, 32, 1), causal="top_left",
       chunk=24)
config("chunk_bidirectional", 65, 65, D=40, tiling=(8, 16, 1), chunk=16)
config("chunk_bottom_right_n_lt_m", 30, 70, causal="bottom_right", chunk=20,
       tiling=(8, 16, 1))
config("chunk_wider_than_sequence", 20, 20, D=16, causal="top_left",
       chunk=64)
# Prefix-LM: a bidirectional prefix, causal after it (and with a window).
config("prefix_causal", 90, 90, tiling=(16, 32, 1), causal="top_left",
       prefix=17)
config("prefix_window", 120, 120, tiling=(16, 32, 1), causal="top_left",
       window=(20, 0), prefix=9)
# The prefix ends on a block's last key (15) or first key (16).
config("prefix_block_edges", 48, 48, D=16, causal="top_left", prefix=15,
       tiling=(16, 16, 1))
config("prefix_block_start", 48, 48, D=16, causal="top_left", prefix=17,
       window=(3, 0), tiling=(16, 16, 1))
config("prefix_chunk_gqa", 64, 64, Hq=4, Hkv=2, causal="top_left",
       chunk=16, prefix=5, tiling=(16, 16, 1))
# A prefix longer than a query tile (the GPU's tiles are 32 rows), alone
# and with a window that starts past it: the first rows see the whole
# prefix, the last rows the prefix and their window.
config("prefix_long", 100, 100, D=16, causal="top_left", prefix=70)
config("prefix_long_window", 130, 130, D=16, causal="top_left",
       window=(8, 0), prefix=40)
# Block-sparse layouts: tiles that cover several cells, cells that span
# tiles, ragged last cells, per-head tables, rows without any block.
layout96 = random_layout(6, 6, 0.3)
np.fill_diagonal(layout96, True)
layout96[2, :] = False  # rows 32..47 keep nothing
config("layout_shared", 96, 96, tiling=(32, 32, 1),
       layout=(16, 16, layout96))
config("layout_per_head_ragged", 50, 70, D=40,
       layout=(8, 16, random_layout(7, 5, 0.4, heads=2)), tiling=(16, 32, 1))
config("layout_cells_wider_than_tiles", 64, 128, tiling=(8, 16, 1),
       layout=(32, 64, np.array([[True, False], [True, True]])))
config("layout_causal", 80, 80, causal="top_left", tiling=(16, 16, 1),
       layout=(16, 16, np.tril(random_layout(5, 5, 0.6) | np.eye(5, dtype=bool))))
# Documents packed into one sequence (segment ids), with causal.
config("documents_causal", 100, 100, B=2, tiling=(16, 32, 1),
       causal="top_left", segments="documents")
config("documents_cross_broadcast", 30, 80, segments="unsorted",
       tiling=(8, 16, 1))
config("documents_no_match", 24, 24, segments="disjoint")
# Score modifiers.
config("alibi_causal", 70, 70, Hq=4, Hkv=4, causal="top_left", alibi=True,
       tiling=(16, 32, 1))
config("alibi_bottom_right", 5, 40, Hq=4, Hkv=1, causal="bottom_right",
       alibi=True)
config("softcap_large_logits", 45, 45, softcap=5.0, logit_scale=10.0,
       mask="additive")
# Combinations.
config("everything_online", 100, 130, B=2, Hq=4, Hkv=2, D=40,
       tiling=(16, 32, 1), causal="bottom_right", window=(50, 0, 1),
       chunk=40, segments="documents", mask="bool", alibi=True,
       softcap=30.0)
config("decode_split_kv", 1, 300, Hq=4, Hkv=1, D=64, tiling=(1, 64, 4),
       causal="bottom_right", window=(100, 0, 2), prefix=10, alibi=True)
config("layout_mask_segments", 64, 64, tiling=(16, 16, 1),
       layout=(16, 16, random_layout(4, 4, 0.7)), segments="documents",
       mask="bool")

lines = []
inputs = {}
for c in configs:
    N, M = c["N"], c["M"]
    q_t = tensor_type((c["B"], c["Hq"], N, c["D"]))
    k_t = tensor_type((c["B"], c["Hkv"], M, c["D"]))
    args = ["%%q: %s" % q_t, "%%k: %s" % k_t, "%%v: %s" % k_t]
    q = rng.standard_normal((c["B"], c["Hq"], N, c["D"])).astype(np.float32)
    q *= c["logit_scale"]
    k = rng.standard_normal((c["B"], c["Hkv"], M, c["D"])).astype(np.float32)
    v = rng.standard_normal((c["B"], c["Hkv"], M, c["D"])).astype(np.float32)
    xs = [q, k, v]
    kwargs = dict(causal=c["causal"], window=c["window"], chunk=c["chunk"],
                  prefix=c["prefix"])
    clauses = ""
    if c["mask"]:
        if c["mask"] == "bool":
            mask = rng.random((N, M)) < 0.8
            mask[N // 2, :] = False  # a fully masked row
            m_t = tensor_type((N, M), "i1")
        else:
            mask = rng.standard_normal((N, M)).astype(np.float32)
            mask[rng.random((N, M)) < 0.2] = -np.inf
            m_t = tensor_type((N, M))
        args.append("%%m: %s" % m_t)
        clauses += " mask(%%m : %s)" % m_t
        xs.append(mask)
        kwargs["mask"] = mask
    if c["segments"]:
        if c["segments"] == "documents":
            qid = document_ids(c["B"], N, 4)
            kid = qid if N == M else document_ids(c["B"], M, 4)
        elif c["segments"] == "unsorted":
            qid = rng.integers(0, 3, (1, N)).astype(np.int32)
            kid = rng.integers(0, 3, (1, M)).astype(np.int32)
        else:  # no query id appears among the keys: every row is zeros
            qid = np.zeros((1, N), np.int32)
            kid = np.ones((1, M), np.int32)
        qs_t = tensor_type(qid.shape, "i32")
        ks_t = tensor_type(kid.shape, "i32")
        args += ["%%qs: %s" % qs_t, "%%ks: %s" % ks_t]
        clauses += " segments(%%qs, %%ks : %s, %s)" % (qs_t, ks_t)
        xs += [qid, kid]
        kwargs["segments"] = (qid, kid)
    if c["causal"]:
        clauses += " causal(%s)" % c["causal"]
    if c["window"]:
        w = c["window"]
        clauses += " window <left = %d, right = %d" % w[:2]
        if len(w) > 2 and w[2] != 1:
            clauses += ", dilation = %d" % w[2]
        clauses += ">"
    if c["chunk"]:
        clauses += " chunk(%d)" % c["chunk"]
    if c["prefix"]:
        clauses += " prefix(%d)" % c["prefix"]
    if c["layout"] is not None:
        qb, kb, table = c["layout"]
        body = np.array2string(table, separator=", ", threshold=1 << 20,
                               max_line_width=1 << 20).replace(
                                   "True", "true").replace("False", "false")
        clauses += (" blocks <query_block = %d, key_block = %d, layout = "
                    "dense<%s> : %s>" % (qb, kb, body,
                                         tensor_type(table.shape, "i1")))
        kwargs["block_layout"] = (qb, kb, table)
    if c["alibi"]:
        slopes = 2.0 ** (-8.0 * np.arange(1, c["Hq"] + 1) / c["Hq"])
        clauses += " alibi [%s]" % ", ".join("%.9g" % s for s in slopes)
        kwargs["alibi"] = slopes.astype(np.float32)
    if c["softcap"]:
        clauses += " softcap(%r)" % float(c["softcap"])
        kwargs["softcap"] = c["softcap"]
    if c["tiling"]:
        clauses += (" tiling <query_tile = %d, kv_tile = %d, kv_splits = %d>"
                    % c["tiling"])
    lines += ["func.func @%s(%s) -> %s {" % (c["name"], ", ".join(args), q_t),
              "  %%o = attn.attention %%q, %%k, %%v%s : %s, %s, %s -> %s"
              % (clauses, q_t, k_t, k_t, q_t),
              "  return %%o : %s" % q_t, "}"]
    inputs[c["name"]] = (xs, kwargs)

report = Report("attention sparsity clauses vs float64 reference "
                "(f32 tol %g, target %s)" % (TOL, TARGET))
lib = attn.compile("\n".join(lines) + "\n", name="attention_patterns",
                   target=TARGET)
for c in configs:
    xs, kwargs = inputs[c["name"]]
    expected = ref.sdpa(xs[0], xs[1], xs[2], **kwargs)
    out = getattr(lib, c["name"])(*xs)
    report.compare(c["name"], out, expected, rtol=TOL)
    # Rows that keep no key give exact zeros (the reference says which).
    keyless = ~np.any(np.abs(expected) > 0, axis=-1)
    if keyless.any():
        report.expect(np.all(out[keyless] == 0.0), c["name"] + " keyless rows",
                      "%d rows without keys give zeros" % int(keyless.sum()))

# Constant masks that are neither a band nor uniform cells stay masks; the
# code generator classifies their blocks at compile time (an embedded
# table instead of a scan per call). A boolean one with random holes and
# fully masked rows, and an additive one that differs per head and
# broadcasts over the rows (a per-key bias with -inf padding).
def literal(a):
    text = np.array2string(a, separator=", ", threshold=1 << 30,
                           max_line_width=1 << 30, floatmode="unique")
    return text.replace("True", "true").replace("False", "false").replace(
        "-inf", "0xFF800000")


N, M, D = 70, 90, 24
keep = rng.random((N, M)) < 0.3
keep[:, 40:72] = False          # a hole spanning whole KV blocks
keep[5, :] = False              # a fully masked row
bias = rng.standard_normal((1, 2, 1, M)).astype(np.float32)
bias[0, 1, 0, 30:70] = -np.inf  # head 1 drops keys 30..69
q_t, k_t = tensor_type((1, 2, N, D)), tensor_type((1, 2, M, D))
source = "\n".join([
    "func.func @constant_bool(%%q: %s, %%k: %s, %%v: %s) -> %s {" % (q_t, k_t, k_t, q_t),
    "  %%m = arith.constant dense<%s> : %s" % (literal(keep), tensor_type((N, M), "i1")),
    "  %%o = attn.attention %%q, %%k, %%v mask(%%m : %s) tiling <query_tile = 16, "
    "kv_tile = 32, kv_splits = 1> : %s, %s, %s -> %s" % (
        tensor_type((N, M), "i1"), q_t, k_t, k_t, q_t),
    "  return %%o : %s" % q_t, "}",
    "func.func @constant_bias(%%q: %s, %%k: %s, %%v: %s) -> %s {" % (q_t, k_t, k_t, q_t),
    "  %%m = arith.constant dense<%s> : %s" % (literal(bias), tensor_type(bias.shape)),
    "  %%o = attn.attention %%q, %%k, %%v mask(%%m : %s) tiling <query_tile = 16, "
    "kv_tile = 32, kv_splits = 1> : %s, %s, %s -> %s" % (
        tensor_type(bias.shape), q_t, k_t, k_t, q_t),
    "  return %%o : %s" % q_t, "}", ""])
constants = attn.compile(source, name="attention_constant_masks",
                         target=TARGET)
q = rng.standard_normal((1, 2, N, D)).astype(np.float32)
k = rng.standard_normal((1, 2, M, D)).astype(np.float32)
v = rng.standard_normal((1, 2, M, D)).astype(np.float32)
for name, mask in (("constant_bool", keep), ("constant_bias", bias)):
    expected = ref.sdpa(q, k, v, mask=mask)
    out = getattr(constants, name)(q, k, v)
    report.compare(name + " (blocks classified at compile time)", out,
                   expected, rtol=TOL)
report.expect(np.all(constants.constant_bool(q, k, v)[:, :, 5] == 0.0),
              "constant_bool masked row", "a fully masked row gives zeros")

report.finish()
