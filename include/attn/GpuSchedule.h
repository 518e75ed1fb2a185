//===- GpuSchedule.h - tiles of the GPU attention kernel --------*- C++ -*-===//
//
// The tiles and thread layout of the GPU attention kernel
// (lib/Target/Halide/AttentionGpu.cpp), from the shapes and the shared
// memory a thread block may use. Plain C++: --attn-tile records the tiles
// in the IR for GPU targets, and the code generator derives the rest of
// the layout from them.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_GPUSCHEDULE_H
#define ATTN_GPUSCHEDULE_H

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <string>

namespace attn {

/// The largest of `preferred` and its halvings that fits in `extent` (at
/// least `smallest`, unless `extent` itself is smaller).
inline int fitTile(int64_t extent, int preferred, int smallest = 1) {
  int tile = preferred;
  while (tile > smallest && tile > extent)
    tile /= 2;
  return static_cast<int>(std::min<int64_t>(tile, extent));
}

/// Shared memory per thread block that Halide 14's CUDA runtime launches
/// with (48 KiB), less a margin.
constexpr int64_t kGpuSharedBudget = 47 * 1024;

/// The row stride of a Q or K tile stored transposed (one row per head-dim
/// index, queries or keys innermost): a multiple of 4 floats, so that a
/// thread's 4 keys are one aligned vector load, plus 4, so that a warp
/// staging 8 depths × 4 rows writes 32 distinct banks. Tiles of fewer than
/// 4 rows (decode) are not padded.
inline int transposedTileStride(int rows) {
  return rows < 4 ? rows : (rows + 3) / 4 * 4 + 4;
}

/// One thread block per (query tile, head, batch): `threads` threads stage
/// the tiles and compute the products, and the block has blockThreads().
/// Per KV tile: K and V staged in shared memory; the tile's scores, row
/// max, exp and row sum in shared memory; then the online-softmax merge of
/// the tile into the running state. The two products are register-blocked:
/// a thread computes `scoreKeys` × `scoreRows` scores and `stateRows` rows
/// × `columnGroup` value columns of P·V, each from shared memory. One
/// running-state entry holds `columnGroup` accumulators and its row's max
/// and sum, so the row statistics are stored once per group, not per
/// column.
struct GpuAttentionSchedule {
  int queryTile = 32;     // query rows per thread block
  int kvTile = 32;        // keys per shared-memory tile
  int columnGroup = 8;    // value columns per state entry and per thread
  int columnGroups = 8;   // ceil(value dim / columnGroup)
  int stateRows = 2;      // query rows per thread in P·V and the merge
  int scoreKeys = 4;      // keys per thread in the score stage
  int scoreRows = 2;      // query rows per thread in the score stage
  int threads = 128;      // threads of the staging and product stages
  bool stageQuery = true; // the query tile in shared memory too
  int depth = 0;          // head dim of queries and keys
  int kvSplits = 1;       // blocks sharing one query tile's KV range

  /// The row max and sum go over slices of `sliceKeys()` keys, then over
  /// the `slices()` slices.
  int sliceKeys() const { return std::min(kvTile, 8); }
  int slices() const { return kvTile / sliceKeys(); }

  /// The block's threads: Halide sizes a block by its widest stage, here
  /// the staging and products or the slices' row reductions (a thread per
  /// slice and row).
  int blockThreads() const { return std::max(threads, slices() * queryTile); }

  /// Whether the Q (K) tile is stored transposed (transposedTileStride):
  /// where a thread's score block spans several rows (keys), which then
  /// load as one vector. Otherwise head dim innermost, rows padded by one.
  bool transposedQuery() const { return scoreRows > 1; }
  bool transposedKeys() const { return scoreKeys > 1; }
  int64_t tileFloats(int rows, bool transposed) const {
    return transposed ? int64_t(transposedTileStride(rows)) * depth
                      : int64_t(rows) * (depth + 1);
  }

  /// Shared memory per block for these tiles, all stages (upper bound:
  /// Halide packs stages whose lifetimes do not overlap), with the
  /// kernel's paddings: Q and K tiles as above, S and exp(S) rows and the
  /// slices padded by one (each against shared-memory bank conflicts).
  int64_t sharedBytes() const {
    int64_t floats =
        int64_t(queryTile) * columnGroups * (columnGroup + 2)         // state
        + (stageQuery ? tileFloats(queryTile, transposedQuery()) : 0) // Q
        + tileFloats(kvTile, transposedKeys())                        // K tile
        + int64_t(kvTile) * columnGroups * columnGroup                // V tile
        + 2 * int64_t(queryTile) * (kvTile + 1)    // S, exp(S)
        + 2 * queryTile                            // max, sum
        + 2 * int64_t(queryTile) * (slices() + 1); // slices
    return 4 * floats;
  }

