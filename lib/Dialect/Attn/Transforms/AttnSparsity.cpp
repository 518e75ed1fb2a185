//===- AttnSparsity.cpp - mask structure and block classification ---------===//
//
// Recognizes constant masks that are exactly a causal or sliding-window band
// and replaces them with the attributes the code generator turns into loop
// bounds; then classifies every (query tile, KV block) pair of each tiled
// attention as empty, full or partial and records the counts.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/Transforms/Passes.h"
#include "attn/Semantics.h"

#include "mlir/IR/Matchers.h"

#include <limits>

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNSPARSITYPASS
#include "Attn/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

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

/// Per row, the keys a constant mask keeps, when the mask broadcasts over
/// batch and heads and keeps one contiguous run per row; else nullopt.
std::optional<std::vector<KeyRange>> constantRows(Value mask, int64_t queries,
                                                  int64_t keys) {
  DenseElementsAttr attr;
  if (!mask || !matchPattern(mask, m_Constant(&attr)))
    return std::nullopt;
  ArrayRef<int64_t> shape = attr.getType().getShape();
  if (shape.size() < 2 || shape[shape.size() - 2] != queries ||
      shape.back() != keys ||
      llvm::any_of(shape.drop_back(2), [](int64_t d) { return d != 1; }))
    return std::nullopt;
  std::vector<uint8_t> keep;
  keep.reserve(queries * keys);
  if (attr.getElementType().isSignlessInteger(1)) {
    for (bool v : attr.getValues<bool>())
      keep.push_back(v);
  } else if (attr.getElementType().isF32()) {
    // Additive: 0 keeps, -inf (or at or below the threshold) drops; any
    // other value changes scores and is no structure.
    for (float v : attr.getValues<float>()) {
      if (v != 0.0f && !(v <= kAttnMaskedThreshold))
        return std::nullopt;
      keep.push_back(v == 0.0f);
    }
  } else {
    return std::nullopt;
  }
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

/// The band an attention's attributes describe.
Band bandOf(std::optional<CausalAlignment> causal, WindowAttr window,
            int64_t queries, int64_t keys) {
  Band band;
  if (causal == CausalAlignment::bottom_right)
    band.shift = keys - queries;
  if (causal)
    band.right = 0;
  if (window) {
    band.left = window.getLeft();
    band.right = std::min(band.right, window.getRight());
  }
  return band;
}

/// Counts of (query tile, KV block) pairs by what a block holds for a tile.
struct BlockCounts {
  int64_t empty = 0, full = 0, partial = 0;
};

BlockCounts classify(int64_t queries, int64_t keys, int64_t queryTile,
                     int64_t kvTile,
                     llvm::function_ref<KeyRange(int64_t)> rowKeys) {
  BlockCounts counts;
  for (int64_t r0 = 0; r0 < queries; r0 += queryTile) {
    int64_t r1 = std::min(queries, r0 + queryTile) - 1;
    for (int64_t k0 = 0; k0 < keys; k0 += kvTile) {
      int64_t k1 = std::min(keys, k0 + kvTile) - 1;
      bool any = false, all = true;
      for (int64_t i = r0; i <= r1; ++i) {
        KeyRange r = rowKeys(i);
        int64_t lo = std::max(r.lo, k0), hi = std::min(r.hi, k1);
        any |= lo <= hi;
        all &= lo == k0 && hi == k1;
      }
      ++(all ? counts.full : any ? counts.partial : counts.empty);
    }
  }
  return counts;
}

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

struct AttnSparsity : mlir::attn::impl::AttnSparsityPassBase<AttnSparsity> {
  void runOnOperation() override {
    getOperation().walk([&](Operation *op) {
      if (auto a = dyn_cast<AttentionOp>(op))
        visit(a);
      else if (auto m = dyn_cast<MultiHeadAttentionOp>(op))
        visit(m);
    });
  }

  /// For attn.attention and attn.multi_head_attention (which has no window).
  template <typename OpTy> void visit(OpTy op) {
    constexpr bool windows = std::is_same_v<OpTy, AttentionOp>;
    MLIRContext *ctx = op.getContext();
    int64_t queries, keys;
    if constexpr (std::is_same_v<OpTy, AttentionOp>) {
      queries = cast<RankedTensorType>(op.getQuery().getType()).getShape()[2];
      keys = cast<RankedTensorType>(op.getKey().getType()).getShape()[2];
    } else {
      queries = op.getQueryHeadsShape()[2];
      keys = op.getKeyHeadsShape()[2];
    }
    WindowAttr window;
    if constexpr (std::is_same_v<OpTy, AttentionOp>)
      window = op.getWindowAttr();

    // A constant band mask becomes attributes (only where none are set, so
    // the mask is the only structure to carry over).
    std::optional<std::vector<KeyRange>> rows =
        constantRows(op.getMask(), queries, keys);
    if (rows && !op.getCausal() && !window) {
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
        Operation *maskDef = op.getMask().getDefiningOp();
        op.getMaskMutable().clear();
        if (maskDef && maskDef->use_empty())
          maskDef->erase();
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
          window = op.getWindowAttr();
        }
        rows.reset();
        break;
      }
    }

    TilingAttr tiling = op.getTilingAttr();
    if (!tiling)
      return; // classified once tiles are chosen (--attn-tile)
    int64_t queryTile = tiling.getQueryTile(), kvTile = tiling.getKvTile();
    if (op.getMask() && !rows) {
      // A run-time mask (or a constant one that is no band): every block
      // may hold anything until the mask is scanned.
      BlockCounts all;
      all.partial = ((queries + queryTile - 1) / queryTile) *
                    ((keys + kvTile - 1) / kvTile);
      bool constant = matchPattern(op.getMask(), m_Constant());
      op->setAttr(
          "attn.blocks",
          blocksAttr(ctx, constant ? "constant_mask" : "runtime_mask", all));
      return;
    }
    if (rows) {
      auto rowKeys = [&](int64_t i) { return (*rows)[i]; };
      op->setAttr("attn.blocks", blocksAttr(ctx, "constant_mask",
                                            classify(queries, keys, queryTile,
                                                     kvTile, rowKeys)));
      return;
    }
    Band band = bandOf(op.getCausal(), window, queries, keys);
    auto rowKeys = [&](int64_t i) { return band.row(i, keys); };
    StringRef source = window ? "window" : op.getCausal() ? "causal" : "dense";
    op->setAttr("attn.blocks", blocksAttr(ctx, source,
                                          classify(queries, keys, queryTile,
                                                   kvTile, rowKeys)));
  }
};

} // namespace
