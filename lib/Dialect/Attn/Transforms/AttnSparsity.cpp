//===- AttnSparsity.cpp - mask structure and block classification ---------===//
//
// Recognizes constant masks that are exactly a causal or sliding-window band,
// or a block layout, and replaces them with the attributes that say the
// same; then classifies every (query tile, KV block) pair of each tiled
// attention as empty, full or partial (the rules of attn/BlockPattern.h,
// which the code generator follows too) and records the counts.
//
//===----------------------------------------------------------------------===//

#include "attn/BlockPattern.h"
#include "attn/Dialect/Attn/Transforms/Passes.h"

#include "mlir/IR/Matchers.h"

#include <limits>

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNSPARSITYPASS
#include "Attn/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;
// The block rules live in ::attn, shared with the (MLIR-free) kernels.
using ::attn::classifyBlock;
using ::attn::classifyLayoutBlock;
using ::attn::kEmptyBlock;
using ::attn::kFullBlock;
using ::attn::kindOf;
using ::attn::kindOfCount;
using ::attn::kPartialBlock;
using ::attn::ScalarMath;
using ::attn::StaticPattern;

namespace {

constexpr int64_t kUnbounded = std::numeric_limits<int64_t>::max() / 4;

/// The keys row i keeps: [lo, hi] (empty when lo > hi).
struct KeyRange {
  int64_t lo, hi;
};

/// The kept keys of a band around the diagonal d = i + shift:
/// [d - left, d + right] within [0, M).
struct Band {
  int64_t shift = 0, left = kUnbounded, right = kUnbounded;

