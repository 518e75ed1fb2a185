//===- Attention.cpp - fused attention as one Halide pipeline -------------===//
//
// The algorithm is the online softmax over blocks of keys: for each block,
// the scores of a tile of query rows, their block max m_b, p = exp(s - m_b),
// the block sum l_b and P·V; the running triple (acc, max, sum) absorbs each
// block's triple with the exact associative merge
//   max' = max(max, m_b)
//   acc' = acc·e^(max - max') + PV·e^(m_b - max')   (likewise sum)
// Each exponential is a 2^x of x·log2 e (exp2NonPositive), about half the
// work of a range-reduced e^x. A single block covering all keys is the
// two-pass form per query tile.
// Splitting the blocks into ranges computed in parallel and merged with the
// same rule gives split-KV decoding. The N×M score matrix never exists:
// memory per task is one query tile × one KV block.
//
// Since the merge does not depend on the order of the blocks, each tile
// absorbs its full blocks in one pass (no per-pair test) and its partial
// blocks in another; empty blocks are never visited. Which block is which
// comes from a small table per call (attn/BlockPattern.h, see
// docs/Sparsity.md).
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Kernels.h"

#include "attn/BlockPattern.h"

#include <algorithm>
#include <cmath>
#include <sstream>

using namespace Halide;

