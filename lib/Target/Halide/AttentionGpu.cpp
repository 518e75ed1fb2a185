//===- AttentionGpu.cpp - fused attention for CUDA and OpenCL -------------===//
//
// The same online softmax as Attention.cpp, laid out for a GPU: a thread
// block owns one query tile of one (head, batch) and walks the KV tiles the
// tile can see. Per KV tile the block stages Q, K and V in shared memory
// (Q again each tile: see the schedule), then computes in order (each stage
// a loop over the block's threads, with a barrier between stages): the
// tile's scores S = Q·Kᵀ·scale (masked), the row max m_b, P = exp(S - m_b),
// the row sum l_b, and finally the running state absorbs P·V with the exact
// merge
//   max' = max(max, m_b)
//   acc' = acc·e^(max - max') + PV·e^(m_b - max')   (likewise sum).
// Both products are register-blocked: a thread accumulates a small block of
// scores (or of P·V) in registers, reading each operand from shared memory
// once per block rather than once per product. A running-state entry holds
// a group of value columns with its row's max and sum, so the Tuple stores
// the row statistics once per group rather than once per column: that is
// what lets 32-row tiles fit the 48 KiB of shared memory that Halide 14's
// CUDA runtime launches with.
// Nothing N×M exists; the scores of one query tile × one KV tile do.
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Kernels.h"

#include <algorithm>

using namespace Halide;