  std::string toJson(int64_t keys) const {
    std::ostringstream os;
    os << "{\"form\": \"gpu_online\", \"query_tile\": " << queryTile
       << ", \"kv_tile\": " << kvTile
       << ", \"kv_tiles\": " << (keys + kvTile - 1) / kvTile
       << ", \"threads\": " << blockThreads()
       << ", \"product_threads\": " << threads << ", \"score_block\": ["
       << scoreKeys << ", " << scoreRows << "], \"state_block\": ["
       << columnGroup << ", " << stateRows
       << "], \"query_in_shared\": " << (stageQuery ? "true" : "false")
       << ", \"kv_splits\": " << kvSplits
       << ", \"shared_bytes\": " << sharedBytes() << "}";
    return os.str();
  }
};

/// The schedule for queries [batch, heads, queries, depth] against `keys`
/// keys with values of `valueDim` columns, of which a query row sees at
/// most `visibleKeys` (a window's or a chunk's width; 0: all of them).
/// Tiles and KV splits given as nonzero `queryTile`, `kvTile`, `kvSplits`
/// are kept (a KV tile of 8 keys or more rounded up to a multiple of 8, the
/// row reductions' slice); otherwise 32 × 32 tiles (64 keys for a few
/// rows: decode), halved until they fit `sharedBudget`. The result's
/// sharedBytes() may exceed the budget only for tiles that were given.
inline GpuAttentionSchedule
chooseGpuAttentionSchedule(int64_t batch, int64_t heads, int64_t queries,
                           int64_t depth, int64_t keys, int64_t valueDim,
                           int64_t queryTile = 0, int64_t kvTile = 0,
                           int64_t kvSplits = 0, int64_t visibleKeys = 0,
                           int64_t sharedBudget = kGpuSharedBudget) {
  auto ceilDiv = [](int64_t a, int64_t b) { return (a + b - 1) / b; };
  GpuAttentionSchedule s;
  s.depth = static_cast<int>(depth);
  s.columnGroup = static_cast<int>(std::min<int64_t>(8, valueDim));
  s.columnGroups = static_cast<int>(ceilDiv(valueDim, s.columnGroup));
  s.queryTile = queryTile ? static_cast<int>(std::min(queryTile, queries))
                          : fitTile(queries, 32);
  if (kvTile) {
    int64_t tile = std::min(kvTile, keys);
    s.kvTile = static_cast<int>(tile < 8 ? tile : ceilDiv(tile, 8) * 8);
  } else {
    s.kvTile = fitTile(keys, queries <= 4 ? 64 : 32);
  }
  // About 128 product threads, each taking its share of the tile's scores
  // and of its P·V as a register block; 64 (larger blocks: 4 × 4 scores,
  // 8 × 4 of P·V) where the blocks walk long KV ranges at head dims up to
  // 64 (the block keeps 128 threads for the row reductions). On an H200
  // (docs/GPU.md), 64 took 3% off dense f32 at N = 1024-4096, 15% off
  // causal f32 and 13-15% off f16 / bf16, but were 20% slower with a
  // window of 256 keys and 50% slower for decode and at D = 128; 32 were
  // 2-3x slower (too few warps to hide the shared-memory latency).
  int64_t visible = visibleKeys > 0 ? std::min(visibleKeys, keys) : keys;
  const int64_t targetThreads =
      depth <= 64 && s.queryTile >= 32 && visible >= 1024 ? 64 : 128;
  auto layThreads = [&] {
    int64_t stateOutputs = int64_t(s.columnGroups) * s.queryTile;
    int64_t rowsPerThread = 1;
    while (rowsPerThread < ceilDiv(stateOutputs, targetThreads))
      rowsPerThread *= 2;
    s.stateRows =
        static_cast<int>(std::min<int64_t>(s.queryTile, rowsPerThread));
    int64_t scorePerThread =
        std::max<int64_t>(1, int64_t(s.kvTile) * s.queryTile / targetThreads);
    s.scoreKeys =
        static_cast<int>(std::min<int64_t>({s.kvTile, scorePerThread, 4}));
    s.scoreRows = static_cast<int>(
        std::min<int64_t>(s.queryTile, scorePerThread / s.scoreKeys));
    // At least 128 threads all the same: few rows (decode) leave the
    // product stages narrow, but the K/V staging wants every thread it can
    // get.
    s.threads = static_cast<int>(std::max(
        {ceilDiv(stateOutputs, s.stateRows),
         ceilDiv(s.kvTile, s.scoreKeys) * ceilDiv(s.queryTile, s.scoreRows),
         targetThreads}));
  };
  bool given = queryTile || kvTile;
  // The thread layout (which sets the tiles' layouts) follows each change.
  for (layThreads(); s.sharedBytes() > sharedBudget; layThreads()) {
    if (given) {
      if (!s.stageQuery)
        break; // the caller reports tiles that do not fit
      s.stageQuery = false;
    } else if (s.kvTile > 16) {
      s.kvTile /= 2;
    } else if (s.queryTile > 16) {
      // Before Q leaves shared memory: 64 x 16 tiles with Q read through
      // the L1 cache were 1.7-2.8x slower than 32 x 32 tiles with Q staged
      // (H200, D = 64), and halving the query tile instead took 7% off
      // dense f32 at D = 128.
      s.queryTile /= 2;
    } else if (s.stageQuery) {
      s.stageQuery = false; // Q then comes through the L1 cache
    } else if (s.queryTile > 8) {
      s.queryTile /= 2;
    } else if (s.kvTile > 4) {
      s.kvTile /= 2;
    } else if (s.queryTile > 1) {
      s.queryTile /= 2;
    } else if (s.kvTile > 1) {
      s.kvTile /= 2;
    } else {
      break; // head dims beyond ~3500 floats: let Halide report it
    }
  }
  // Few blocks (decode): split the KV range over more of them, so that the
  // GPU holds about 2^17 threads' worth of work, each split at least
  // four tiles long; a second kernel merges the splits.
  int64_t tiles = ceilDiv(keys, s.kvTile);
  if (kvSplits) {
    s.kvSplits = static_cast<int>(std::min(kvSplits, tiles));
  } else {
    int64_t blocks = ceilDiv(queries, s.queryTile) * heads * batch;
    int64_t wanted = ceilDiv(int64_t(1) << 17, blocks * s.threads);
    s.kvSplits = static_cast<int>(
        std::max<int64_t>(1, std::min<int64_t>(wanted, tiles / 4)));
  }
  return s;
}

} // namespace attn

#endif // ATTN_GPUSCHEDULE_H
