//===- LinearAttention.cpp - linear attention as one Halide pipeline ------===//
//
// out_i = phi(q_i)ᵀ S / phi(q_i)ᵀ z with S = Σ_j phi(k_j) v_jᵀ (D × Dv) and
// z = Σ_j phi(k_j) (D), per batch and query head; the sums run over j <= i
// when causal. Keys are visited in chunks of C rows: phi of a chunk's keys is
// computed once, and the chunk's Σ phi(k) vᵀ is a register-blocked reduction
// over its C keys.
//
// - Non-causal: S and z per key/value head (each a reduction over all keys,
//   parallel over batch × heads), then per query tile out = phi(Q)·S /
//   phi(Q)·z: O(N·D·Dv + M·D·Dv).
// - Causal: per chunk c the exclusive prefix P_c = Σ_{c' < c} S_c' (each
//   chunk's sum in parallel, then a serial scan over the chunk index), and
//   for the rows i of chunk c
//     num_i = phi(q_i)ᵀ P_c + Σ_{j in chunk c, j <= i} (phi(q_i)·phi(k_j)) v_j
//   (the quadratic part is the lower triangle of one C × C block per
//   chunk); likewise z. Extra memory O((N/C)·D·Dv); nothing N×M or N×D×Dv
//   exists.
//
// phi(q_i) is scaled per row so that its largest entry is at least 1 (exact:
// out_i does not change when phi(q_i) is scaled), so f32 underflow cannot
// empty a row's weights.
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Kernels.h"

#include <algorithm>
#include <cfloat>

using namespace Halide;

