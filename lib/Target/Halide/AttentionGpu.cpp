//===- AttentionGpu.cpp - fused attention for CUDA and OpenCL -------------===//
//
// The same online softmax as Attention.cpp, laid out for a GPU: a thread
// block owns one query tile of one (head, batch) and walks the KV tiles that
// tile can see. Per KV tile the block stages K and V in shared memory, then
// computes in order (each stage a loop over the block's threads, with a
// barrier between stages): the tile's scores S = Q·Kᵀ·scale (masked), the
// row max m_b, P = exp(S - m_b), the row sum l_b, and finally each thread's
// running (acc, max, sum) absorbs P·V with the exact merge
//   max' = max(max, m_b)
//   acc' = acc·e^(max - max') + PV·e^(m_b - max')   (likewise sum).
// Nothing N×M exists; the scores of one query tile × one KV tile do.
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Kernels.h"

#include <algorithm>
#include <sstream>

using namespace Halide;

namespace attn::halide {

namespace {
int ceilDiv(int64_t a, int64_t b) { return static_cast<int>((a + b - 1) / b); }

int64_t sharedBytesFor(int queryTile, int kvTile, int64_t depth,
                       int64_t valueDim) {
  int64_t floats = 3 * queryTile * valueDim // running (acc, max, sum)
                   + kvTile * (depth + 1)   // K tile, padded
                   + kvTile * valueDim      // V tile
                   + 2 * queryTile * kvTile // scores and their exp
                   + 2 * queryTile;         // row max and row sum
  return 4 * floats;
}
} // namespace

GpuAttentionSchedule chooseGpuAttentionSchedule(const Shape &query,
                                                const Shape &key,
                                                const Shape &value,
                                                int64_t sharedBudget) {
  GpuAttentionSchedule s;
  int64_t queries = query[2], keys = key[2], depth = query[3],
          valueDim = value[3];
  // Rows: a power of two up to 16, no larger than N needs; keys per tile
  // likewise (one thread per key in the score stages). A block is then at
  // most 32 × 16 threads, which leaves each up to 128 registers.
  s.queryTile = fitTile(queries, 16);
  s.kvTile = fitTile(keys, 16);
  while (sharedBytesFor(s.queryTile, s.kvTile, depth, valueDim) >
         sharedBudget) {
    if (s.kvTile > 16)
      s.kvTile /= 2;
    else if (s.queryTile > 8)
      s.queryTile /= 2;
    else if (s.kvTile > 4)
      s.kvTile /= 2;
    else if (s.queryTile > 1)
      s.queryTile /= 2;
    else if (s.kvTile > 1)
      s.kvTile /= 2;
    else
      break; // head dims beyond ~3500 floats: let Halide report it
  }
  s.lanes = 32;
  s.sharedBytes = sharedBytesFor(s.queryTile, s.kvTile, depth, valueDim);
  return s;
}

std::string GpuAttentionSchedule::toJson(int64_t keys) const {
  std::ostringstream os;
  os << "{\"form\": \"gpu_online\", \"query_tile\": " << queryTile
     << ", \"kv_tile\": " << kvTile
     << ", \"kv_tiles\": " << ceilDiv(keys, kvTile) << ", \"threads\": ["
     << lanes << ", " << std::max(queryTile, kvTile)
     << "], \"shared_bytes\": " << sharedBytes << "}";
  return os.str();
}

GpuAttention defineGpuAttention(const std::string &name, const Tensor &query,
                                const Tensor &key, const Tensor &value,
                                const AttentionSpec &spec,
                                const GpuAttentionSchedule &schedule) {
  const Shape &q = query.shape, &k = key.shape;
  int depth = static_cast<int>(q[3]);
  int queries = static_cast<int>(q[2]), keys = static_cast<int>(k[2]);
  int group = static_cast<int>(q[1] / k[1]);
  int queryTile = schedule.queryTile, kvTile = schedule.kvTile;
  int tiles = ceilDiv(keys, kvTile);
  Var d("d"), n("n"), h("h"), b("b"), mi("mi"), ni("ni"), t("t"), kb("kb");
  Expr kvHead = h / group;

  GpuAttention a;
  // The KV tiles a query tile `t` can see: up to the tile holding the last
  // key its last row keeps (causal, window), from the tile holding the
  // first key its first row keeps (window). The stages of one tile are
  // indexed by the loop step `kb`, the tile being firstTile(t) + kb: each
  // stage then holds one tile, of a size Halide knows when it compiles.
  int diagonalShift = spec.causal == Causal::BottomRight ? keys - queries : 0;
  Expr firstRow = t * queryTile;
  Expr lastRow = min(firstRow + (queryTile - 1), queries - 1);
  Expr firstTile = 0;
  Expr lastKey;
  if (spec.causal != Causal::None || spec.window) {
    int64_t ahead = spec.causal != Causal::None ? 0 : spec.window->right;
    lastKey = lastRow + diagonalShift + static_cast<int>(ahead);
  }
  if (spec.window) {
    Expr firstKey =
        firstRow + diagonalShift - static_cast<int>(spec.window->left);
    firstTile = max(firstKey, 0) / kvTile;
  }

  // Keys past M repeat the last key (their scores are masked); rows past N
  // read the last query row and are never stored.
  Expr keyIndex = (firstTile + kb) * kvTile + mi;
  Expr clampedKey = min(keyIndex, keys - 1);
  a.keyTile = Func(name + "_keyTile");
  a.keyTile(mi, d, t, h, b, kb) = key.func(d, clampedKey, kvHead, b);
  a.valueTile = Func(name + "_valueTile");
  a.valueTile(d, mi, t, h, b, kb) = value.func(d, clampedKey, kvHead, b);

  Expr n0 = t * queryTile + ni; // the query row of tile row `ni`
  Expr row = min(n0, queries - 1);
  RDom rd(0, depth, name + "_rd");
  Expr s = sum(query.func(rd, row, h, b) * a.keyTile(mi, rd, t, h, b, kb)) *
           spec.scale;
  Expr keep = keyIndex < keys;
  if (spec.mask) {
    Expr mv = spec.mask->at(
        broadcastIndex(spec.mask->shape, {b, h, row, clampedKey}));
    if (spec.mask->isBool)
      keep = keep && mv != 0;
    else
      s = s + mv;
  }
  if (spec.causal != Causal::None)
    keep = keep && keyIndex <= n0 + diagonalShift;
  if (spec.window) {
    keep = keep &&
           keyIndex >= n0 + diagonalShift - static_cast<int>(spec.window->left);
    keep = keep && keyIndex <= n0 + diagonalShift +
                                   static_cast<int>(spec.window->right);
  }
  a.score = Func(name + "_score");
  a.score(mi, ni, t, h, b, kb) =
      select(keep && s > maskedThreshold(), s, maskedScore());

  RDom rk(0, kvTile, name + "_rk");
  a.blockMax = Func(name + "_blockmax");
  a.blockMax(ni, t, h, b, kb) = maskedScore();
  a.blockMax(ni, t, h, b, kb) =
      max(a.blockMax(ni, t, h, b, kb), a.score(rk, ni, t, h, b, kb));
  Expr sc = a.score(mi, ni, t, h, b, kb);
  a.prob = Func(name + "_prob");
  a.prob(mi, ni, t, h, b, kb) =
      select(sc > maskedThreshold(),
             expNonPositive(sc - a.blockMax(ni, t, h, b, kb)), 0.0f);
  a.blockSum = Func(name + "_blocksum");
  a.blockSum(ni, t, h, b, kb) = 0.0f;
  a.blockSum(ni, t, h, b, kb) += a.prob(rk, ni, t, h, b, kb);

  // The loop over the visible tiles: a `where` that Halide turns into a
  // test per step (uniform across the block: a skipped tile costs a branch).
  RDom rb(0, tiles, name + "_rb");
  Expr tile = firstTile + rb;
  Expr visible = tile < tiles;
  if (lastKey.defined())
    visible = visible && tile * kvTile <= lastKey;
  rb.where(visible);

  a.pv = Func(name + "_pv");
  a.pv(d, ni, t, h, b, kb) = 0.0f;
  a.pv(d, ni, t, h, b, kb) +=
      a.prob(rk, ni, t, h, b, kb) * a.valueTile(d, rk, t, h, b, kb);
  Expr pv = a.pv(d, ni, t, h, b, rb);
  Expr blockMax = a.blockMax(ni, t, h, b, rb);
  Expr blockSum = a.blockSum(ni, t, h, b, rb);
  a.state = Func(name + "_state");
  a.state(d, ni, t, h, b) = Tuple(0.0f, maskedScore(), 0.0f);
  FuncRef old = a.state(d, ni, t, h, b);
  Expr newMax = max(old[1], blockMax);
  Expr oldScale = expNonPositive(old[1] - newMax);
  Expr blockScale = expNonPositive(blockMax - newMax);
  a.state(d, ni, t, h, b) = Tuple(old[0] * oldScale + pv * blockScale, newMax,
                                  old[2] * oldScale + blockSum * blockScale);

  // A fully masked row has sum 0 and yields zeros.
  FuncRef final = a.state(d, n % queryTile, n / queryTile, h, b);
  Func out(name);
  out(d, n, h, b) = narrowStorage(
      select(final[2] > 0.0f, final[0] / final[2], 0.0f), spec.storage);
  a.result = {out, {q[0], q[1], q[2], value.shape[3]}};
  return a;
}

void scheduleGpuAttention(GpuAttention &a, const GpuAttentionSchedule &s) {
  Func out = a.result.func;
  Var d = out.args()[0], n = out.args()[1], h = out.args()[2],
      b = out.args()[3];
  const int lanes = s.lanes;
  auto laneWidth = [&](int64_t extent) {
    return static_cast<int>(std::min<int64_t>(lanes, extent));
  };
  int valueDim = static_cast<int>(a.result.shape[3]);
  int valueLanes = laneWidth(valueDim);
  Var t("t"), ni("ni"), dO("dO"), dI("dI");

  // Blocks over (query tile, head, batch); threads over (value column,
  // row), each thread looping over its columns in steps of `lanes`.
  out.split(n, t, ni, s.queryTile, TailStrategy::GuardWithIf)
      .split(d, dO, dI, valueLanes, TailStrategy::GuardWithIf)
      .reorder(dO, dI, ni, t, h, b)
      .gpu_blocks(t, h, b)
      .gpu_threads(dI, ni);

  // The running state lives in shared memory for the whole block; a
  // block's rows lie in one tile (Halide cannot see that through n / Q).
  Var sd = a.state.args()[0], sn = a.state.args()[1], st = a.state.args()[2];
  a.state.compute_at(out, t)
      .store_in(MemoryType::GPUShared)
      .bound_extent(st, 1)
      .split(sd, dO, dI, valueLanes, TailStrategy::GuardWithIf)
      .reorder(dO, dI, sn)
      .gpu_threads(dI, sn);
  RVar tileLoop = a.state.rvars()[0];
  // The loop over KV tiles runs at block level, around every stage below.
  a.state.update()
      .split(sd, dO, dI, valueLanes, TailStrategy::GuardWithIf)
      .reorder(dO, dI, sn, tileLoop)
      .gpu_threads(dI, sn);
  // P·V of one value column and row: in the thread's registers.
  a.pv.compute_at(a.state, dO).store_in(MemoryType::Register);

  // Staging: threads along the head dim read rows of K and V coalesced.
  Var kmi = a.keyTile.args()[0], kd = a.keyTile.args()[1];
  Var kdO("kdO"), kdI("kdI"), kmO("kmO"), kmI("kmI");
  a.keyTile.compute_at(a.state, tileLoop)
      .store_in(MemoryType::GPUShared)
      .align_storage(kmi, s.kvTile + 1)
      .bound_extent(kmi, s.kvTile)
      .split(kd, kdO, kdI, lanes, TailStrategy::GuardWithIf)
      .reorder(kdO, kdI, kmi)
      .gpu_threads(kdI, kmi);
  Var vd = a.valueTile.args()[0], vmi = a.valueTile.args()[1];
  a.valueTile.compute_at(a.state, tileLoop)
      .store_in(MemoryType::GPUShared)
      .bound_extent(vmi, s.kvTile)
      .split(vd, kdO, kdI, valueLanes, TailStrategy::GuardWithIf)
      .reorder(kdO, kdI, vmi)
      .gpu_threads(kdI, vmi);

  // Scores and their exp: one thread per (key, row); row max and row sum:
  // one thread per row.
  Var cm = a.score.args()[0], cn = a.score.args()[1];
  a.score.compute_at(a.state, tileLoop)
      .store_in(MemoryType::GPUShared)
      .gpu_threads(cm, cn);
  Var pm = a.prob.args()[0], pn = a.prob.args()[1];
  a.prob.compute_at(a.state, tileLoop)
      .store_in(MemoryType::GPUShared)
      .gpu_threads(pm, pn);
  Var xn = a.blockMax.args()[0];
  a.blockMax.compute_at(a.state, tileLoop)
      .store_in(MemoryType::GPUShared)
      .gpu_threads(xn);
  a.blockMax.update().gpu_threads(xn);
  Var un = a.blockSum.args()[0];
  a.blockSum.compute_at(a.state, tileLoop)
      .store_in(MemoryType::GPUShared)
      .gpu_threads(un);
  a.blockSum.update().gpu_threads(un);
}

} // namespace attn::halide