namespace attn::halide {

namespace {

/// Merges the triple (acc, max, sum) of `state` with a block's triple.
Tuple mergeTriples(const FuncRef &state, Expr blockAcc, Expr blockMax,
                   Expr blockSum) {
  MergeScales m = mergeScales(state[1], blockMax, expViaExp2);
  return Tuple(state[0] * m.oldScale + blockAcc * m.blockScale, m.newMax,
               state[2] * m.oldScale + blockSum * m.blockScale);
}

int ceilDiv(int64_t a, int64_t b) { return static_cast<int>((a + b - 1) / b); }

Expr i32(int64_t v) { return Expr(static_cast<int32_t>(v)); }

/// attn/BlockPattern.h's rules over Halide expressions (Halide's integer
/// division already rounds down).
struct HalideMath {
  using Int = Expr;
  using Bool = Expr;
  static Expr lit(int64_t v) { return i32(v); }
  static Expr select(Expr c, Expr a, Expr b) { return Halide::select(c, a, b); }
  static Expr min(Expr a, Expr b) { return Halide::min(a, b); }
  static Expr max(Expr a, Expr b) { return Halide::max(a, b); }
  static Expr floorDiv(Expr a, int64_t b) { return a / i32(b); }
  static Expr always() { return cast<bool>(1); }
};

} // namespace

PairRules pairRulesFor(const std::string &name, const AttentionSpec &spec,
                       int64_t queries, int64_t keys) {
  PairRules rules;
  rules.spec = &spec;
  StaticPattern &p = rules.pattern;
  p.keys = keys;
  // The diagonal: key n, or n + M - N when aligned bottom-right.
  p.diagonalShift = spec.causal == Causal::BottomRight ? keys - queries : 0;
  p.causal = spec.causal != Causal::None;
  if (spec.window) {
    p.window = true;
    p.windowLeft = spec.window->left;
    p.windowRight = spec.window->right;
    p.dilation = spec.window->dilation;
  }
  p.chunk = spec.chunk;
  p.prefix = spec.prefix;
  if (spec.layout) {
    const AttentionSpec::BlockLayout &l = *spec.layout;
    int rows = static_cast<int>(l.rows), cols = static_cast<int>(l.cols);
    int heads = static_cast<int>(l.heads);
    rules.layoutCells = Buffer<uint8_t>(cols, rows, heads, name + "_layout");
    for (int hh = 0; hh < heads; ++hh)
      for (int r = 0; r < rows; ++r)
        for (int c = 0; c < cols; ++c)
          rules.layoutCells(c, r, hh) = l.cells[(hh * rows + r) * cols + c];
  }
  if (!spec.alibi.empty()) {
    rules.alibiSlopes =
        Buffer<float>(static_cast<int>(spec.alibi.size()), name + "_alibi");
    for (size_t i = 0; i < spec.alibi.size(); ++i)
      rules.alibiSlopes(static_cast<int>(i)) = spec.alibi[i];
  }
  return rules;
}

Expr PairRules::keep(Expr row, Expr key, Expr h, Expr b) const {
  Expr kept = keepsPair<HalideMath>(pattern, row, key);
  if (spec->layout) {
    const AttentionSpec::BlockLayout &l = *spec->layout;
    Expr head = l.heads == 1 ? Expr(0) : h;
    kept = kept && layoutCells(key / i32(l.keyBlock), row / i32(l.queryBlock),
                               head) != 0;
  }
  auto segment = [&](const Tensor &ids, Expr position) {
    return ids.at({ids.shape[0] == 1 ? Expr(0) : b, position});
  };
  if (spec->querySegments)
    kept = kept && segment(*spec->querySegments, row) ==
                       segment(*spec->keySegments, key);
  if (spec->mask && spec->mask->isBool)
    kept = kept && spec->mask->at(broadcastIndex(spec->mask->shape,
                                                 {b, h, row, key})) != 0;
  return kept;
}

Expr PairRules::modify(Expr score, Expr row, Expr key, Expr h, Expr b) const {
  if (spec->softcap)
    score = *spec->softcap * tanh(score * (1.0f / *spec->softcap));
  if (alibiSlopes.defined())
    score =
        score - alibiSlopes(h) *
                    cast<float>(abs(row + i32(pattern.diagonalShift) - key));
  if (spec->mask && !spec->mask->isBool)
    score = score +
            spec->mask->at(broadcastIndex(spec->mask->shape, {b, h, row, key}));
  if (spec->filledMask) {
    const Tensor &m = spec->filledMask->mask;
    score = select(m.at(broadcastIndex(m.shape, {b, h, row, key})) != 0, score,
                   spec->filledMask->fill);
  }
  return score;
}

BlockKinds defineBlockKinds(const std::string &name, const AttentionSpec &spec,
                            const PairRules &rules, int queries, int keys,
                            int queryTile, int kvTile) {
  BlockKinds k;
  k.block = Var("kb");
  k.tile = Var("t");
  k.head = Var("kh");
  k.batch = Var("kbat");
  int blocks = ceilDiv(keys, kvTile);
  Buffer<int32_t> layoutSums;
  if (spec.layout) {
    // The summed-area table of the layout's cells (kept cells in rows < r
    // and columns < c), for classifying a block with four reads.
    const AttentionSpec::BlockLayout &l = *spec.layout;
    int rows = static_cast<int>(l.rows), cols = static_cast<int>(l.cols);
    int heads = static_cast<int>(l.heads);
    layoutSums =
        Buffer<int32_t>(cols + 1, rows + 1, heads, name + "_layoutSums");
    for (int hh = 0; hh < heads; ++hh) {
      for (int c = 0; c <= cols; ++c)
        layoutSums(c, 0, hh) = 0;
      for (int r = 0; r < rows; ++r) {
        layoutSums(0, r + 1, hh) = 0;
        for (int c = 0; c < cols; ++c)
          layoutSums(c + 1, r + 1, hh) =
              rules.layoutCells(c, r, hh) + layoutSums(c, r + 1, hh) +
              layoutSums(c + 1, r, hh) - layoutSums(c, r, hh);
      }
    }
  }
  auto segmentIndex = [](const Tensor &ids, Expr batch, Expr position) {
    return ids.at({ids.shape[0] == 1 ? Expr(0) : batch, position});
  };

  // What each block holds for each query tile: the static clauses in
  // closed form, the layout from its summed-area table, and scans of the
  // mask and the ids, each computed once per call.
  Var kb = k.block, t = k.tile, kh = k.head, kbat = k.batch;
  Expr firstRow = t * queryTile;
  Expr lastRow = min(firstRow + (queryTile - 1), queries - 1);
  Expr firstKey = kb * kvTile, lastKey = firstKey + (kvTile - 1);
  Expr kind = classifyBlock<HalideMath>(rules.pattern, firstRow, lastRow,
                                        firstKey, lastKey);
  if (spec.layout) {
    const AttentionSpec::BlockLayout &l = *spec.layout;
    Expr sumsHead = l.heads > 1 ? Expr(kh) : Expr(0);
    auto setCells = [&](Expr rowLo, Expr rowHi, Expr colLo, Expr colHi) {
      auto sum = [&](Expr r, Expr c) { return layoutSums(c, r, sumsHead); };
      return sum(rowHi + 1, colHi + 1) - sum(rowLo, colHi + 1) -
             sum(rowHi + 1, colLo) + sum(rowLo, colLo);
    };
    kind = min(kind, classifyLayoutBlock<HalideMath>(
                         firstRow, lastRow, firstKey, min(lastKey, keys - 1),
                         l.queryBlock, l.keyBlock, setCells));
    k.perHead = l.heads > 1;
  }
  if (spec.querySegments) {
    // The ids of a tile's rows and of a block's keys as ranges: disjoint
    // ranges share no id, one common id keeps every pair.
    Var st("st"), sk("sk"), sb("sb");
    RDom rows(0, queryTile, name + "_segRows"),
        cols(0, kvTile, name + "_segKeys");
    Expr qid = segmentIndex(*spec.querySegments, sb,
                            min(st * queryTile + rows, queries - 1));
    Expr kid =
        segmentIndex(*spec.keySegments, sb, min(sk * kvTile + cols, keys - 1));
    k.querySegmentRange = Func(name + "_querySegmentRange");
    k.querySegmentRange(st, sb) = Tuple(minimum(qid), maximum(qid));
    k.keySegmentRange = Func(name + "_keySegmentRange");
    k.keySegmentRange(sk, sb) = Tuple(minimum(kid), maximum(kid));
    Expr segmentBatch =
        std::max(spec.querySegments->shape[0], spec.keySegments->shape[0]) > 1
            ? Expr(kbat)
            : Expr(0);
    FuncRef qr = k.querySegmentRange(t, segmentBatch),
            kr = k.keySegmentRange(kb, segmentBatch);
    Expr one = qr[0] == qr[1] && kr[0] == kr[1] && qr[0] == kr[0];
    Expr disjoint = qr[1] < kr[0] || kr[1] < qr[0];
    kind = min(kind, kindOf<HalideMath>(one, disjoint));
    k.perBatch =
        std::max(spec.querySegments->shape[0], spec.keySegments->shape[0]) > 1;
  }
  if (spec.mask) {
    // Kept pairs per (query tile, KV block), per mask head and batch (a
    // mask shared by the heads is classified once): all kept is full, none
    // empty.
    const Shape &ms = spec.mask->shape;
    auto maskDim = [&](size_t i) { // 0 B, 1 H, 2 N, 3 M
      size_t lead = 4 - ms.size();
      return i < lead ? int64_t{1} : ms[i - lead];
    };
    Expr maskHead = maskDim(1) > 1 ? Expr(kh) : Expr(0);
    Expr maskBatch = maskDim(0) > 1 ? Expr(kbat) : Expr(0);
    if (spec.constantMaskKeep) {
      // A constant is classified here, once, into a table the library
      // embeds.
      const std::vector<uint8_t> &keepAt = *spec.constantMaskKeep;
      int tiles = ceilDiv(queries, queryTile);
      int heads = static_cast<int>(maskDim(1)),
          batches = static_cast<int>(maskDim(0));
      int64_t maskRows = maskDim(2), maskCols = maskDim(3);
      Buffer<uint8_t> kinds(blocks, tiles, heads, batches, name + "_maskKinds");
      for (int mb = 0; mb < batches; ++mb)
        for (int mh = 0; mh < heads; ++mh)
          for (int tt = 0; tt < tiles; ++tt)
            for (int kk = 0; kk < blocks; ++kk) {
              int64_t kept = 0, pairs = 0;
              for (int i = tt * queryTile;
                   i < std::min(queries, (tt + 1) * queryTile); ++i)
                for (int j = kk * kvTile; j < std::min(keys, (kk + 1) * kvTile);
                     ++j, ++pairs)
                  kept += keepAt[((int64_t(mb) * heads + mh) * maskRows +
                                  (maskRows == 1 ? 0 : i)) *
                                     maskCols +
                                 (maskCols == 1 ? 0 : j)];
              kinds(kk, tt, mh, mb) =
                  static_cast<uint8_t>(kindOfCount<ScalarMath>(kept, pairs));
            }
      kind = min(kind, kinds(kb, t, maskHead, maskBatch));
    } else {
      // Known only at run time: counted once per call. Rows past N repeat
      // the last row; keys past M count as dropped.
      RDom cell(0, queryTile, 0, kvTile, name + "_cell");
      Var mt("mt"), mk("mk"), mh("mh"), mb("mb");
      Expr cellRow = min(mt * queryTile + cell.x, queries - 1);
      Expr cellKey = mk * kvTile + cell.y;
      Expr mv = spec.mask->at(
          broadcastIndex(ms, {mb, mh, cellRow, min(cellKey, keys - 1)}));
      Expr kept = cellKey < keys &&
                  (spec.mask->isBool ? mv != 0 : mv > maskedThreshold());
      k.maskKept = Func(name + "_maskKept");
      k.maskKept(mk, mt, mh, mb) = 0;
      k.maskKept(mk, mt, mh, mb) += select(kept, 1, 0);
      kind = min(kind,
                 kindOfCount<HalideMath>(k.maskKept(kb, t, maskHead, maskBatch),
                                         i32(int64_t{queryTile} * kvTile)));
    }
    k.perHead |= maskDim(1) > 1;
    k.perBatch |= maskDim(0) > 1;
  }
  k.kind = kind;
  return k;
}

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
  int queryTile = layout.queryTile;
  int blocks = ceilDiv(keys, kvTile);
  int splits = layout.kvSplits;
  int blocksPerSplit = ceilDiv(blocks, splits);
  Var d("d"), n("n"), h("h"), b("b"), mi("mi"), mo("mo"), kb("kb"),
      split("split");
  Expr kvHead = h / group;