namespace attn::halide {

namespace {
/// elu(x) + 1: x + 1 above 0, e^x otherwise. Below about -87.3 expViaExp2
/// gives 2^-126 (the smallest normal float), so phi stays positive.
Expr eluPlusOne(Expr x) {
  return select(x > 0.0f, x + 1.0f, expViaExp2(min(x, 0.0f)));
}

int ceilDiv(int64_t a, int64_t b) { return static_cast<int>((a + b - 1) / b); }
int roundUp(int64_t a, int64_t b) {
  return ceilDiv(a, b) * static_cast<int>(b);
}
} // namespace

LinearAttention defineLinearAttention(const std::string &name,
                                      const Tensor &query, const Tensor &key,
                                      const Tensor &value, bool causal,
                                      const LinearAttentionSchedule &s) {
  const Shape &q = query.shape, &k = key.shape;
  const int depth = static_cast<int>(q[3]);
  const int valueDim = static_cast<int>(value.shape[3]);
  const int queries = static_cast<int>(q[2]), keys = static_cast<int>(k[2]);
  const int group = static_cast<int>(q[1] / k[1]);
  const int chunk = s.chunk;
  const int chunks = ceilDiv(keys, chunk);
  Var e("e"), d("d"), j("j"), n("n"), c("c"), h("h"), g("g"), b("b");

  LinearAttention a;
  a.causal = causal;
  a.chunks = chunks;

  // Per key chunk c: phi of its keys (zero past M) and Σ phi(k) vᵀ. Register
  // blocks may run past D and Dv: those reads are clamped, never stored.
  Expr keyRow = c * chunk + j;
  a.phiKey = Func(name + "_phiKey");
  a.phiKey(d, j, c, g, b) = select(
      keyRow < keys,
      eluPlusOne(key.func(min(d, depth - 1), min(keyRow, keys - 1), g, b)),
      0.0f);
  RDom rr(0, chunk, name + "_rr");
  a.chunkKV = Func(name + "_chunkKV");
  a.chunkKV(e, d, c, g, b) = 0.0f;
  a.chunkKV(e, d, c, g, b) +=
      a.phiKey(d, rr, c, g, b) *
      value.func(min(e, valueDim - 1), min(c * chunk + rr, keys - 1), g, b);
  // z needs phi(k) once per key: summed on its own (no D × Dv work).
  RDom rz(0, chunk, name + "_rz");
  Expr zRow = c * chunk + rz;
  a.chunkZ = Func(name + "_chunkZ");
  a.chunkZ(d, c, g, b) = 0.0f;
  a.chunkZ(d, c, g, b) += select(
      zRow < keys, eluPlusOne(key.func(d, min(zRow, keys - 1), g, b)), 0.0f);

  if (causal) {
    // Exclusive prefix over chunks: chunk c's sum (c > 0) in parallel, then
    // P_c += P_{c-1} serially for c = 2 .. chunks-1.
    a.kvState = Func(name + "_kvPrefix");
    a.kvState(e, d, c, g, b) =
        select(c > 0, a.chunkKV(e, d, max(c - 1, 0), g, b), 0.0f);
    a.zState = Func(name + "_zPrefix");
    a.zState(d, c, g, b) =
        select(c > 0, a.chunkZ(d, max(c - 1, 0), g, b), 0.0f);
    if (chunks > 2) {
      RDom rc(2, chunks - 2, name + "_rc");
      a.kvState(e, d, rc, g, b) += a.kvState(e, d, rc - 1, g, b);
      a.zState(d, rc, g, b) += a.zState(d, rc - 1, g, b);
    }
  } else {
    RDom rc(0, chunks, name + "_rc");
    a.kvState = Func(name + "_kvSum");
    a.kvState(e, d, g, b) = 0.0f;
    a.kvState(e, d, g, b) += a.chunkKV(e, d, rc, g, b);
    a.zState = Func(name + "_zSum");
    a.zState(d, g, b) = 0.0f;
    a.zState(d, g, b) += a.chunkZ(d, rc, g, b);
  }

  // Query side. Rows past N (register blocks, the last tile) read row N-1
  // and are never stored.
  Expr row = min(n, queries - 1);
  RDom rd(0, depth, name + "_rd");
  a.queryMax = Func(name + "_queryMax");
  a.queryMax(n, h, b) = -FLT_MAX;
  a.queryMax(n, h, b) = max(a.queryMax(n, h, b), query.func(rd, row, h, b));
  // When every q_id <= 0, phi(q_i) = e^q_i is scaled by e^-max: its largest
  // entry becomes 1 instead of possibly underflowing.
  a.phiQuery = Func(name + "_phiQuery");
  a.phiQuery(d, n, h, b) =
      eluPlusOne(query.func(d, row, h, b) - min(a.queryMax(n, h, b), 0.0f));

  Expr kvHead = h / group;
  Func out(name);
  // phi > 0 and the largest entry of phi(q_i) is >= 1, so the denominator
  // is positive: no epsilon.
  if (causal) {
    // Rows as (row i of chunk c), so that the causal bounds are linear.
    Var i("i");
    Expr qRow = c * chunk + i;
    a.num = Func(name + "_num");
    a.num(e, i, c, h, b) = 0.0f;
    a.num(e, i, c, h, b) +=
        a.phiQuery(rd, qRow, h, b) * a.kvState(e, rd, c, kvHead, b);
    a.den = Func(name + "_den");
    a.den(i, c, h, b) = 0.0f;
    a.den(i, c, h, b) +=
        a.phiQuery(rd, qRow, h, b) * a.zState(rd, c, kvHead, b);
    // The chunk's own keys: weights phi(q_i)·phi(k_j) for j <= i, one
    // C × C block per chunk (phi(k) stored key-innermost for the vectors).
    a.phiKeyT = Func(name + "_phiKeyT");
    a.phiKeyT(j, d, c, g, b) =
        select(keyRow < keys,
               eluPlusOne(key.func(d, min(keyRow, keys - 1), g, b)), 0.0f);
    a.scoreDot = Func(name + "_scoreDot");
    a.scoreDot(j, i, c, h, b) = 0.0f;
    a.scoreDot(j, i, c, h, b) +=
        a.phiQuery(rd, qRow, h, b) * a.phiKeyT(j, rd, c, kvHead, b);
    // Copied out of the register blocks, unmasked: the bound below skips
    // the keys past each row, and bounds inference skips the blocks of
    // weights above a block's last row.
    a.score = Func(name + "_score");
    a.score(j, i, c, h, b) = a.scoreDot(j, i, c, h, b);
    RDom rj(0, chunk, name + "_rj");
    rj.where(likely(rj <= i));
    a.num(e, i, c, h, b) +=
        a.score(rj, i, c, h, b) * value.func(min(e, valueDim - 1),
                                             min(c * chunk + rj, keys - 1),
                                             kvHead, b);
    a.den(i, c, h, b) += a.score(rj, i, c, h, b);
    a.outChunk = Func(name + "_outChunk");
    a.outChunk(e, i, c, h, b) = a.num(e, i, c, h, b) / a.den(i, c, h, b);
    out(e, n, h, b) = a.outChunk(e, n % chunk, n / chunk, h, b);
  } else {
    a.num = Func(name + "_num");
    a.num(e, n, h, b) = 0.0f;
    a.num(e, n, h, b) += a.phiQuery(rd, n, h, b) * a.kvState(e, rd, kvHead, b);
    a.den = Func(name + "_den");
    a.den(n, h, b) = 0.0f;
    a.den(n, h, b) += a.phiQuery(rd, n, h, b) * a.zState(rd, kvHead, b);
    out(e, n, h, b) = a.num(e, n, h, b) / a.den(n, h, b);
  }
  a.result = {out, {q[0], q[1], q[2], value.shape[3]}};
  return a;
}

LinearAttentionSchedule chooseLinearAttentionSchedule(const Shape &query,
                                                      const Shape &key,
                                                      const Shape &value,
                                                      bool causal,
                                                      const Target &target) {
  LinearAttentionSchedule s;
  s.vectorWidth = target.natural_vector_size<float>();
  s.scoreCols = 2 * s.vectorWidth;
  // 64 rows per chunk: the in-chunk triangle (C/2·(D + Dv) per row) costs
  // what the state parts (D·Dv each per row) cost at head dims of 64, and
  // the prefix is 1/64 of an N × D × Dv tensor. Short sequences use one
  // chunk, rounded up to whole weight blocks.
  int64_t rows = causal ? query[2] : key[2];
  s.chunk = std::min(64, roundUp(rows, s.scoreCols));
  // Non-causal: tasks of whole register blocks; the last one shifts inwards.
  // (Causal tasks are the chunks.)
  s.queryTile =
      static_cast<int>(std::min<int64_t>(causal ? s.chunk : 64, query[2]));
  if (s.queryTile > 4)
    s.queryTile -= s.queryTile % 4;
  s.outRows = fitTile(s.queryTile, 4);
  s.outCols = fitTile(value[3], 2 * s.vectorWidth);
  s.stateRows = fitTile(key[3], 4);
  s.stateCols = s.outCols;
  s.depth = static_cast<int>(key[3]);
  int64_t chunks = causal ? ceilDiv(key[2], s.chunk) : 1;
  s.stateBytes = int64_t(sizeof(float)) * chunks *
                 roundUp(key[3], s.stateRows) * roundUp(value[3], s.stateCols) *
                 key[1] * key[0];
  return s;
}

namespace {
/// Accumulators of `f`'s pure stage and every update in registers: `cols`
/// vectorized and unrolled, `rows` unrolled, each reduction loop outside
/// (in unrolled steps, unrollReductionSteps).
/// A block may be narrower than the vectors (a guarded tail): rounded up,
/// never shifted, so that no accumulator is added to twice.
void registerBlockAllStages(Func f, Var cols, Var rows, int vectorWidth) {
  f.vectorize(cols, vectorWidth, TailStrategy::RoundUp)
      .unroll(cols)
      .unroll(rows);
  for (int i = 0; i < f.num_update_definitions(); ++i) {
    Stage update = f.update(i);
    std::vector<RVar> rvars = f.rvars(i);
    update.reorder(cols, rows, rvars[0])
        .vectorize(cols, vectorWidth, TailStrategy::RoundUp)
        .unroll(cols)
        .unroll(rows);
    unrollReductionSteps(f, i);
  }
}
} // namespace

void scheduleLinearAttention(LinearAttention &a,
                             const LinearAttentionSchedule &s) {
  const int width = s.vectorWidth;
  auto vectorFor = [&](int extent) { return std::min(width, extent); };
  const int colVector = vectorFor(s.outCols);

  // Key side: one task per (chunk, kv head, batch) for the causal chunk
  // sums; per (kv head, batch) over the chunks for the non-causal sums.
  {
    Func st = a.kvState;
    Var e = st.args()[0], d = st.args()[1];
    Var eo("eo"), ei("ei"), dO("dO"), di("di"), task("task");
    st.compute_root();
    Var ce = a.chunkKV.args()[0], cd = a.chunkKV.args()[1];
    if (a.causal) {
      Var c = st.args()[2], g = st.args()[3], b = st.args()[4];
      st.split(e, eo, ei, s.stateCols)
          .split(d, dO, di, s.stateRows)
          .reorder(ei, di, eo, dO, c, g, b)
          .fuse(c, g, task)
          .fuse(task, b, task)
          .parallel(task)
          .vectorize(ei, colVector);
      a.chunkKV.compute_at(st, eo);
      a.phiKey.compute_at(st, task).vectorize(a.phiKey.args()[0],
                                              vectorFor(s.depth));
      if (a.chunks > 2) {
        // The scan: serial over chunks, vectorized over Dv.
        Var ug("ug");
        st.update()
            .reorder(e, d, st.rvars()[0], g, b)
            .fuse(g, b, ug)
            .parallel(ug)
            .vectorize(e, colVector, TailStrategy::GuardWithIf);
      }
    } else {
      Var g = st.args()[2], b = st.args()[3];
      st.fuse(g, b, task).parallel(task).vectorize(e, colVector);
      RVar rc = st.rvars()[0];
      Var ug("ug");
      // Whole blocks past D and Dv (their reads are clamped, never used):
      // nested guarded tails gave wrong code in Halide 14 (one vector added
      // twice).
      st.update()
          .split(e, eo, ei, s.stateCols, TailStrategy::RoundUp)
          .split(d, dO, di, s.stateRows, TailStrategy::RoundUp)
          .reorder(ei, di, eo, dO, rc, g, b)
          .fuse(g, b, ug)
          .parallel(ug)
          .vectorize(ei, colVector);
      a.chunkKV.compute_at(st, eo);
      a.phiKey.compute_at(st, rc).vectorize(a.phiKey.args()[0],
                                            vectorFor(s.depth));
    }
    registerBlockAllStages(a.chunkKV, ce, cd, colVector);
  }
  {
    // z: cheap (D per key), vectorized over D.
    Func zs = a.zState;
    Var d = zs.args()[0];
    int dv = vectorFor(s.depth);
    zs.compute_root();
    Var task("task"), ug("ug");
    if (a.causal) {
      Var c = zs.args()[1], g = zs.args()[2], b = zs.args()[3];
      zs.reorder(d, c, g, b)
          .fuse(c, g, task)
          .fuse(task, b, task)
          .parallel(task)
          .vectorize(d, dv);
      a.chunkZ.compute_at(zs, task).vectorize(a.chunkZ.args()[0], dv);
      a.chunkZ.update()
          .reorder(a.chunkZ.args()[0], a.chunkZ.rvars()[0])
          .vectorize(a.chunkZ.args()[0], dv, TailStrategy::GuardWithIf);
      if (a.chunks > 2)
        zs.update()
            .reorder(d, zs.rvars()[0], g, b)
            .fuse(g, b, ug)
            .parallel(ug)
            .vectorize(d, dv, TailStrategy::GuardWithIf);
    } else {
      Var g = zs.args()[1], b = zs.args()[2];
      zs.fuse(g, b, task).parallel(task).vectorize(d, dv);
      zs.update()
          .reorder(d, zs.rvars()[0], g, b)
          .fuse(g, b, ug)
          .parallel(ug)
          .vectorize(d, dv, TailStrategy::GuardWithIf);
      a.chunkZ.compute_at(zs, zs.rvars()[0]).vectorize(a.chunkZ.args()[0], dv);
      a.chunkZ.update()
          .reorder(a.chunkZ.args()[0], a.chunkZ.rvars()[0])
          .vectorize(a.chunkZ.args()[0], dv, TailStrategy::GuardWithIf);
    }
  }

  // Query side: one task per (query tile, head, batch); register blocks of
  // outRows × outCols accumulate phi(Q)·state (and the chunk's own keys).
  Func out = a.result.func;
  Var e = out.args()[0], n = out.args()[1], h = out.args()[2],
      b = out.args()[3];
  Var no("no"), ni("ni"), io("io"), ii("ii"), eo("eo"), ei("ei"), task("task");
  // The stage whose row blocks hold the numerator blocks.
  Func rowStage = a.causal ? a.outChunk : out;
  Var re = rowStage.args()[0], rn = rowStage.args()[1];
  if (a.causal) {
    // One task per chunk: the output rows are a copy of the chunk's rows,
    // guarded past N, so the register blocks themselves need no guard.
    out.compute_root()
        .split(n, no, ni, s.chunk, TailStrategy::GuardWithIf)
        .reorder(e, ni, no, h, b)
        .fuse(no, h, task)
        .fuse(task, b, task)
        .parallel(task)
        .vectorize(e, colVector);
    a.outChunk.compute_at(out, task)
        .split(rn, io, ii, s.outRows, TailStrategy::RoundUp)
        .split(re, eo, ei, s.outCols, TailStrategy::ShiftInwards)
        .reorder(ei, ii, eo, io)
        .vectorize(ei, colVector)
        .unroll(ii);
  } else {
    // The last tile shifts inwards.
    out.compute_root()
        .split(n, no, ni, s.queryTile)
        .split(ni, io, ii, s.outRows)
        .split(e, eo, ei, s.outCols)
        .reorder(ei, ii, eo, io, no, h, b)
        .fuse(no, h, task)
        .fuse(task, b, task)
        .parallel(task)
        .vectorize(ei, colVector)
        .unroll(ii);
  }
  a.num.compute_at(rowStage, eo).bound_extent(a.num.args()[1], s.outRows);
  registerBlockAllStages(a.num, a.num.args()[0], a.num.args()[1], colVector);
  a.den.compute_at(rowStage, a.causal ? io : Var(task));
  // Dot products along the head dim (and the chunk's weights): vectors and
  // a horizontal sum per row.
  a.den.update(0).atomic().vectorize(a.den.rvars(0)[0], vectorFor(s.depth),
                                     TailStrategy::GuardWithIf);
  if (a.causal)
    a.den.update(1).atomic().vectorize(a.den.rvars(1)[0], width,
                                       TailStrategy::GuardWithIf);
  a.queryMax.compute_at(out, task);
  // A horizontal max per row, vectors across the head dim.
  a.queryMax.update().atomic().vectorize(
      a.queryMax.rvars()[0], vectorFor(s.depth), TailStrategy::GuardWithIf);
  a.phiQuery.compute_at(out, task).vectorize(a.phiQuery.args()[0],
                                             vectorFor(s.depth));
  if (a.causal) {
    // A task is one chunk (bounds inference cannot see it through n / C).
    a.queryMax.bound_extent(a.queryMax.args()[0], s.chunk);
    a.phiQuery.bound_extent(a.phiQuery.args()[1], s.chunk);
    a.phiKeyT.bound_extent(a.phiKeyT.args()[2], 1);
    a.outChunk.bound_extent(a.outChunk.args()[2], 1);
    // Per block of rows, the weights up to the block's last row.
    Var sj = a.score.args()[0], si = a.score.args()[1];
    Var sjo("sjo"), sji("sji"), sio("sio"), sii("sii");
    a.score.compute_at(a.outChunk, io)
        .store_in(MemoryType::Stack)
        .split(sj, sjo, sji, s.scoreCols, TailStrategy::RoundUp)
        .split(si, sio, sii, s.outRows, TailStrategy::RoundUp)
        .reorder(sji, sii, sjo, sio)
        .vectorize(sji, vectorFor(s.scoreCols))
        .unroll(sii);
    a.scoreDot.compute_at(a.score, sjo);
    registerBlockAllStages(a.scoreDot, a.scoreDot.args()[0],
                           a.scoreDot.args()[1], vectorFor(s.scoreCols));
    // Computed head-dim innermost (contiguous key reads), stored
    // key-innermost for the score vectors.
    Var tj = a.phiKeyT.args()[0], td = a.phiKeyT.args()[1];
    a.phiKeyT.compute_at(out, task).reorder(td, tj).vectorize(
        td, vectorFor(s.depth));
  }
}

} // namespace attn::halide
