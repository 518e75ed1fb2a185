//===- BlockPattern.h - classifying blocks of the score matrix --*- C++ -*-===//
//
// The static clauses of an attention (causal, window, dilation, chunk,
// prefix, block layout) decide for a block of rows × keys whether it keeps
// nothing, everything or some of its pairs. The rules are written once, over
// an integer "math" that is either plain int64_t (the --attn-sparsity pass
// counts blocks at compile time) or Halide expressions (the code generator
// builds its per-call block table from them), so the IR and the kernel agree.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_BLOCKPATTERN_H
#define ATTN_BLOCKPATTERN_H

#include <algorithm>
#include <cstdint>

namespace attn {

/// What a (query tile, KV block) pair holds. Ordered so that the kind of a
/// conjunction of clauses is (at most) the least of their kinds and that of
/// a disjunction the greatest: conservative, never wrong.
enum BlockKind : int { kEmptyBlock = 0, kPartialBlock = 1, kFullBlock = 2 };

/// The clauses that are affine in the indices. Query i's diagonal is
/// d = i + diagonalShift (M - N under causal(bottom_right), else 0).
struct StaticPattern {
  int64_t keys = 0; // M
  int64_t diagonalShift = 0;
  bool causal = false;
  bool window = false;
  int64_t windowLeft = 0, windowRight = 0, dilation = 1;
  int64_t chunk = 0;  // 0: no chunks
  int64_t prefix = 0; // 0: no prefix

  bool hasBand() const { return causal || window || chunk > 0; }
};

/// Integer math on int64_t: what the pass uses.
struct ScalarMath {
  using Int = int64_t;
  using Bool = bool;
  static Int lit(int64_t v) { return v; }
  static Int select(Bool c, Int a, Int b) { return c ? a : b; }
  static Int min(Int a, Int b) { return std::min(a, b); }
  static Int max(Int a, Int b) { return std::max(a, b); }
  static Int floorDiv(Int a, int64_t b) {
    return a >= 0 ? a / b : -((-a + b - 1) / b);
  }
  static Bool always() { return true; }
};

/// Whether query i keeps key j (both within N and M) under the static
/// clauses: what the partial blocks test per pair.
template <typename Math>
typename Math::Bool keepsPair(const StaticPattern &p, typename Math::Int i,
                              typename Math::Int j) {
  using Int = typename Math::Int;
  Int d = i + Math::lit(p.diagonalShift);
  typename Math::Bool band = Math::always();
  if (p.causal)
    band = band && j <= d;
  if (p.window) {
    band = band && j >= d - Math::lit(p.windowLeft) &&
           j <= d + Math::lit(p.windowRight);
    if (p.dilation > 1)
      band = band && (d - j) % Math::lit(p.dilation) == Math::lit(0);
  }
  if (p.chunk > 0)
    band = band && Math::floorDiv(j, p.chunk) == Math::floorDiv(d, p.chunk);
  if (p.prefix > 0)
    band = band || j < Math::lit(p.prefix);
  return band;
}

/// The kind of a block from whether it is full and whether it is empty.
template <typename Math>
typename Math::Int kindOf(typename Math::Bool full, typename Math::Bool empty) {
  return Math::select(
      full, Math::lit(kFullBlock),
      Math::select(empty, Math::lit(kEmptyBlock), Math::lit(kPartialBlock)));
}

/// The kind of a block from how many of its `pairs` are kept.
template <typename Math>
typename Math::Int kindOfCount(typename Math::Int kept,
                               typename Math::Int pairs) {
  return kindOf<Math>(kept == pairs, kept == Math::lit(0));
}

/// The kind of rows [r0, r1] (r1 < N) × keys [k0, k1] under the static
/// clauses: (prefix or (causal and window and chunk)). Keys past M (a
/// ragged last block) make the block partial at most.
template <typename Math>
typename Math::Int classifyBlock(const StaticPattern &p, typename Math::Int r0,
                                 typename Math::Int r1, typename Math::Int k0,
                                 typename Math::Int k1) {
  using Int = typename Math::Int;
  Int lastKey = Math::min(k1, Math::lit(p.keys - 1));
  Int d0 = r0 + Math::lit(p.diagonalShift),
      d1 = r1 + Math::lit(p.diagonalShift);
  Int kind = Math::lit(kFullBlock);
  if (p.causal)
    kind = Math::min(kind, kindOf<Math>(lastKey <= d0, k0 > d1));
  if (p.window) {
    Int left = Math::lit(p.windowLeft), right = Math::lit(p.windowRight);
    auto empty = lastKey < d0 - left || k0 > d1 + right;
    // A dilated window skips keys inside every block wider than one key.
    Int windowKind =
        p.dilation > 1
            ? Math::select(empty, Math::lit(kEmptyBlock),
                           Math::lit(kPartialBlock))
            : kindOf<Math>(k0 >= d1 - left && lastKey <= d0 + right, empty);
    kind = Math::min(kind, windowKind);
  }
  if (p.chunk > 0) {
    Int c0 = Math::floorDiv(d0, p.chunk), c1 = Math::floorDiv(d1, p.chunk);
    Int kc0 = Math::floorDiv(k0, p.chunk),
        kc1 = Math::floorDiv(lastKey, p.chunk);
    kind = Math::min(kind, kindOf<Math>(c0 == c1 && kc0 == kc1 && c0 == kc0,
                                        kc1 < c0 || kc0 > c1));
  }
  if (p.prefix > 0)
    kind = Math::max(kind, kindOf<Math>(lastKey < Math::lit(p.prefix),
                                        k0 >= Math::lit(p.prefix)));
  return Math::select(k1 > lastKey, Math::min(kind, Math::lit(kPartialBlock)),
                      kind);
}

/// The kind of rows [r0, r1] × keys [k0, k1] (both within N and M) under a
/// block layout of queryBlock × keyBlock cells; `setCells(rowLo, rowHi,
/// colLo, colHi)` counts the kept cells in that inclusive range.
template <typename Math, typename CountFn>
typename Math::Int
classifyLayoutBlock(typename Math::Int r0, typename Math::Int r1,
                    typename Math::Int k0, typename Math::Int k1,
                    int64_t queryBlock, int64_t keyBlock, CountFn setCells) {
  using Int = typename Math::Int;
  Int rowLo = Math::floorDiv(r0, queryBlock),
      rowHi = Math::floorDiv(r1, queryBlock);
  Int colLo = Math::floorDiv(k0, keyBlock),
      colHi = Math::floorDiv(k1, keyBlock);
  Int cells = (rowHi - rowLo + Math::lit(1)) * (colHi - colLo + Math::lit(1));
  return kindOfCount<Math>(setCells(rowLo, rowHi, colLo, colHi), cells);
}

} // namespace attn

#endif // ATTN_BLOCKPATTERN_H