  PairRules rules = pairRulesFor(name, spec, queries, keys);

  Attention a;
  // Register blocks may round the rows of a tile up past N: those rows read
  // the last query row and are never stored.
  Expr row = min(n, queries - 1);
  Expr m = kb * kvTile + mi; // key `mi` of block `kb`

  // Whether query `row` keeps key `m` (within M), for partial blocks; full
  // blocks keep every pair and test none.
  Expr keep = m < keys && rules.keep(row, min(m, keys - 1), h, b);
  BlockKinds kinds =
      defineBlockKinds(name, spec, rules, queries, keys, queryTile, kvTile);
  a.maskKept = kinds.maskKept;
  a.querySegmentRange = kinds.querySegmentRange;
  a.keySegmentRange = kinds.keySegmentRange;
  Var t = kinds.tile, kh = kinds.head, kbat = kinds.batch;
  bool kindPerHead = kinds.perHead, kindPerBatch = kinds.perBatch;
  bool anyPartial = spec.causal != Causal::None || spec.window ||
                    spec.chunk > 0 || spec.layout || spec.querySegments ||
                    spec.mask || keys % kvTile != 0;
  if (anyPartial) {
    a.blockKind = Func(name + "_blockKind");
    a.blockKind(kinds.block, t, kh, kbat) = cast<uint8_t>(kinds.kind);
    // Per tile, the first and last block of each kind: the block loops run
    // over that range only (Halide turns these loaded bounds into loop
    // bounds), so the test per block is paid only inside it.
    RDom all(0, blocks, name + "_kindScan");
    Expr k = a.blockKind(all, t, kh, kbat);
    auto first = [&](int wanted) {
      return minimum(select(k == wanted, all, blocks));
    };
    auto last = [&](int wanted) {
      return maximum(select(k == wanted, all, -1));
    };
    a.blockRange = Func(name + "_blockRange");
    a.blockRange(t, kh, kbat) =
        Tuple(first(kFullBlock), last(kFullBlock), first(kPartialBlock),
              last(kPartialBlock));
  }