namespace attn::halide {

namespace {
int ceilDiv(int64_t a, int64_t b) { return static_cast<int>((a + b - 1) / b); }
} // namespace

GpuAttention defineGpuAttention(const std::string &name, const Tensor &query,
                                const Tensor &key, const Tensor &value,
                                const AttentionSpec &spec,
                                const GpuAttentionSchedule &schedule) {
  const Shape &q = query.shape, &k = key.shape;
  int depth = static_cast<int>(q[3]);
  int queries = static_cast<int>(q[2]), keys = static_cast<int>(k[2]);
  int valueDim = static_cast<int>(value.shape[3]);
  int group = static_cast<int>(q[1] / k[1]);
  int queryTile = schedule.queryTile, kvTile = schedule.kvTile;
  int columns = schedule.columnGroup;
  int tiles = ceilDiv(keys, kvTile);
  int splits = schedule.kvSplits;
  int tilesPerSplit = ceilDiv(tiles, splits);
  Var d("d"), n("n"), h("h"), b("b"), mi("mi"), ni("ni"), t("t"), kb("kb"),
      g("g");
  Expr kvHead = h / group;

  GpuAttention a;
  // The KV tiles a query tile `t` can see: up to the tile holding the last
  // key its last row keeps (causal, window), from the tile holding the
  // first key its first row keeps (window). The stages of one tile are
  // indexed by the loop step `kb`, the tile being firstTile(t) + kb: each
  // stage then holds one tile, of a size Halide knows when it compiles.
  // With the KV range split over several blocks (decode), `t` numbers the
  // (query tile, split) pairs and split `s` starts `s·tilesPerSplit` later.
  Expr queryTileIndex = splits == 1 ? Expr(t) : t / splits;
  Expr split = splits == 1 ? Expr(0) : t % splits;
  PairRules rules = pairRulesFor(name, spec, queries, keys);
  int diagonalShift = static_cast<int>(rules.pattern.diagonalShift);
  Expr firstRow = queryTileIndex * queryTile;
  Expr lastRow = min(firstRow + (queryTile - 1), queries - 1);
  Expr firstTile = 0;
  Expr lastKey;
  if (spec.causal != Causal::None || spec.window) {
    int64_t ahead = spec.causal != Causal::None ? 0 : spec.window->right;
    lastKey = lastRow + diagonalShift + static_cast<int>(ahead);
  }
  if (spec.window && spec.prefix == 0) {
    Expr firstKey =
        firstRow + diagonalShift - static_cast<int>(spec.window->left);
    firstTile = max(firstKey, 0) / kvTile;
  }
  // A prefix is kept by every row: the visible range reaches its end. The
  // other clauses only narrow what causal and window allow.
  if (lastKey.defined() && spec.prefix > 0)
    lastKey = max(lastKey, static_cast<int>(spec.prefix - 1));

  // Rows past N read the last query row and are never stored; keys past M
  // repeat the last key (their scores are masked); value columns past the
  // value dim (the last column group's padding) repeat the last column and
  // are never stored.
  Expr n0 = firstRow + ni; // the query row of tile row `ni`
  Expr row = min(n0, queries - 1);
  Expr firstOfSplit = firstTile + split * tilesPerSplit;
  Expr keyIndex = (firstOfSplit + kb) * kvTile + mi;
  Expr clampedKey = min(keyIndex, keys - 1);
  a.queryTile = Func(name + "_queryTile");
  a.queryTile(d, ni, t, h, b) = query.func(d, row, h, b);
  a.keyTile = Func(name + "_keyTile");
  a.keyTile(d, mi, t, h, b, kb) = key.func(d, clampedKey, kvHead, b);
  a.valueTile = Func(name + "_valueTile");
  a.valueTile(d, mi, t, h, b, kb) =
      value.func(min(d, valueDim - 1), clampedKey, kvHead, b);

  RDom rd(0, depth, name + "_rd");
  Expr queryValue = schedule.stageQuery ? a.queryTile(rd, ni, t, h, b)
                                        : query.func(rd, row, h, b);
  a.scoreDot = Func(name + "_scoreDot");
  a.scoreDot(mi, ni, t, h, b, kb) = 0.0f;
  a.scoreDot(mi, ni, t, h, b, kb) +=
      queryValue * a.keyTile(rd, mi, t, h, b, kb);
  Expr s = a.scoreDot(mi, ni, t, h, b, kb) * spec.scale;
  Expr keep = keyIndex < keys && rules.keep(row, clampedKey, h, b);
  s = rules.modify(s, row, clampedKey, h, b);
  a.score = Func(name + "_score");
  a.score(mi, ni, t, h, b, kb) =
      select(keep && s > maskedThreshold(), s, maskedScore());

  RDom rk(0, kvTile, name + "_rk");
  // Row max and row sum in two steps, so that several threads share a row
  // (one thread per row over 32 keys left most of the block waiting at the
  // next barrier): over slices of 8 keys (one thread per slice and row),
  // then over the slices (one thread per row). 20% off dense attention on
  // an H100.
  int slice = schedule.sliceKeys(), slices = schedule.slices();
  RDom rsl(0, slice, name + "_rsl"), rpart(0, slices, name + "_rpart");
  Var part("part");
  // Each a pure definition whose reduction a thread runs in its registers
  // (a pure zero and an update would be two thread loops with a barrier
  // between them), so that no barrier lies inside a stage a tile test may
  // skip: under such tests PoCL gave NaN, or compiled for minutes.
  a.sliceMax = Func(name + "_slicemax");
  a.sliceMax(part, ni, t, h, b, kb) =
      maximum(a.score(part * slice + rsl, ni, t, h, b, kb));
  a.blockMax = Func(name + "_blockmax");
  a.blockMax(ni, t, h, b, kb) = maximum(a.sliceMax(rpart, ni, t, h, b, kb));
  Expr sc = a.score(mi, ni, t, h, b, kb);
  a.prob = Func(name + "_prob");
  a.prob(mi, ni, t, h, b, kb) =
      select(sc > maskedThreshold(),
             expNonPositive(sc - a.blockMax(ni, t, h, b, kb)), 0.0f);
  a.sliceSum = Func(name + "_slicesum");
  a.sliceSum(part, ni, t, h, b, kb) =
      sum(a.prob(part * slice + rsl, ni, t, h, b, kb));
  a.blockSum = Func(name + "_blocksum");
  a.blockSum(ni, t, h, b, kb) = sum(a.sliceSum(rpart, ni, t, h, b, kb));

  // The loop over the visible tiles: a `where` that Halide turns into a
  // test per step (uniform across the block: a skipped tile costs a branch).
  RDom rb(0, tilesPerSplit, name + "_rb");
  Expr tile = firstOfSplit + rb;
  Expr visible = tile < tiles;
  // Segment ids and run-time masks are classified per call, by a pipeline
  // of its own (callKinds) that runs just before this one and passes its
  // table in as an input. The table classifies the causal and window
  // bounds too and is then the loop's only test: Halide repeats a test
  // that reads an input in every stage of the tile, and nested in the
  // causal bound's test those tests ran wrongly on PoCL (NaN).
  bool perCall = spec.querySegments || (spec.mask && !spec.constantMaskKeep);
  if (lastKey.defined() && !perCall)
    visible = visible && tile * kvTile <= lastKey;
  // The clauses the bounds do not capture: each (query tile, KV tile) pair
  // is classified as the CPU classifies its blocks (BlockKinds), and the
  // tile loop skips the empty tiles. The static clauses (chunks, a block
  // layout, a constant mask, the tiles between a prefix and a window) are
  // classified now, on the host by Halide's JIT, into a table the library
  // embeds; Halide makes its test one branch per tile around all the
  // tile's stages.
  if (perCall || spec.chunk > 0 || spec.layout || spec.mask ||
      (spec.prefix > 0 && (spec.causal != Causal::None || spec.window))) {
    BlockKinds kinds =
        defineBlockKinds(name, spec, rules, queries, keys, queryTile, kvTile);
    Func tileKind(name + "_tileKind");
    tileKind(kinds.block, kinds.tile, kinds.head, kinds.batch) =
        cast<uint8_t>(kinds.kind);
    std::vector<int> extents = {tiles, ceilDiv(queries, queryTile),
                                kinds.perHead ? int(q[1]) : 1,
                                kinds.perBatch ? int(q[0]) : 1};
    Expr kindHead = kinds.perHead ? Expr(h) : Expr(0);
    Expr kindBatch = kinds.perBatch ? Expr(b) : Expr(0);
    std::vector<Expr> at = {min(tile, tiles - 1), queryTileIndex, kindHead,
                            kindBatch};
    Expr kind;
    if (perCall) {
      a.callKinds = tileKind;
      a.callKindParts = kinds;
      a.callKindsExtents = extents;
      a.callKindsInput = ImageParam(UInt(8), 4, name + "_callKinds");
      for (int i = 0; i < 4; ++i)
        a.callKindsInput.dim(i).set_min(0).set_extent(extents[i]);
      kind = a.callKindsInput(at);
    } else {
      Buffer<uint8_t> table = tileKind.realize(extents, get_host_target());
      table.set_name(name + "_tileKinds");
      kind = table(at);
    }
    visible = visible && kind != uint8_t(kEmptyBlock);
  }
  rb.where(visible);

  // The merge's thread owns `stateRows` consecutive state slots; slot r
  // holds query row slotRow(r), so that a thread's rows are queryTile /
  // stateRows apart and a warp's threads hold consecutive rows: their state
  // entries and probabilities then lie in distinct shared-memory banks.
  int rowsPerThread = schedule.stateRows;
  bool interleave = rowsPerThread > 1 && queryTile % rowsPerThread == 0;
  int rowStride = queryTile / rowsPerThread;
  auto slotRow = [&](Expr slot) {
    return interleave
               ? (slot % rowsPerThread) * rowStride + slot / rowsPerThread
               : slot;
  };
  auto rowSlot = [&](Expr tileRow) {
    return interleave
               ? (tileRow % rowStride) * rowsPerThread + tileRow / rowStride
               : tileRow;
  };

  a.pv = Func(name + "_pv");
  a.pv(d, ni, t, h, b, kb) = 0.0f;
  a.pv(d, ni, t, h, b, kb) +=
      a.prob(rk, slotRow(ni), t, h, b, kb) * a.valueTile(d, rk, t, h, b, kb);

  // State entry (g, slot): the accumulators of value columns g·columns + j
  // of row slotRow(slot), then the row's running max and sum.
  std::vector<Expr> initial(columns, 0.0f);
  initial.push_back(maskedScore());
  initial.push_back(0.0f);
  a.state = Func(name + "_state");
  a.state(g, ni, t, h, b) = Tuple(initial);
  FuncRef old = a.state(g, ni, t, h, b);
  Expr blockMax = a.blockMax(slotRow(ni), t, h, b, rb);
  Expr blockSum = a.blockSum(slotRow(ni), t, h, b, rb);
  MergeScales m = mergeScales(old[columns], blockMax, expNonPositive);
  std::vector<Expr> merged;
  for (int j = 0; j < columns; ++j)
    merged.push_back(old[j] * m.oldScale +
                     a.pv(g * columns + j, ni, t, h, b, rb) * m.blockScale);
  merged.push_back(m.newMax);
  merged.push_back(old[columns + 1] * m.oldScale + blockSum * m.blockScale);
  a.state(g, ni, t, h, b) = Tuple(merged);

  // A fully masked row has sum 0 and yields zeros. Column d is accumulator
  // d % columns of group d / columns (constants once the schedule unrolls
  // the group). Splits merge exactly: each scaled by e^(its max - the max).
  Expr column = d % columns;
  auto accumulator = [&](const FuncRef &entry) {
    Expr acc = entry[columns - 1];
    for (int j = columns - 2; j >= 0; --j)
      acc = select(column == j, entry[j], acc);
    return acc;
  };
  Expr acc, total;
  if (splits == 1) {
    FuncRef final =
        a.state(d / columns, rowSlot(n % queryTile), n / queryTile, h, b);
    acc = accumulator(final);
    total = final[columns + 1];
  } else {
    // The splits' partial states, merged in order like the KV tiles.
    RDom rs(0, splits, name + "_rs");
    FuncRef partial = a.state(d / columns, rowSlot(n % queryTile),
                              (n / queryTile) * splits + rs, h, b);
    a.splitMerge = Func(name + "_splitMerge");
    a.splitMerge(d, n, h, b) = Tuple(0.0f, maskedScore(), 0.0f);
    FuncRef merged = a.splitMerge(d, n, h, b);
    MergeScales m = mergeScales(merged[1], partial[columns], expNonPositive);
    a.splitMerge(d, n, h, b) = Tuple(
        merged[0] * m.oldScale + accumulator(partial) * m.blockScale, m.newMax,
        merged[2] * m.oldScale + partial[columns + 1] * m.blockScale);
    acc = a.splitMerge(d, n, h, b)[0];
    total = a.splitMerge(d, n, h, b)[2];
  }
  Func out(name);
  out(d, n, h, b) =
      narrowStorage(select(total > 0.0f, acc / total, 0.0f), spec.storage);
  a.result = {out, {q[0], q[1], q[2], value.shape[3]}};
  return a;
}

namespace {
/// The per-call tile table's pipeline: every stage its own kernels, a
/// thread per entry (a scan's thread walks its cells or ids in turn), 16 ×
/// 16 threads over the first two pure variables, the rest fused.
void scheduleGpuCallKinds(GpuAttention &a) {
  auto place = [](Func f) {
    std::vector<Var> vars = f.args();
    f.compute_root();
    // A reduction's update keeps every pure variable: the same loops.
    for (int i = -1; i < f.num_update_definitions(); ++i) {
      Stage stage = i < 0 ? Stage(f) : f.update(i);
      // Every stage here has two to four dimensions.
      Var x = vars[0], y = vars[1], xo("xo"), xi("xi"), yo("yo"), yi("yi");
      stage.split(x, xo, xi, 16, TailStrategy::GuardWithIf)
          .split(y, yo, yi, 16, TailStrategy::GuardWithIf)
          .reorder(xi, yi, xo, yo);
      if (vars.size() == 2) {
        stage.gpu_blocks(xo, yo);
      } else {
        Var outer = vars[2];
        if (vars.size() == 4) {
          outer = Var("outer");
          stage.fuse(vars[2], vars[3], outer);
        }
        stage.gpu_blocks(xo, yo, outer);
      }
      stage.gpu_threads(xi, yi);
    }
  };
  place(a.callKinds);
  const BlockKinds &parts = a.callKindParts;
  for (Func f :
       {parts.maskKept, parts.querySegmentRange, parts.keySegmentRange})
    if (f.defined())
      place(f);
}
} // namespace

void scheduleGpuAttention(GpuAttention &a, const GpuAttentionSchedule &s) {
  Func out = a.result.func;
  Var d = out.args()[0], n = out.args()[1], h = out.args()[2],
      b = out.args()[3];
  // Every stage runs on one line of threads (`lane`): Halide sizes a
  // block by the largest extent of each thread dimension over the stages,
  // so stages with different 2-D shapes would multiply into too many.
  Var t("t"), ni("ni"), g("g"), j("j"), rowO("rowO"), rowI("rowI"),
      lane("lane");

  // Blocks over (query tile, head, batch); a thread stores `stateRows` rows
  // of one column group.
  out.split(n, t, ni, s.queryTile, TailStrategy::GuardWithIf)
      .split(d, g, j, s.columnGroup, TailStrategy::GuardWithIf)
      .split(ni, rowO, rowI, s.stateRows, TailStrategy::GuardWithIf)
      .reorder(j, rowI, g, rowO, t, h, b)
      .fuse(g, rowO, lane)
      .gpu_blocks(t, h, b)
      .gpu_threads(lane)
      .unroll(j)
      .unroll(rowI);

  // Spreads a staging stage's elements over the block's threads, the first
  // dimension fastest (coalesced global reads), four loads per thread in
  // flight at a time.
  auto spreadOverThreads = [&](Stage stage, Var inner, Var outer) {
    Var fused("fused"), fusedO("fusedO"), fusedI("fusedI"), step("step");
    stage.fuse(inner, outer, fused)
        .split(fused, fusedO, fusedI, s.threads, TailStrategy::GuardWithIf)
        .split(fusedO, fusedO, step, 4, TailStrategy::GuardWithIf)
        .reorder(step, fusedO, fusedI)
        .gpu_threads(fusedI)
        .unroll(step);
  };

  // Without splits the running state lives in shared memory for the whole
  // block (a block's rows lie in one tile: Halide cannot see that through
  // n / Q). With splits, each (query tile, split) block leaves its state in
  // global memory and a second kernel (`out`) merges the splits.
  Var sg = a.state.args()[0], sn = a.state.args()[1], st = a.state.args()[2],
      sh = a.state.args()[3], sb = a.state.args()[4];
  if (s.kvSplits == 1)
    a.state.compute_at(out, t)
        .store_in(MemoryType::GPUShared)
        .bound_extent(st, 1)
        .split(sn, rowO, rowI, s.stateRows, TailStrategy::GuardWithIf)
        .reorder(rowI, sg, rowO)
        .fuse(sg, rowO, lane)
        .gpu_threads(lane)
        .unroll(rowI);
  else
    a.state.compute_root()
        .split(sn, rowO, rowI, s.stateRows, TailStrategy::GuardWithIf)
        .reorder(rowI, sg, rowO, st, sh, sb)
        .fuse(sg, rowO, lane)
        .gpu_blocks(st, sh, sb)
        .gpu_threads(lane)
        .unroll(rowI);
  RVar tileLoop = a.state.rvars()[0];
  // The loop over KV tiles runs at block level, around every stage below.
  Stage merge = a.state.update();
  merge.split(sn, rowO, rowI, s.stateRows, TailStrategy::GuardWithIf)
      .reorder(rowI, sg, rowO, tileLoop, st, sh, sb)
      .fuse(sg, rowO, lane)
      .gpu_threads(lane)
      .unroll(rowI);
  if (s.kvSplits > 1)
    merge.gpu_blocks(st, sh, sb);
  // P·V of a thread's rows × column group: in its registers, each product
  // of one probability and one value from shared memory.
  // A product's register block: `f` (a pure zero and one update over its
  // reduction) computed per thread of `at`, its block unrolled and the
  // reduction outermost.
  // The reduction is unrolled by up to 8 steps (a power of two dividing
  // its extent, so no tail), so that a warp issues several steps'
  // shared-memory loads before it waits on the first (that wait is half of
  // a warp's stalls; with the bank-conflict fixes, 3-6% off on an H100).
  auto registerBlock = [&](Func f, Func at, int columns, int rows) {
    Var x = f.args()[0], y = f.args()[1];
    f.compute_at(at, lane)
        .store_in(MemoryType::Register)
        .bound_extent(x, columns)
        .bound_extent(y, rows)
        .unroll(x)
        .unroll(y);
    f.update().unroll(x).unroll(y).reorder(x, y, f.rvars()[0]);
    unrollReductionSteps(f, 0, /*whole=*/true);
  };
  registerBlock(a.pv, a.state, s.columnGroup, s.stateRows);

  if (s.kvSplits > 1) {
    // Each thread merges its own outputs' splits in registers.
    Var md = a.splitMerge.args()[0], mn = a.splitMerge.args()[1];
    a.splitMerge.compute_at(out, lane)
        .store_in(MemoryType::Register)
        .bound_extent(md, s.columnGroup)
        .bound_extent(mn, s.stateRows)
        .unroll(md)
        .unroll(mn);
    a.splitMerge.update()
        .reorder(md, mn, a.splitMerge.rvars()[0])
        .unroll(md)
        .unroll(mn);
  }

  // Q and K tiles: where a thread's score block spans several rows (keys),
  // the tile is stored transposed, a row per head-dim index (rows or keys
  // innermost, transposedTileStride), so that the block's rows (keys) at
  // one depth are one vector load and a warp's loads touch every bank
  // once; staging keeps global reads coalesced by sectors with a warp over
  // 8 depths × 4 rows, which also writes 32 distinct banks. Otherwise
  // (decode: one key per thread) head dim innermost, rows padded by one.
  auto stageTile = [&](Func f, Var depthVar, Var rowVar, int rows,
                       bool transposed) {
    f.store_in(MemoryType::GPUShared);
    if (!transposed) {
      f.align_storage(depthVar, s.depth + 1);
      spreadOverThreads(f, depthVar, rowVar);
      return;
    }
    Var dO("dO"), dI("dI"), rO("rO"), rI("rI"), inWarp("inWarp"),
        across("across");
    f.reorder_storage(rowVar, depthVar)
        .align_storage(rowVar, transposedTileStride(rows))
        .split(depthVar, dO, dI, 8, TailStrategy::GuardWithIf)
        .split(rowVar, rO, rI, 4, TailStrategy::GuardWithIf)
        .reorder(dI, rI, dO, rO)
        .fuse(dI, rI, inWarp)
        .fuse(dO, rO, across);
    spreadOverThreads(f, inWarp, across);
  };

  // The Q tile is staged with each KV tile, not once per block: Halide 14
  // packs shared allocations by liveness in barrier stages and ignores the
  // KV loop, so a tile staged before the loop would share its space with a
  // later stage (the exp of the scores) from the second KV tile on.
  if (s.stageQuery) {
    Var qd = a.queryTile.args()[0], qn = a.queryTile.args()[1];
    a.queryTile.compute_at(a.state, tileLoop);
    stageTile(a.queryTile, qd, qn, s.queryTile, s.transposedQuery());
  }

  // Staging of the tile's keys and values.
  Var kd = a.keyTile.args()[0], kmi = a.keyTile.args()[1];
  a.keyTile.compute_at(a.state, tileLoop).bound_extent(kmi, s.kvTile);
  stageTile(a.keyTile, kd, kmi, s.kvTile, s.transposedKeys());
  Var vd = a.valueTile.args()[0], vmi = a.valueTile.args()[1];
  a.valueTile.compute_at(a.state, tileLoop)
      .store_in(MemoryType::GPUShared)
      .bound_extent(vmi, s.kvTile);
  spreadOverThreads(a.valueTile, vd, vmi);

  // Scores: a thread's `scoreKeys` × `scoreRows` block accumulates in
  // registers over the head dim, then is scaled, masked and stored.
  Var cm = a.score.args()[0], cn = a.score.args()[1];
  Var keyO("keyO"), keyI("keyI");
  a.score.compute_at(a.state, tileLoop)
      .store_in(MemoryType::GPUShared)
      .align_storage(cm, s.kvTile + 1)
      .split(cm, keyO, keyI, s.scoreKeys, TailStrategy::GuardWithIf)
      .split(cn, rowO, rowI, s.scoreRows, TailStrategy::GuardWithIf)
      .reorder(keyI, rowI, keyO, rowO)
      .fuse(keyO, rowO, lane)
      .gpu_threads(lane)
      .unroll(keyI)
      .unroll(rowI);
  registerBlock(a.scoreDot, a.score, s.scoreKeys, s.scoreRows);

  // Exp of the scores: spread over the threads; row max and row sum: one
  // thread per row.
  Var pm = a.prob.args()[0], pn2 = a.prob.args()[1];
  a.prob.compute_at(a.state, tileLoop)
      .store_in(MemoryType::GPUShared)
      .align_storage(pm, s.kvTile + 1);
  spreadOverThreads(a.prob, pm, pn2);
  // Slices: one thread per (slice, row), the slice's loads back to back;
  // then one thread per row over the slices.
  for (Func f : {a.sliceMax, a.sliceSum}) {
    Var fp = f.args()[0], fr = f.args()[1];
    f.compute_at(a.state, tileLoop)
        .store_in(MemoryType::GPUShared)
        .align_storage(fp, s.slices() + 1)
        .fuse(fp, fr, lane)
        .gpu_threads(lane);
  }
  for (Func f : {a.blockMax, a.blockSum})
    f.compute_at(a.state, tileLoop)
        .store_in(MemoryType::GPUShared)
        .gpu_threads(f.args()[0]);

  if (a.callKinds.defined())
    scheduleGpuCallKinds(a);
}

} // namespace attn::halide