  KeyRange row(int64_t i, int64_t keys) const {
    int64_t d = i + shift;
    return {
        std::max<int64_t>(0, left >= kUnbounded ? 0 : d - left),
        std::min<int64_t>(keys - 1, right >= kUnbounded ? keys : d + right)};
  }
};

/// The pairs a constant mask keeps, row-major [N, M], when the mask
/// broadcasts over batch and heads and is boolean or only 0 / -inf.
std::optional<std::vector<uint8_t>> constantKeep(Value mask, int64_t queries,
                                                 int64_t keys) {
  DenseElementsAttr attr;
  if (!mask || !matchPattern(mask, m_Constant(&attr)))
    return std::nullopt;
  ArrayRef<int64_t> shape = attr.getType().getShape();
  if (shape.size() < 2 || shape[shape.size() - 2] != queries ||
      shape.back() != keys ||
      llvm::any_of(shape.drop_back(2), [](int64_t d) { return d != 1; }))
    return std::nullopt;
  return constantMaskKeep(attr, /*structureOnly=*/true);
}

/// Per row, the keys kept, when every row keeps one contiguous run.
std::optional<std::vector<KeyRange>>
contiguousRows(const std::vector<uint8_t> &keep, int64_t queries,
               int64_t keys) {
  std::vector<KeyRange> rows;
  for (int64_t i = 0; i < queries; ++i) {
    const auto *row = &keep[i * keys];
    int64_t lo = 0;
    while (lo < keys && !row[lo])
      ++lo;
    int64_t hi = keys - 1;
    while (hi >= lo && !row[hi])
      --hi;
    for (int64_t j = lo; j <= hi; ++j)
      if (!row[j])
        return std::nullopt; // a hole: not a band
    rows.push_back({lo, hi});
  }
  return rows;
}

/// The largest power of two (at most `limit`) such that the runs of that
/// many consecutive items (the last one may be shorter) are all alike.
int64_t uniformRun(int64_t count, int64_t limit,
                   llvm::function_ref<bool(int64_t, int64_t)> same) {
  int64_t run = 1;
  while (run * 2 <= std::min(count, limit)) {
    int64_t next = run * 2;
    bool alike = true;
    for (int64_t i = 0; i < count && alike; ++i)
      alike = i % next == 0 || same(i - i % next, i);
    if (!alike)
      break;
    run = next;
  }
  return run;
}

/// A block layout that keeps exactly the pairs of `keep`, with cells of at
/// least `minCell` rows and keys, if there is one.
std::optional<std::tuple<int64_t, int64_t, std::vector<uint8_t>>>
matchLayout(const std::vector<uint8_t> &keep, int64_t queries, int64_t keys,
            int64_t minCell) {
  auto at = [&](int64_t i, int64_t j) { return keep[i * keys + j]; };
  int64_t rowRun = uniformRun(queries, queries, [&](int64_t a, int64_t b) {
    return std::equal(&keep[a * keys], &keep[(a + 1) * keys], &keep[b * keys]);
  });
  int64_t keyRun = uniformRun(keys, keys, [&](int64_t a, int64_t b) {
    for (int64_t i = 0; i < queries; ++i)
      if (at(i, a) != at(i, b))
        return false;
    return true;
  });
  if (std::min(rowRun, keyRun) < minCell)
    return std::nullopt;
  int64_t rows = (queries + rowRun - 1) / rowRun,
          cols = (keys + keyRun - 1) / keyRun;
  std::vector<uint8_t> cells;
  for (int64_t r = 0; r < rows; ++r)
    for (int64_t c = 0; c < cols; ++c)
      cells.push_back(at(r * rowRun, c * keyRun));
  return std::make_tuple(rowRun, keyRun, cells);
}

bool sameRows(const std::vector<KeyRange> &rows, const Band &band,
              int64_t keys) {
  for (int64_t i = 0; i < static_cast<int64_t>(rows.size()); ++i) {
    KeyRange want = band.row(i, keys);
    bool wantEmpty = want.lo > want.hi, isEmpty = rows[i].lo > rows[i].hi;
    if (wantEmpty != isEmpty ||
        (!isEmpty && (want.lo != rows[i].lo || want.hi != rows[i].hi)))
      return false;
  }
  return true;
}

/// The band with diagonal shift `shift` that the rows are exactly, if any:
/// its extents are read off one row that is cut on that side (unbounded when
/// no row is), then every row is checked.
std::optional<Band> matchBand(const std::vector<KeyRange> &rows, int64_t shift,
                              int64_t keys) {
  Band band;
  band.shift = shift;
  for (int64_t i = 0; i < static_cast<int64_t>(rows.size()); ++i) {
    if (rows[i].lo > rows[i].hi)
      continue;
    if (rows[i].lo > 0 && band.left == kUnbounded)
      band.left = i + shift - rows[i].lo;
    if (rows[i].hi < keys - 1 && band.right == kUnbounded)
      band.right = rows[i].hi - i - shift;
  }
  if (band.left < 0 || band.right < 0 || !sameRows(rows, band, keys))
    return std::nullopt;
  return band;
}

/// Counts of (query tile, KV block) pairs by what a block holds for a tile.
struct BlockCounts {
  int64_t empty = 0, full = 0, partial = 0;
};

/// Counts the kinds `kindOf(r0, r1, k0, k1)` gives each (query tile, KV
/// block) pair; r1 and k1 are the tile's last row and the block's last key
/// within N and M.
BlockCounts
countBlocks(int64_t queries, int64_t keys, int64_t queryTile, int64_t kvTile,
            llvm::function_ref<int(int64_t, int64_t, int64_t, int64_t)> kind) {
  BlockCounts counts;
  for (int64_t r0 = 0; r0 < queries; r0 += queryTile) {
    int64_t r1 = std::min(queries, r0 + queryTile) - 1;
    for (int64_t k0 = 0; k0 < keys; k0 += kvTile) {
      int64_t k1 = std::min(keys, k0 + kvTile) - 1;
      int k = kind(r0, r1, k0, k1);
      ++(k == kFullBlock    ? counts.full
         : k == kEmptyBlock ? counts.empty
                            : counts.partial);
    }
  }
  return counts;
}

/// Counts kept cells in inclusive ranges of a 2-D table through its
/// summed-area table.
class CellCounter {
public:
  CellCounter(const std::vector<uint8_t> &cells, int64_t rows, int64_t cols)
      : cols(cols), sums((rows + 1) * (cols + 1), 0) {
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c)
        sums[(r + 1) * (cols + 1) + c + 1] =
            cells[r * cols + c] + sum(r, c + 1) + sum(r + 1, c) - sum(r, c);
  }
  int64_t operator()(int64_t rowLo, int64_t rowHi, int64_t colLo,
                     int64_t colHi) const {
    return sum(rowHi + 1, colHi + 1) - sum(rowLo, colHi + 1) -
           sum(rowHi + 1, colLo) + sum(rowLo, colLo);
  }

private:
  int64_t sum(int64_t r, int64_t c) const { return sums[r * (cols + 1) + c]; }
  int64_t cols;
  std::vector<int64_t> sums;
};

DictionaryAttr blocksAttr(MLIRContext *ctx, StringRef source,
                          const BlockCounts &c) {
  Builder b(ctx);
  return b.getDictionaryAttr({
      b.getNamedAttr("source", b.getStringAttr(source)),
      b.getNamedAttr("empty", b.getI64IntegerAttr(c.empty)),
      b.getNamedAttr("full", b.getI64IntegerAttr(c.full)),
      b.getNamedAttr("partial", b.getI64IntegerAttr(c.partial)),
  });
}