  // Score modifiers, applied to every kept pair.
  auto modify = [&](Expr s) {
    return rules.modify(s, row, min(m, keys - 1), h, b);
  };

  if (layout.keyLayout == AttentionSchedule::KeyLayout::PackedOnce) {
    a.keyPanel = Func(name + "_keyPanel");
    a.keyPanel(mi, d, mo, h, b) =
        key.func(d, min(mo * panel + mi, keys - 1), h, b);
  }
  if (layout.keyLayout == AttentionSchedule::KeyLayout::PackedOnce) {
    // Values likewise, in panels of outCols columns × all keys: a P·V
    // register block reads one contiguous stream.
    Var c("c"), dp("dp");
    a.valuePanel = Func(name + "_valuePanel");
    a.valuePanel(c, mi, dp, h, b) = value.func(
        min(dp * layout.outCols + c, valueDim - 1), min(mi, keys - 1), h, b);
  }
  // One pass over the blocks of one kind: `masked` tests every pair.
  auto definePass = [&](bool masked) {
    AttentionBlockPass p;
    p.masked = masked;
    std::string tag = name + (masked ? "_partial" : "_full");
    Expr s;
    if (layout.keyLayout == AttentionSchedule::KeyLayout::Direct) {
      // Per key, vector lanes over the head dim, then a sum of the lanes.
      int lanes = layout.vectorWidth;
      Var lane("lane"), kk("k");
      RDom ro(0, depth / lanes, tag + "_ro");
      p.dotLanes = Func(tag + "_dotLanes");
      p.dotLanes(lane, kk, n, h, b) = 0.0f;
      p.dotLanes(lane, kk, n, h, b) +=
          query.func(ro * lanes + lane, row, h, b) *
          key.func(ro * lanes + lane, min(kk, keys - 1), kvHead, b);
      RDom rl(0, lanes, tag + "_rl");
      p.dot = Func(tag + "_dot");
      p.dot(kk, n, h, b) = 0.0f;
      p.dot(kk, n, h, b) += p.dotLanes(rl, kk, n, h, b);
      s = p.dot(m, n, h, b) * spec.scale;
    } else {
      // Keys packed into panels of `panel` keys × the head dim, so the QKᵀ
      // inner loop reads one contiguous panel; keys past M repeat the last
      // key (their scores are masked).
      Func panels = a.keyPanel;
      if (!panels.defined()) {
        p.keyPanel = Func(tag + "_keyPanel");
        p.keyPanel(mi, d, mo, h, b) =
            key.func(d, min(mo * panel + mi, keys - 1), h, b);
        panels = p.keyPanel;
      }
      RDom rd(0, depth, tag + "_rd");
      p.dot = Func(tag + "_dot");
      p.dot(mi, mo, n, h, b) = 0.0f;
      p.dot(mi, mo, n, h, b) +=
          query.func(rd, row, h, b) * panels(mi, rd, mo, kvHead, b);
      s = p.dot(mi % panel, kb * (kvTile / panel) + mi / panel, n, h, b) *
          spec.scale;
    }
    s = modify(s);
    p.score = Func(tag + "_score");
    p.score(mi, n, h, b, kb) =
        masked ? select(keep && s > maskedThreshold(), s, maskedScore()) : s;

    // Row max and row sum over the block as vectors of partial results
    // (one per lane), then across the lanes: the per-key chains stay
    // vector-wide instead of one scalar dependency chain per row.
    int lanes = layout.vectorWidth;
    while (kvTile % lanes != 0) // short blocks (few keys)
      lanes /= 2;
    RDom rv(0, kvTile / lanes, tag + "_rv");
    Var lane("lane");
    auto acrossLanes = [&](Func partial, auto combine) {
      Expr all = partial(0, n, h, b, kb);
      for (int l = 1; l < lanes; ++l)
        all = combine(all, partial(l, n, h, b, kb));
      return all;
    };
    p.maxLanes = Func(tag + "_maxLanes");
    p.maxLanes(lane, n, h, b, kb) = maskedScore();
    p.maxLanes(lane, n, h, b, kb) = max(
        p.maxLanes(lane, n, h, b, kb), p.score(rv * lanes + lane, n, h, b, kb));
    p.blockMax = Func(tag + "_blockmax");
    p.blockMax(n, h, b, kb) =
        acrossLanes(p.maxLanes, [](Expr x, Expr y) { return max(x, y); });

    // Masked scores contribute exactly 0.
    Expr sc = p.score(mi, n, h, b, kb);
    Expr e = expViaExp2(sc - p.blockMax(n, h, b, kb));
    p.prob = Func(tag + "_prob");
    p.prob(mi, n, h, b, kb) =
        masked ? select(sc > maskedThreshold(), e, 0.0f) : e;

    p.sumLanes = Func(tag + "_sumLanes");
    p.sumLanes(lane, n, h, b, kb) = 0.0f;
    p.sumLanes(lane, n, h, b, kb) += p.prob(rv * lanes + lane, n, h, b, kb);
    p.blockSum = Func(tag + "_blocksum");
    p.blockSum(n, h, b, kb) =
        acrossLanes(p.sumLanes, [](Expr x, Expr y) { return x + y; });

    RDom rk(0, kvTile, tag + "_rk");
    p.pv = Func(tag + "_pv");
    p.pv(d, n, h, b, kb) = 0.0f;
    Expr valueAt = a.valuePanel.defined()
                       ? a.valuePanel(d % layout.outCols, kb * kvTile + rk,
                                      d / layout.outCols, kvHead, b)
                       : value.func(min(d, valueDim - 1),
                                    min(kb * kvTile + rk, keys - 1), kvHead, b);
    p.pv(d, n, h, b, kb) += p.prob(rk, n, h, b, kb) * valueAt;
    return p;
  };

