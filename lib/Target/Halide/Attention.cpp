//===- Attention.cpp - fused attention as one Halide pipeline -------------===//
//
// The algorithm is the online softmax over blocks of keys: for each block,
// the scores of a tile of query rows, their block max m_b, p = exp(s - m_b),
// the block sum l_b and P·V; the running triple (acc, max, sum) absorbs each
// block's triple with the exact associative merge
//   max' = max(max, m_b)
//   acc' = acc·e^(max - max') + PV·e^(m_b - max')   (likewise sum)
// A single block covering all keys is the two-pass form per query tile.
// Splitting the blocks into ranges computed in parallel and merged with the
// same rule gives split-KV decoding. The N×M score matrix never exists:
// memory per task is one query tile × one KV block.
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Kernels.h"

#include <algorithm>
#include <sstream>

using namespace Halide;

namespace attn::halide {

namespace {
/// Merges the triple (acc, max, sum) of `state` with a block's triple.
Tuple mergeTriples(const FuncRef &state, Expr blockAcc, Expr blockMax,
                   Expr blockSum) {
  Expr oldMax = state[1];
  Expr newMax = max(oldMax, blockMax);
  Expr oldScale = expNonPositive(oldMax - newMax);
  Expr blockScale = expNonPositive(blockMax - newMax);
  return Tuple(state[0] * oldScale + blockAcc * blockScale, newMax,
               state[2] * oldScale + blockSum * blockScale);
}

int ceilDiv(int64_t a, int64_t b) { return static_cast<int>((a + b - 1) / b); }
} // namespace

Attention defineAttention(const std::string &name, const Tensor &query,
                          const Tensor &key, const Tensor &value,
                          const AttentionSpec &spec,
                          const AttentionSchedule &layout) {
  const Shape &q = query.shape, &k = key.shape;
  int depth = static_cast<int>(q[3]);
  // The P·V register blocks may run past Dv (rounded up, never stored).
  int valueDim = static_cast<int>(value.shape[3]);
  int queries = static_cast<int>(q[2]), keys = static_cast<int>(k[2]);
  int group = static_cast<int>(q[1] / k[1]);
  int panel = layout.scoreCols, kvTile = layout.kvTile;
  int blocks = ceilDiv(keys, kvTile);
  int splits = layout.kvSplits;
  int blocksPerSplit = ceilDiv(blocks, splits);
  Var d("d"), n("n"), h("h"), b("b"), mi("mi"), mo("mo"), kb("kb"),
      split("split");
  Expr kvHead = h / group;

  Attention a;
  // Register blocks may round the rows of a tile up past N: those rows read
  // the last query row and are never stored.
  Expr row = min(n, queries - 1);
  Expr m = kb * kvTile + mi; // key `mi` of block `kb`
  Expr s;
  if (layout.keyLayout == AttentionSchedule::KeyLayout::Direct) {
    // Per key, vector lanes over the head dim, then a sum of the lanes.
    int lanes = layout.vectorWidth;
    Var lane("lane"), k("k");
    RDom ro(0, depth / lanes, name + "_ro");
    a.dotLanes = Func(name + "_dotLanes");
    a.dotLanes(lane, k, n, h, b) = 0.0f;
    a.dotLanes(lane, k, n, h, b) +=
        query.func(ro * lanes + lane, row, h, b) *
        key.func(ro * lanes + lane, min(k, keys - 1), kvHead, b);
    RDom rl(0, lanes, name + "_rl");
    a.dot = Func(name + "_dot");
    a.dot(k, n, h, b) = 0.0f;
    a.dot(k, n, h, b) += a.dotLanes(rl, k, n, h, b);
    s = a.dot(m, n, h, b) * spec.scale;
  } else {
    // Keys packed into panels of `panel` keys × the head dim, so the QKᵀ
    // inner loop reads one contiguous panel; keys past M repeat the last key
    // (their scores are masked).
    a.keyPanel = Func(name + "_keyPanel");
    a.keyPanel(mi, d, mo, h, b) =
        key.func(d, min(mo * panel + mi, keys - 1), h, b);
    RDom rd(0, depth, name + "_rd");
    a.dot = Func(name + "_dot");
    a.dot(mi, mo, n, h, b) = 0.0f;
    a.dot(mi, mo, n, h, b) +=
        query.func(rd, row, h, b) * a.keyPanel(mi, rd, mo, kvHead, b);
    s = a.dot(mi % panel, kb * (kvTile / panel) + mi / panel, n, h, b) *
        spec.scale;
  }
  Expr keep = m < keys;
  if (spec.mask) {
    Expr mv = spec.mask->at(
        broadcastIndex(spec.mask->shape, {b, h, row, min(m, keys - 1)}));
    if (spec.mask->isBool)
      keep = keep && mv != 0;
    else
      s = s + mv;
  }
  // The diagonal: key n, or n + M - N when aligned bottom-right.
  int diagonalShift = spec.causal == Causal::BottomRight ? keys - queries : 0;
  if (spec.causal != Causal::None)
    keep = keep && m <= n + diagonalShift;
  if (spec.window) {
    keep = keep && m >= n + diagonalShift - static_cast<int>(spec.window->left);
    keep =
        keep && m <= n + diagonalShift + static_cast<int>(spec.window->right);
  }
  a.score = Func(name + "_score");
  a.score(mi, n, h, b, kb) =
      select(keep && s > maskedThreshold(), s, maskedScore());

  RDom rk(0, kvTile, name + "_rk");
  a.blockMax = Func(name + "_blockmax");
  a.blockMax(n, h, b, kb) = maskedScore();
  a.blockMax(n, h, b, kb) =
      max(a.blockMax(n, h, b, kb), a.score(rk, n, h, b, kb));

  // Masked scores contribute exactly 0.
  Expr sc = a.score(mi, n, h, b, kb);
  a.prob = Func(name + "_prob");
  a.prob(mi, n, h, b, kb) =
      select(sc > maskedThreshold(),
             expNonPositive(sc - a.blockMax(n, h, b, kb)), 0.0f);

  a.blockSum = Func(name + "_blocksum");
  a.blockSum(n, h, b, kb) = 0.0f;
  a.blockSum(n, h, b, kb) += a.prob(rk, n, h, b, kb);

  a.pv = Func(name + "_pv");
  a.pv(d, n, h, b, kb) = 0.0f;
  a.pv(d, n, h, b, kb) +=
      a.prob(rk, n, h, b, kb) * value.func(min(d, valueDim - 1),
                                           min(kb * kvTile + rk, keys - 1),
                                           kvHead, b);

  // The running triple of each KV split, over its blocks, per query tile
  // `t` and row `ni` of the tile: the block loop's bounds may then depend on
  // the tile, and Halide tightens them to the blocks a causal tile can see.
  int queryTile = layout.queryTile;
  Var ni("ni"), t("t");
  Expr tileRow = t * queryTile + ni;
  RDom rb(0, blocksPerSplit, name + "_rb");
  // The blocks a tile can see: blocks after the last key its last row keeps
  // (causal, window) or past the last block holding a kept key (a mask
  // scan) are cut by a `where` that Halide turns into the loop's bound.
  // A window's first block is an offset of the block index instead: Halide
  // 14 mis-trimmed a loop bounded by static predicates on both sides (all
  // zeros at N = 16384).
  Expr firstRow = t * queryTile;
  Expr lastRow = min(firstRow + (queryTile - 1), queries - 1);
  Expr firstBlock = 0;
  Expr lastKey;
  if (spec.causal != Causal::None || spec.window) {
    int64_t ahead = spec.causal != Causal::None ? 0 : spec.window->right;
    lastKey = lastRow + diagonalShift + static_cast<int>(ahead);
  }
  if (spec.window) {
    Expr firstKey =
        firstRow + diagonalShift - static_cast<int>(spec.window->left);
    firstBlock = max(firstKey, 0) / kvTile;
  }
  // From a mask scan, both ends stay predicates: as an offset of the block
  // index, a load's whole range would reach bounds inference, which would
  // then compute every block at each step.
  Expr keptFirst, keptLast;
  if (spec.mask) {
    // A mask known only at run time: scan it once per call for each tile's
    // first and last KV block holding a kept key (per mask head and batch,
    // so a mask shared by the heads is scanned once); blocks outside that
    // range hold no kept key and are skipped.
    const Shape &ms = spec.mask->shape;
    auto maskDim = [&](size_t k) { // k: 0 B, 1 H, 2 N, 3 M
      size_t lead = 4 - ms.size();
      return k < lead ? int64_t{1} : ms[k - lead];
    };
    Var mt("mt"), mk("mk"), mh("mh"), mb("mb");
    RDom cell(0, queryTile, 0, kvTile, name + "_cell");
    Expr row = min(mt * queryTile + cell.x, queries - 1);
    Expr key = mk * kvTile + cell.y;
    Expr mv =
        spec.mask->at(broadcastIndex(ms, {mb, mh, row, min(key, keys - 1)}));
    Expr kept =
        key < keys && (spec.mask->isBool ? mv != 0 : mv > maskedThreshold());
    a.blockKept = Func(name + "_blockKept");
    a.blockKept(mk, mt, mh, mb) = maximum(select(kept, 1, 0));
    RDom rk2(0, blocks, name + "_rkb");
    Expr any = a.blockKept(rk2, mt, mh, mb) != 0;
    a.keptRange = Func(name + "_keptRange");
    a.keptRange(mt, mh, mb) =
        Tuple(minimum(select(any, rk2, blocks)), maximum(select(any, rk2, -1)));
    Expr mhIdx = maskDim(1) == 1 ? Expr(0) : h;
    Expr mbIdx = maskDim(0) == 1 ? Expr(0) : b;
    keptFirst = a.keptRange(t, mhIdx, mbIdx)[0];
    keptLast = a.keptRange(t, mhIdx, mbIdx)[1];
  }
  // With a window, the packed key panels (computed at root for the blocks
  // the index may reach) cover up to twice the keys; the loop itself visits
  // only the window's blocks.
  Expr block = firstBlock + split * blocksPerSplit + rb;
  Expr visible = block < blocks;
  if (lastKey.defined())
    visible = visible && block * kvTile <= lastKey;
  if (keptFirst.defined())
    visible = visible && block >= keptFirst && block <= keptLast;
  rb.where(visible);
  a.state = Func(name + "_state");
  a.state(d, ni, t, h, b, split) = Tuple(0.0f, maskedScore(), 0.0f);
  a.state(d, ni, t, h, b, split) = mergeTriples(
      a.state(d, ni, t, h, b, split), a.pv(d, tileRow, h, b, block),
      a.blockMax(tileRow, h, b, block), a.blockSum(tileRow, h, b, block));

  Expr rowInTile = n % queryTile, tileOfRow = n / queryTile;
  FuncRef finalState = a.state(d, rowInTile, tileOfRow, h, b, 0);
  Expr acc = finalState[0], sum = finalState[2];
  if (splits > 1) {
    RDom rs(0, splits, name + "_rs");
    a.merged = Func(name + "_merged");
    a.merged(d, ni, t, h, b) = Tuple(0.0f, maskedScore(), 0.0f);
    a.merged(d, ni, t, h, b) = mergeTriples(
        a.merged(d, ni, t, h, b), a.state(d, ni, t, h, b, rs)[0],
        a.state(d, ni, t, h, b, rs)[1], a.state(d, ni, t, h, b, rs)[2]);
    FuncRef merged = a.merged(d, rowInTile, tileOfRow, h, b);
    acc = merged[0];
    sum = merged[2];
  }
  // A fully masked row has sum 0 and yields zeros.
  Func out(name);
  out(d, n, h, b) = select(sum > 0.0f, acc / sum, 0.0f);
  a.result = {out, {q[0], q[1], q[2], value.shape[3]}};
  return a;
}

AttentionSchedule chooseAttentionSchedule(const Shape &query, const Shape &key,
                                          const Shape &value, int64_t queryTile,
                                          int64_t kvTile, int64_t kvSplits,
                                          const Target &target) {
  AttentionSchedule s;
  s.vectorWidth = target.natural_vector_size<float>();
  int64_t queries = query[2], keys = key[2], valueDim = value[3];
  // Whole register blocks of rows per task.
  s.queryTile = static_cast<int>(std::min(queryTile, queries));
  if (s.queryTile > 4)
    s.queryTile -= s.queryTile % 4;
  s.scoreRows = fitTile(s.queryTile, 4);
  s.scoreCols = fitTile(keys, 2 * s.vectorWidth);
  s.outRows = fitTile(s.queryTile, 4);
  // Few rows: wider blocks of value columns, so V is read fewer times.
  s.outCols = fitTile(valueDim, (s.queryTile <= 2 ? 8 : 2) * s.vectorWidth);
  // Whole panels per block, and no more blocks than the keys need.
  int64_t panels = (std::min(kvTile, keys) + s.scoreCols - 1) / s.scoreCols;
  s.kvTile = static_cast<int>(std::max<int64_t>(panels, 1) * s.scoreCols);
  int64_t blocks = (keys + s.kvTile - 1) / s.kvTile;
  s.kvSplits = static_cast<int>(std::min(kvSplits, blocks));
  // Packed keys are worth storing when several query tiles read them; a
  // tile of one or two rows reads the keys once, directly.
  if (s.queryTile <= 2 && query[3] % s.vectorWidth == 0)
    s.keyLayout = AttentionSchedule::KeyLayout::Direct;
  else if (queries > s.queryTile)
    s.keyLayout = AttentionSchedule::KeyLayout::PackedOnce;
  else
    s.keyLayout = AttentionSchedule::KeyLayout::PackedPerBlock;
  return s;
}

std::string AttentionSchedule::form(int64_t keys) const {
  return kvTile >= keys ? "two_pass" : "online";
}

std::string AttentionSchedule::toJson(int64_t keys) const {
  std::ostringstream os;
  os << "{\"form\": \"" << form(keys) << "\", \"vector_width\": " << vectorWidth
     << ", \"query_tile\": " << queryTile << ", \"kv_tile\": " << kvTile
     << ", \"kv_splits\": " << kvSplits << ", \"key_packing\": \""
     << (keyLayout == KeyLayout::PackedOnce       ? "once"
         : keyLayout == KeyLayout::PackedPerBlock ? "per_block"
                                                  : "direct")
     << "\""
     << ", \"score_block\": [" << scoreRows << ", " << scoreCols
     << "], \"output_block\": [" << outRows << ", " << outCols << "]}";
  return os.str();
}

void scheduleAttention(Attention &a, const AttentionSchedule &s) {
  Func out = a.result.func;
  Var d = out.args()[0], n = out.args()[1], h = out.args()[2],
      b = out.args()[3];
  const int width = s.vectorWidth;
  auto vectorWidthFor = [&](int tile) { return std::min(width, tile); };
  Var no("no"), ni("ni"), task("task");
  // The rows of one tile, as a loop variable of the state update.
  Var taskRows = a.state.args()[1];

  // One parallel task per (batch, head, query tile); the tile's rows are
  // guarded rather than shifted, so each task reads the state of one tile.
  out.compute_root()
      .split(n, no, ni, s.queryTile, TailStrategy::GuardWithIf)
      .reorder(d, ni, no, h, b)
      .fuse(no, h, task)
      .fuse(task, b, task)
      .vectorize(d, vectorWidthFor(s.outCols));
  out.parallel(task);
  // A task's rows lie in one tile; Halide cannot see that through n / Q.
  Var stateTile = a.state.args()[2];
  if (s.kvSplits == 1) {
    a.state.compute_at(out, task).bound_extent(stateTile, 1);
  } else {
    // Each split of each tile runs in parallel; the merge is cheap.
    Var md = a.merged.args()[0];
    a.merged.compute_at(out, task)
        .bound_extent(a.merged.args()[2], 1)
        .vectorize(md, vectorWidthFor(s.outCols));
    a.merged.update().vectorize(md, vectorWidthFor(s.outCols),
                                TailStrategy::GuardWithIf);
    Var sd = a.state.args()[0], sn = a.state.args()[1], st = a.state.args()[2],
        sh = a.state.args()[3], sb = a.state.args()[4], ss = a.state.args()[5];
    Var stask("stask");
    a.state.compute_root()
        .reorder(sd, sn, ss, st, sh, sb)
        .fuse(ss, st, stask)
        .fuse(stask, sh, stask)
        .fuse(stask, sb, stask)
        .parallel(stask);
    a.state.update()
        .reorder(sd, sn, a.state.rvars()[0], ss, st, sh, sb)
        .fuse(ss, st, stask)
        .fuse(stask, sh, stask)
        .fuse(stask, sb, stask)
        .parallel(stask);
  }

  // The state update: register blocks of outRows × outCols, each absorbing
  // one KV block's P·V (computed right there) per step of the block loop.
  RVar block = a.state.rvars()[0];
  Var sd = a.state.args()[0];
  Var dOuter("dOuter"), dInner("dInner"), nOuter("nOuter"), nInner("nInner");
  a.state.vectorize(sd, vectorWidthFor(s.outCols));
  Stage update = a.state.update();
  update.split(taskRows, nOuter, nInner, s.outRows, TailStrategy::GuardWithIf)
      .split(sd, dOuter, dInner, s.outCols, TailStrategy::RoundUp)
      .reorder(dInner, nInner, dOuter, nOuter, block)
      .vectorize(dInner, vectorWidthFor(s.outCols))
      .unroll(nInner);
  Var pd = a.pv.args()[0], pn = a.pv.args()[1];
  a.pv.compute_at(a.state, dOuter);
  scheduleRegisterBlock(a.pv, pd, pn, vectorWidthFor(s.outCols));

  // One KV block's scores for the tile: QKᵀ register blocks of
  // scoreRows × scoreCols accumulators across the head dim.
  Var sm = a.score.args()[0], scn = a.score.args()[1];
  Var smo("smo"), smi("smi"), scno("scno"), scni("scni");
  a.score.compute_at(a.state, block)
      .split(sm, smo, smi, s.scoreCols)
      .split(scn, scno, scni, s.scoreRows)
      .reorder(smi, scni, smo, scno)
      .vectorize(smi, vectorWidthFor(s.scoreCols))
      .unroll(smi)
      .unroll(scni);
  if (s.keyLayout == AttentionSchedule::KeyLayout::Direct) {
    Var lane = a.dotLanes.args()[0], lkey = a.dotLanes.args()[1];
    a.dot.compute_at(a.state, block);
    a.dot.update().unroll(a.dot.rvars()[0]);
    a.dotLanes.compute_at(a.state, block).vectorize(lane);
    a.dotLanes.update()
        .reorder(lane, a.dotLanes.rvars()[0], lkey)
        .vectorize(lane);
  } else {
    Var dmi = a.dot.args()[0], dn = a.dot.args()[2];
    a.dot.compute_at(a.score, smo);
    scheduleRegisterBlock(a.dot, dmi, dn, vectorWidthFor(s.scoreCols));
  }
  a.blockMax.compute_at(a.state, block);
  a.prob.compute_at(a.state, block)
      .vectorize(a.prob.args()[0], vectorWidthFor(s.scoreCols));
  a.blockSum.compute_at(a.state, block);
  if (a.blockKept.defined()) {
    // The mask scan: once per call, in parallel over query tiles.
    Var kt = a.blockKept.args()[1];
    a.blockKept.compute_root().parallel(kt);
    a.keptRange.compute_root();
  }

  if (s.keyLayout == AttentionSchedule::KeyLayout::PackedOnce) {
    Var pmi = a.keyPanel.args()[0], ph = a.keyPanel.args()[3],
        pb = a.keyPanel.args()[4];
    a.keyPanel.compute_root()
        .fuse(ph, pb, ph)
        .parallel(ph)
        .vectorize(pmi, vectorWidthFor(s.scoreCols));
  } else if (s.keyLayout == AttentionSchedule::KeyLayout::PackedPerBlock) {
    // Next to its use: the panel stays in cache, no packed K goes to memory.
    a.keyPanel.compute_at(a.state, block)
        .vectorize(a.keyPanel.args()[0], vectorWidthFor(s.scoreCols));
  }
}

} // namespace attn::halide