/// The static pattern of an op's clauses (the multi-head op has causal
/// only).
template <typename OpTy>
StaticPattern staticPatternOf(OpTy op, int64_t queries, int64_t keys) {
  StaticPattern p;
  p.keys = keys;
  if (op.getCausal() == CausalAlignment::bottom_right)
    p.diagonalShift = keys - queries;
  p.causal = op.getCausal().has_value();
  if constexpr (std::is_same_v<OpTy, AttentionOp>) {
    if (WindowAttr window = op.getWindowAttr()) {
      p.window = true;
      p.windowLeft = window.getLeft();
      p.windowRight = window.getRight();
      p.dilation = window.getDilation();
    }
    if (auto chunk = op.getChunkAttr())
      p.chunk = chunk.getInt();
    if (auto prefix = op.getPrefixAttr())
      p.prefix = prefix.getInt();
  }
  return p;
}

struct AttnSparsity : mlir::attn::impl::AttnSparsityPassBase<AttnSparsity> {
  void runOnOperation() override {
    getOperation().walk([&](Operation *op) {
      if (auto a = dyn_cast<AttentionOp>(op))
        visit(a);
      else if (auto m = dyn_cast<MultiHeadAttentionOp>(op))
        visit(m);
    });
  }

  /// For attn.attention and attn.multi_head_attention (which has causal
  /// and a mask only).
  template <typename OpTy> void visit(OpTy op) {
    constexpr bool isAttention = std::is_same_v<OpTy, AttentionOp>;
    MLIRContext *ctx = op.getContext();
    int64_t queries, keys;
    if constexpr (isAttention) {
      queries = cast<RankedTensorType>(op.getQuery().getType()).getShape()[2];
      keys = cast<RankedTensorType>(op.getKey().getType()).getShape()[2];
    } else {
      queries = op.getQueryHeadsShape()[2];
      keys = op.getKeyHeadsShape()[2];
    }
    bool hasClauses = op.getCausal().has_value();
    if constexpr (isAttention)
      hasClauses |= op.getWindowAttr() || op.getChunkAttr() ||
                    op.getPrefixAttr() || op.getBlockLayoutAttr();

    // A filled mask gives its pairs a score: no structure to find.
    Value mask = op.getMaskFillAttr() ? Value() : op.getMask();
    std::optional<std::vector<uint8_t>> keep =
        constantKeep(mask, queries, keys);
    // A constant mask becomes attributes only where the op has no other
    // clause, so the mask is the only structure to carry over.
    if (keep && !hasClauses &&
        (replaceByBand(op, *keep, queries, keys) ||
         replaceByLayout(op, *keep, queries, keys))) {
      keep.reset();
      mask = Value(); // now clauses
    }

    TilingAttr tiling = op.getTilingAttr();
    if (!tiling)
      return; // classified once tiles are chosen (--attn-tile)
    int64_t queryTile = tiling.getQueryTile(), kvTile = tiling.getKvTile();

    StaticPattern pattern = staticPatternOf(op, queries, keys);
    SmallVector<StringRef> sources;
    if (pattern.causal)
      sources.push_back("causal");
    if (pattern.window)
      sources.push_back(pattern.dilation > 1 ? "dilated_window" : "window");
    if (pattern.chunk)
      sources.push_back("chunk");
    if (pattern.prefix)
      sources.push_back("prefix");
    BlockLayoutAttr layout;
    bool segments = false;
    if constexpr (isAttention) {
      layout = op.getBlockLayoutAttr();
      segments = op.getQuerySegments() != nullptr;
    }
    if (layout)
      sources.push_back("block_layout");
    if (keep)
      sources.push_back("constant_mask");
    else if (mask)
      sources.push_back("runtime_mask");
    else if (op.getMaskFillAttr())
      sources.push_back("filled_mask"); // scores every pair
    if (segments)
      sources.push_back("segments");
    if (sources.empty())
      sources.push_back("dense");

    // Per-head layouts: a cell counts as kept when any head keeps it, and
    // a block is full only when every head keeps all of its cells.
    std::optional<CellCounter> layoutAny, layoutAll;
    if (layout) {
      ArrayRef<int64_t> shape = layout.getLayout().getType().getShape();
      int64_t rows = shape[shape.size() - 2], cols = shape.back();
      std::vector<uint8_t> any(rows * cols, 0), all(rows * cols, 1);
      int64_t index = 0;
      for (bool v : layout.getLayout().getValues<bool>()) {
        int64_t cell = index++ % (rows * cols);
        any[cell] |= v;
        all[cell] &= v;
      }
      layoutAny.emplace(any, rows, cols);
      layoutAll.emplace(all, rows, cols);
    }
    std::optional<CellCounter> maskCells;
    if (keep)
      maskCells.emplace(*keep, queries, keys);

    auto kind = [&](int64_t r0, int64_t r1, int64_t k0, int64_t k1) {
      int k =
          static_cast<int>(classifyBlock<ScalarMath>(pattern, r0, r1, k0, k1));
      if (layout) {
        int64_t qb = layout.getQueryBlock(), kb = layout.getKeyBlock();
        int anyKind = static_cast<int>(classifyLayoutBlock<ScalarMath>(
            r0, r1, k0, k1, qb, kb, *layoutAny));
        int allKind = static_cast<int>(classifyLayoutBlock<ScalarMath>(
            r0, r1, k0, k1, qb, kb, *layoutAll));
        k = std::min(k, static_cast<int>(kindOf<ScalarMath>(
                            allKind == kFullBlock, anyKind == kEmptyBlock)));
      }
      if (maskCells) {
        int64_t pairs = (r1 - r0 + 1) * (k1 - k0 + 1);
        k = std::min(k, static_cast<int>(kindOfCount<ScalarMath>(
                            (*maskCells)(r0, r1, k0, k1), pairs)));
      }
      // Run-time clauses are seen only at call time: what the static
      // clauses keep may still be anything.
      if ((mask && !keep) || segments)
        k = std::min(k, int(kPartialBlock));
      return k;
    };
    op->setAttr("attn.blocks", blocksAttr(ctx, llvm::join(sources, "+"),
                                          countBlocks(queries, keys, queryTile,
                                                      kvTile, kind)));
  }