  // The running triple of each KV split, per query tile `t` and row `ni` of
  // the tile, over the blocks of the split: one update absorbs the full
  // blocks (no per-pair test), one the partial blocks. Each loop runs from
  // the tile's first to its last block of that kind (bounds loaded from
  // blockRange) and tests each block's kind once; the stages of a block
  // the tile skips are not computed (Halide places them inside the test).
  Var ni("ni");
  Expr tileRow = t * queryTile + ni;
  Expr kindHead = kindPerHead ? Expr(h) : Expr(0);
  Expr kindBatch = kindPerBatch ? Expr(b) : Expr(0);
  a.state = Func(name + "_state");
  a.state(d, ni, t, h, b, split) = Tuple(0.0f, maskedScore(), 0.0f);
  for (bool masked : {false, true}) {
    if (masked && !anyPartial)
      break;
    a.passes.push_back(definePass(masked));
    const AttentionBlockPass &p = a.passes.back();
    RDom rb(0, blocksPerSplit, name + (masked ? "_rbPartial" : "_rbFull"));
    Expr block = split * blocksPerSplit + rb;
    Expr visit = block < blocks;
    if (anyPartial) {
      FuncRef range = a.blockRange(t, kindHead, kindBatch);
      int lo = masked ? 2 : 0;
      visit = visit && block >= range[lo] && block <= range[lo + 1] &&
              a.blockKind(block, t, kindHead, kindBatch) ==
                  (masked ? kPartialBlock : kFullBlock);
    }
    rb.where(visit);
    a.state(d, ni, t, h, b, split) = mergeTriples(
        a.state(d, ni, t, h, b, split), p.pv(d, tileRow, h, b, block),
        p.blockMax(tileRow, h, b, block), p.blockSum(tileRow, h, b, block));
  }

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
  out(d, n, h, b) =
      narrowStorage(select(sum > 0.0f, acc / sum, 0.0f), spec.storage);
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
     << "\", \"value_packing\": \""
     << (keyLayout == KeyLayout::PackedOnce ? "once" : "direct") << "\""
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
  int passes = static_cast<int>(a.passes.size());
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
    for (int i = 0; i < passes; ++i)
      a.state.update(i)
          .reorder(sd, sn, a.state.rvars(i)[0], ss, st, sh, sb)
          .fuse(ss, st, stask)
          .fuse(stask, sh, stask)
          .fuse(stask, sb, stask)
          .parallel(stask);
  }

  Var sd = a.state.args()[0];
  a.state.vectorize(sd, vectorWidthFor(s.outCols));
  for (int i = 0; i < passes; ++i) {
    AttentionBlockPass &p = a.passes[i];
    // The state update: register blocks of outRows × outCols, each
    // absorbing one KV block's P·V (computed right there) per step of the
    // block loop.
    RVar blockVar = a.state.rvars(i)[0];
    LoopLevel block(a.state, blockVar);
    // Loop names unique per update, so each pass's stages find theirs.
    std::string tag = p.masked ? "Partial" : "Full";
    Var dOuter("dOuter" + tag), dInner("dInner" + tag), nOuter("nOuter" + tag),
        nInner("nInner" + tag);
    a.state.update(i)
        .split(taskRows, nOuter, nInner, s.outRows, TailStrategy::GuardWithIf)
        .split(sd, dOuter, dInner, s.outCols, TailStrategy::RoundUp)
        .reorder(dInner, nInner, dOuter, nOuter, blockVar)
        .vectorize(dInner, vectorWidthFor(s.outCols))
        .unroll(nInner);
    Var pd = p.pv.args()[0], pn = p.pv.args()[1];
    p.pv.compute_at(a.state, dOuter);
    scheduleRegisterBlock(p.pv, pd, pn, vectorWidthFor(s.outCols));

    // One KV block's scores for the tile: QKᵀ register blocks of
    // scoreRows × scoreCols accumulators across the head dim.
    Var sm = p.score.args()[0], scn = p.score.args()[1];
    Var smo("smo"), smi("smi"), scno("scno"), scni("scni");
    p.score.compute_at(block)
        .split(sm, smo, smi, s.scoreCols)
        .split(scn, scno, scni, s.scoreRows)
        .reorder(smi, scni, smo, scno)
        .vectorize(smi, vectorWidthFor(s.scoreCols))
        .unroll(smi)
        .unroll(scni);
    if (s.keyLayout == AttentionSchedule::KeyLayout::Direct) {
      Var lane = p.dotLanes.args()[0], lkey = p.dotLanes.args()[1];
      p.dot.compute_at(block);
      p.dot.update().unroll(p.dot.rvars()[0]);
      p.dotLanes.compute_at(block).vectorize(lane);
      p.dotLanes.update()
          .reorder(lane, p.dotLanes.rvars()[0], lkey)
          .vectorize(lane);
    } else {
      Var dmi = p.dot.args()[0], dn = p.dot.args()[2];
      p.dot.compute_at(p.score, smo);
      scheduleRegisterBlock(p.dot, dmi, dn, vectorWidthFor(s.scoreCols));
    }
    // Rows of a register block side by side in the lane reductions, so
    // their chains overlap.
    for (Func lanes : {p.maxLanes, p.sumLanes}) {
      Var lane = lanes.args()[0], ln = lanes.args()[1];
      Var lno("lno"), lni("lni");
      lanes.compute_at(block).vectorize(lane);
      lanes.update()
          .split(ln, lno, lni, s.scoreRows, TailStrategy::GuardWithIf)
          .reorder(lane, lni, lanes.rvars()[0], lno)
          .vectorize(lane)
          .unroll(lni);
      unrollReductionSteps(lanes, 0);
    }
    p.blockMax.compute_at(block);
    p.prob.compute_at(block).vectorize(p.prob.args()[0],
                                       vectorWidthFor(s.scoreCols));
    p.blockSum.compute_at(block);
    if (p.keyPanel.defined()) {
      // Next to its use: the panel stays in cache, no packed K goes to
      // memory.
      p.keyPanel.compute_at(block).vectorize(p.keyPanel.args()[0],
                                             vectorWidthFor(s.scoreCols));
    }
  }

  // The block table and the scans behind it: once per call, small.
  if (a.blockKind.defined()) {
    a.blockKind.compute_root().parallel(a.blockKind.args()[1]);
    a.blockRange.compute_root().parallel(a.blockRange.args()[0]);
    if (a.maskKept.defined()) {
      // Along keys (contiguous in the mask), as a vector reduction.
      std::vector<RVar> cell = a.maskKept.rvars();
      a.maskKept.compute_root().parallel(a.maskKept.args()[1]);
      a.maskKept.update()
          .reorder(cell[1], cell[0])
          .atomic()
          .vectorize(cell[1], 4 * width, TailStrategy::GuardWithIf)
          .parallel(a.maskKept.args()[1]);
    }
    if (a.querySegmentRange.defined()) {
      a.querySegmentRange.compute_root();
      a.keySegmentRange.compute_root();
    }
  }
  // Panels packed once per call: in parallel over (head, batch), along
  // their contiguous first dimension.
  auto schedulePanels = [&](Func panels, int width) {
    Var inner = panels.args()[0], head = panels.args()[3],
        batch = panels.args()[4];
    panels.compute_root()
        .fuse(head, batch, head)
        .parallel(head)
        .vectorize(inner, vectorWidthFor(width));
  };
  if (a.valuePanel.defined())
    schedulePanels(a.valuePanel, s.outCols);
  if (a.keyPanel.defined())
    schedulePanels(a.keyPanel, s.scoreCols);
}

} // namespace attn::halide