  /// Replaces a constant mask that is exactly a causal or window band by
  /// those attributes.
  template <typename OpTy>
  bool replaceByBand(OpTy op, const std::vector<uint8_t> &keep, int64_t queries,
                     int64_t keys) {
    constexpr bool windows = std::is_same_v<OpTy, AttentionOp>;
    MLIRContext *ctx = op.getContext();
    std::optional<std::vector<KeyRange>> rows =
        contiguousRows(keep, queries, keys);
    if (!rows)
      return false;
    // The bottom-right diagonal first: a band on it is causal there, where
    // the top-left reading would see a window reaching M - N keys ahead.
    for (int64_t shift : {keys - queries, int64_t{0}}) {
      std::optional<Band> band = matchBand(*rows, shift, keys);
      if (!band)
        continue;
      bool causal = band->right == 0;
      bool hasWindow = band->left != kUnbounded ||
                       (band->right != 0 && band->right != kUnbounded);
      // Without causal, a window is aligned top-left; the multi-head op
      // has no window at all.
      if ((hasWindow && !windows) || (hasWindow && !causal && shift != 0) ||
          (!causal && !hasWindow && band->right != kUnbounded))
        continue;
      dropMask(op);
      if (causal)
        op.setCausalAttr(CausalAlignmentAttr::get(
            ctx, shift == 0 ? CausalAlignment::top_left
                            : CausalAlignment::bottom_right));
      if constexpr (windows) {
        // An unbounded side reaches past every key.
        if (hasWindow)
          op.setWindowAttr(
              WindowAttr::get(ctx, std::min(band->left, keys),
                              causal ? 0 : std::min(band->right, keys)));
      }
      return true;
    }
    return false;
  }

  /// Replaces a constant mask that is a table of uniform cells (of at least
  /// 8 × 8 pairs) by a block layout: the classification is then static and
  /// partial blocks read a small table instead of the mask.
  template <typename OpTy>
  bool replaceByLayout(OpTy op, const std::vector<uint8_t> &keep,
                       int64_t queries, int64_t keys) {
    if constexpr (!std::is_same_v<OpTy, AttentionOp>) {
      return false;
    } else {
      auto match = matchLayout(keep, queries, keys, /*minCell=*/8);
      if (!match)
        return false;
      auto [queryBlock, keyBlock, cells] = *match;
      int64_t rows = (queries + queryBlock - 1) / queryBlock,
              cols = (keys + keyBlock - 1) / keyBlock;
      MLIRContext *ctx = op.getContext();
      auto type = RankedTensorType::get({rows, cols}, IntegerType::get(ctx, 1));
      SmallVector<bool> values(cells.begin(), cells.end());
      op.setBlockLayoutAttr(BlockLayoutAttr::get(
          ctx, queryBlock, keyBlock, DenseElementsAttr::get(type, values)));
      dropMask(op);
      return true;
    }
  }

  template <typename OpTy> void dropMask(OpTy op) {
    Operation *maskDef = op.getMask().getDefiningOp();
    op.getMaskMutable().clear();
    if (maskDef && maskDef->use_empty())
      maskDef->erase();
  }
};

} // namespace
