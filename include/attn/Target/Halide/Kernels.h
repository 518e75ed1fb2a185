//===- Kernels.h - Halide algorithms and schedules for attn ops -*- C++ -*-===//
//
// Halide-only: nothing here depends on MLIR. Each op has an algorithm (a
// function building Funcs) and a schedule (a function setting their loop
// structure for a target), kept apart as in Halide's generators.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_TARGET_HALIDE_KERNELS_H
#define ATTN_TARGET_HALIDE_KERNELS_H

#include "attn/BlockPattern.h"
#include "attn/GpuSchedule.h"

#include <Halide.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace attn::halide {

using Shape = std::vector<int64_t>;

/// A row-major tensor as a Halide Func: tensor dimension i is the Func's
/// argument rank-1-i (Halide lists the innermost dimension first).
struct Tensor {
  Halide::Func func;
  Shape shape;
  bool isBool = false; // i1, stored as uint8

  int rank() const { return static_cast<int>(shape.size()); }
  /// The element at `index`, given in tensor (row-major) order.
  Halide::Expr at(const std::vector<Halide::Expr> &index) const;
};

/// Builds a tensor from an expression of its row-major index.
using IndexBody =
    std::function<Halide::Expr(const std::vector<Halide::Expr> &index)>;
Tensor defineTensor(const std::string &name, const Shape &shape,
                    const IndexBody &body, bool isBool = false);

/// Element types in memory (NarrowFloat.cpp). Every kernel computes in f32;
/// f16 and bf16 buffers hold raw bits (UInt(16)) that are widened at each
/// load and rounded to nearest even at the store.
enum class Storage { F32, F16, BF16 };
/// f32 from raw f16 / bf16 bits (`bits` itself for F32). `nativeHalf` uses
/// the target's f16 conversion instead of integer arithmetic.
Halide::Expr widenStorage(Halide::Expr bits, Storage storage, bool nativeHalf);
/// The raw f16 / bf16 bits of f32 `x`, rounded to nearest even (`x` itself
/// for F32).
Halide::Expr narrowStorage(Halide::Expr x, Storage storage);
/// Whether widenStorage may use native f16 loads on `target`: not on
/// OpenCL, where `half` needs the cl_khr_fp16 extension.
bool nativeHalfLoads(const Halide::Target &target);

/// The index into a tensor of shape `from` that numpy broadcasting reads for
/// `index` into the broadcast shape (right-aligned, size-1 dims read 0).
std::vector<Halide::Expr>
broadcastIndex(const Shape &from, const std::vector<Halide::Expr> &index);

/// Masked scores are stored as this (finite, so no inf arithmetic).
float maskedScore();
/// Values at or below this count as -inf.
float maskedThreshold();

/// e^x for x <= 0, about 1e-6 relative: fast_exp on x clamped to [-80, 0]
/// (fast_exp is not range-safe; e^-80 is negligible next to the row max's 1).
/// The GPU kernel's exponential (not re-measured there since expViaExp2).
Halide::Expr expNonPositive(Halide::Expr x);

/// e^x for x <= 0 as 2^(x·log2 e) (exp2NonPositive): the difference x is
/// formed before the product, so the error stays relative to |x|. The CPU
/// kernels' exponential: 3 ulp, half the instructions of expNonPositive.
Halide::Expr expViaExp2(Halide::Expr x);

/// 2^x for x <= 0, within 2e-7 relative (3 ulp) of the exact value on
/// [-126, 0] (2^-126 below): round to nearest, a degree-5 polynomial on
/// [-1/2, 1/2] and the exponent bits, with no reduction by ln 2; about half
/// the instructions of expNonPositive.
Halide::Expr exp2NonPositive(Halide::Expr x);

/// The factors of the exact online-softmax merge of a running max with a
/// block's (or a split's) max: the new max, and e^(each side's max - the
/// new max) to scale that side's accumulators and sum by. One factor is
/// exactly 1, so a single exponential is computed: `expOf(-|a - b|)`, with
/// `expOf` an e^x for x <= 0.
struct MergeScales {
  Halide::Expr newMax, oldScale, blockScale;
};
MergeScales mergeScales(Halide::Expr oldMax, Halide::Expr blockMax,
                        Halide::Expr (*expOf)(Halide::Expr));

using attn::fitTile; // attn/GpuSchedule.h

//===----------------------------------------------------------------------===//
// Graph ops: each algorithm returns the op's tensor and the Funcs to
// schedule; scheduleGraphOp gives them a plain root schedule.
//===----------------------------------------------------------------------===//

struct GraphOp {
  Tensor result;
  /// Reductions and other intermediate stages besides result.func.
  std::vector<Tensor> stages;
  /// For matmul and linear: the accumulation, register-blocked by the
  /// schedule.
  std::optional<Halide::Func> productDot;
  /// Its reduction's extent.
  int64_t productDepth = 0;
  /// The Func the accumulation reads its right operand from (contiguous
  /// along the result's columns): packed into column panels per task.
  Halide::Func productRhs;
};

GraphOp defineMatmul(const std::string &name, const Tensor &lhs,
                     const Tensor &rhs, bool transposeLhs, bool transposeRhs,
                     const Shape &resultShape);
GraphOp defineScale(const std::string &name, const Tensor &input, float factor);
GraphOp defineAdd(const std::string &name, const Tensor &lhs, const Tensor &rhs,
                  const Shape &resultShape);
/// A bool mask keeps the input where true and puts `fill` elsewhere; an
/// f32 mask is added.
GraphOp defineMask(const std::string &name, const Tensor &input,
                   const Tensor &mask, float fill = -INFINITY);
GraphOp defineSoftmax(const std::string &name, const Tensor &input, int axis);
/// `weightT`, when given, is Wᵀ already laid out [K, Nout] (a Conv1D
/// weight, or a slice of one): the product reads it in place instead of
/// transposing `weight` into a copy.
GraphOp defineLinear(const std::string &name, const Tensor &input,
                     const Tensor &weight, const std::optional<Tensor> &bias,
                     const std::optional<Tensor> &weightT = std::nullopt);
GraphOp defineSplitHeads(const std::string &name, const Tensor &input,
                         int64_t heads);
GraphOp defineMergeHeads(const std::string &name, const Tensor &input);
GraphOp defineTranspose(const std::string &name, const Tensor &input,
                        const std::vector<int64_t> &permutation);
GraphOp defineReshape(const std::string &name, const Tensor &input,
                      const Shape &resultShape);

/// Returns, for a product (matmul, linear), a JSON object describing its
/// schedule for the manifest; otherwise "".
std::string scheduleGraphOp(const GraphOp &op, const Halide::Target &target);

/// Unrolls the first reduction loop of `f`'s update `update` by 8, 4 or 2
/// steps, the most that divide its constant extent (none otherwise): fewer
/// loop-control instructions between the vector operations, and the split
/// adds no tail test (a `where` predicate of the domain is still tested per
/// step where Halide cannot trim the loop by it). A loop of exactly 8, 4 or
/// 2 steps is unrolled whole only when `whole` (the GPU kernel's choice; the
/// CPU schedules leave it to LLVM). Call it after the stage's reorders.
void unrollReductionSteps(Halide::Func f, int update, bool whole = false);

/// Accumulates `f` (a pure initialization and one update over a reduction)
/// in registers: `cols` vectorized and unrolled, `rows` unrolled, the
/// reduction loop outside them (unrollReductionSteps). The caller places it
/// (compute_at) at a block.
void scheduleRegisterBlock(Halide::Func f, Halide::Var cols,
                           std::optional<Halide::Var> rows, int vectorWidth);

//===----------------------------------------------------------------------===//
// Fused attention
//===----------------------------------------------------------------------===//

enum class Causal { None, TopLeft, BottomRight };

struct AttentionSpec {
  float scale;
  /// The result's element type: f32, or f16 / bf16 (computed in f32,
  /// rounded when stored; the result Func then holds the raw bits).
  Storage storage = Storage::F32;
  Causal causal = Causal::None;
  std::optional<Tensor> mask;
  /// When the mask is a constant: which of its elements keep their pair
  /// (row-major, the mask's shape), so blocks are classified at compile
  /// time instead of by a scan per call.
  std::optional<std::vector<uint8_t>> constantMaskKeep;
  /// Keys kept around each query's diagonal d: [d - left, d + right], every
  /// `dilation`-th key counted back from d.
  struct Window {
    int64_t left, right;
    int64_t dilation = 1;
  };
  std::optional<Window> window;
  int64_t chunk = 0;  // keys in the diagonal's chunk of this size; 0: none
  int64_t prefix = 0; // the first keys kept for every query; 0: none
  /// Which cells of queryBlock × keyBlock pairs are kept: [heads][rows][cols]
  /// row-major, heads 1 (shared) or Hq.
  struct BlockLayout {
    int64_t queryBlock, keyBlock, heads, rows, cols;
    std::vector<uint8_t> cells;
  };
  std::optional<BlockLayout> layout;
  /// Document ids ([B or 1, N] and [B or 1, M], i32): equal ids only.
  std::optional<Tensor> querySegments, keySegments;
  std::vector<float> alibi;     // per query head slope; empty: none
  std::optional<float> softcap; // c·tanh(x / c) on scaled scores
  /// An i1 mask whose dropped pairs score `fill` (masked_fill) instead of
  /// being removed: a score modifier, not a clause (`mask` is then unset).
  struct FilledMask {
    Tensor mask;
    float fill;
  };
  std::optional<FilledMask> filledMask;
};

/// Tile sizes and loop structure of one attention op, chosen per target.
struct AttentionSchedule {
  int vectorWidth = 8;
  int queryTile = 32; // query rows per parallel task
  int kvTile = 256;   // keys per online-softmax block (a multiple of
                      // scoreCols); one block covering M is the two-pass form
  int kvSplits = 1;   // KV ranges computed in parallel and merged (decode)
  // How QKᵀ reads the keys: packed into panels once per call (reused by
  // every query tile), packed per KV block in cache, or read directly with
  // the head dim vectorized (few query rows: decode). With PackedOnce the
  // values are packed once per call too, in panels of outCols columns.
  enum class KeyLayout { PackedOnce, PackedPerBlock, Direct };
  KeyLayout keyLayout = KeyLayout::PackedOnce;
  int scoreRows = 4;  // query rows per QKᵀ register block
  int scoreCols = 16; // keys per QKᵀ register block (the key panel width)
  int outRows = 4;    // query rows per P·V register block
  int outCols = 16;   // value columns per P·V register block

  /// "two_pass" when one KV block covers all keys, else "online".
  std::string form(int64_t keys) const;
  std::string toJson(int64_t keys) const;
};

/// The Funcs of one pass over KV blocks: the packed keys (when packed per
/// block), the block's scores (dot: register blocks), their max, exp and
/// sum, and P·V. Full blocks and partial blocks (masked per element) have a
/// pass each.
struct AttentionBlockPass {
  bool masked = false;
  Halide::Func keyPanel, dot, dotLanes, score, maxLanes, blockMax, prob,
      sumLanes, blockSum, pv;
};

struct Attention {
  Tensor result;
  /// Keys packed into panels once per call (PackedOnce), shared by the
  /// passes; values likewise, in panels of P·V register-block columns.
  Halide::Func keyPanel, valuePanel;
  /// Update i of `state` runs passes[i].
  std::vector<AttentionBlockPass> passes;
  // The running (acc, max, sum) state per KV split, and the merge of the
  // splits.
  Halide::Func state, merged;
  /// What each KV block holds for each query tile (attn::BlockKind), per
  /// call, from the static clauses and the scans below.
  Halide::Func blockKind;
  /// Per query tile: the first and last full block, the first and last
  /// partial block (the block loops' bounds).
  Halide::Func blockRange;
  // Scans at call time: kept pairs per (query tile, KV block) of a mask;
  // the id range of each query tile and each KV block.
  Halide::Func maskKept, querySegmentRange, keySegmentRange;
};

Attention defineAttention(const std::string &name, const Tensor &query,
                          const Tensor &key, const Tensor &value,
                          const AttentionSpec &spec,
                          const AttentionSchedule &layout);
/// The register blocks for `target`, around the tiling chosen in the IR
/// (query rows per task, keys per block, KV splits); the key block is
/// rounded up to whole key panels.
AttentionSchedule chooseAttentionSchedule(const Shape &query, const Shape &key,
                                          const Shape &value, int64_t queryTile,
                                          int64_t kvTile, int64_t kvSplits,
                                          const Halide::Target &target);
void scheduleAttention(Attention &attention, const AttentionSchedule &schedule);

//===----------------------------------------------------------------------===//
// Transformer block ops (BlockOps.cpp)
//===----------------------------------------------------------------------===//

/// Layer norm over the last dimension: per row, the shift d = mean(x - x0)
/// (x0 the row's first element) and rstd = 1/sqrt(mean(((x - x0) - d)²) +
/// eps), each a sum of kLanes partial sums; then
/// y = ((x - x0) - d)·rstd·weight + bias.
struct LayerNorm {
  Tensor result;
  Halide::Func partialSum, sum, shift, partialSq, sumSq, rstd;
  /// The columns (last dim) of the result, the partial-sum lane, and the
  /// row dimensions (outermost first).
  Halide::Var columns, lane;
  std::vector<Halide::Var> rows;
};
/// With `rms` (RMSNorm) there is no centering: rstd = 1/sqrt(mean(x²) +
/// eps), y = x·rstd·weight + bias, and the first pass's Funcs are unset.
LayerNorm defineLayerNorm(const std::string &name, const Tensor &input,
                          const std::optional<Tensor> &weight,
                          const std::optional<Tensor> &bias, float eps,
                          bool rms = false);
/// Rows fused and split into parallel tasks of 4; each row's statistics
/// computed at the row, their partial sums vectorized over the lanes; the
/// output vectorized along the row.
void scheduleLayerNorm(LayerNorm &layerNorm, const Halide::Target &target);

/// Rotary embedding, rotate-half form: x·cos + rotate_half(x)·sin over the
/// last dimension, cos and sin broadcast to x.
GraphOp defineRope(const std::string &name, const Tensor &input,
                   const Tensor &cos, const Tensor &sin);
/// GELU, elementwise: x / (1 + e^(-2u)) for the tanh approximation
/// (u = sqrt(2/π)·(x + 0.044715·x³)), x·Φ(x) with an erfc approximation
/// (|error| <= 1.5e-7) otherwise. Scheduled by scheduleGraphOp.
GraphOp defineGelu(const std::string &name, const Tensor &input,
                   bool tanhApproximation);

/// `input` read at `offsets` + index, with shape `shape`: an index map that
/// consumers inline (not scheduled, no copy).
Tensor defineSlice(const std::string &name, const Tensor &input,
                   const std::vector<int64_t> &offsets, const Shape &shape);

//===----------------------------------------------------------------------===//
// Graph attention (GAT)
//===----------------------------------------------------------------------===//

struct GraphAttentionSpec {
  float negativeSlope = 0.2f;
  bool meanHeads = false;               // heads(mean), else heads(concat)
  std::optional<Tensor> adjacency;      // [Nn, Nn], bool
  std::optional<Tensor> rowPtr, colIdx; // CSR: [Nn + 1] and [nnz], int32
};

struct GraphAttention {
  Tensor result;
  int vectorWidth = 8;
  int features = 1;          // Fo
  int projectedFeatures = 8; // Fo rounded up to vectors: g's columns
  int paddedFeatures = 8;    // Fo + 1 rounded up to chunks; lane Fo is Σ p
  int chunkVectors = 1;      // vectors accumulated per pass over neighbours
  bool meanHeads = false;
  // w padded along Fo; g = h·w[k] (project, register blocks in projectDot);
  // the per-node scores a_src·g_i and a_dst·g_j; the CSR checks; per node
  // the neighbours' score max, p = e^(e_ij - max) per neighbour and
  // Σ p·g_j (whose lane Fo is Σ p).
  Halide::Func weight, project, projectDot, srcScore, dstScore, firstDecrease,
      firstBadColumn, rowMax, prob, acc;
  std::vector<Halide::Func> csrChecks; // run in order, each a require()
  Halide::Var f{"f"}, n{"n"}, k{"k"}, c{"c"}, i{"i"};
  Halide::RVar neighbour;
};

/// h [Nn, F], w [H, F, Fo], aSrc and aDst [H, Fo]; the result is [Nn, H·Fo]
/// (concat) or [Nn, Fo] (mean).
GraphAttention defineGraphAttention(const std::string &name, const Tensor &h,
                                    const Tensor &w, const Tensor &aSrc,
                                    const Tensor &aDst,
                                    const GraphAttentionSpec &spec,
                                    int vectorWidth);
void scheduleGraphAttention(GraphAttention &attention);

//===----------------------------------------------------------------------===//
// Additive (Bahdanau) and Luong attention on [B, N, D] sequences
// (AdditiveLuong.cpp)
//===----------------------------------------------------------------------===//

/// e^x for Float(32) in vectorizable arithmetic, x clamped to [-87, 88];
/// relative error about 1e-7.
Halide::Expr expFloat(Halide::Expr x);
/// tanh(x) for Float(32) in vectorizable arithmetic: an odd polynomial below
/// |x| = 0.625, 1 - 2/(e^{2|x|} + 1) above, 1 beyond |x| = 9; relative error
/// <= 1.4e-7 (about 1.3 ulp) against float64 tanh.
Halide::Expr tanhFloat(Halide::Expr x);

/// How a query is scored against a key.
struct SequenceScore {
  enum class Kind {
    Dot,     // qᵀk
    General, // (q·W)ᵀk, weight W: [Dq, Dk]
    Additive // vᵀ tanh(Wq·q + Wk·k), queryWeight [A, Dq], keyWeight [A, Dk],
             // vector [A]
  };
  Kind kind = Kind::Dot;
  std::optional<Tensor> weight, queryWeight, keyWeight, vector;
};

/// Global additive attention: softmax over all keys of the additive score.
struct AdditiveAttention {
  Tensor result;
  GraphOp queryProjection, keyProjection; // [B, N, A] and [B, A, M padded]
  Tensor keyT;                            // [B, Dk, M padded]
  int64_t keys = 1;                       // M
  Halide::Func dot, score, blockMax, prob, blockSum, pv, state;
  int vectorWidth = 8;
  int queryTile = 16; // query rows per parallel task
  int kvTile = 256;   // keys per softmax block (whole score blocks)
  int scoreRows = 4, scoreCols = 8; // score register block
  int outRows = 4, outCols = 16;    // P·V register block
};

/// `mask`: i1, broadcastable to [B, N, M].
AdditiveAttention defineAdditiveAttention(
    const std::string &name, const Tensor &query, const Tensor &key,
    const Tensor &value, const Tensor &queryWeight, const Tensor &keyWeight,
    const Tensor &scoreVector, const std::optional<Tensor> &mask,
    const Halide::Target &target);
void scheduleAdditiveAttention(AdditiveAttention &attention,
                               const Halide::Target &target);

/// Luong's local window: half-width D around c_i = i (monotonic) or
/// c_i = min(floor(p_i), M - 1), p_i = M·sigmoid(vpᵀ tanh(Wp q_i))
/// (predictive, which also weighs key j by exp(-(j - p_i)²/(2σ²)),
/// σ = max(D, 1)/2).
struct LocalWindow {
  int64_t halfWidth = 0;
  bool predictive = false;
  std::optional<Tensor> positionWeight, positionVector; // [Ap, Dq], [Ap]
};

struct LocalAttention {
  Tensor result;
  std::vector<GraphOp> projections; // q·W, Wq·q, Wk·k, Wp·q as needed
  Halide::Func center, alignLogit, position, laneSums, rawScore, score, rowMax,
      prob, rowSum, weight, keyRow, acc;
  int vectorWidth = 8;
  int queryTile = 16;  // query rows per parallel task
  int windowKeys = 1;  // keys scored per query: min(2D + 1, M)
  int lanes = 8;       // vector lanes over the score features
  int valueVector = 8; // vector width over the value columns
};

LocalAttention defineLocalAttention(
    const std::string &name, const Tensor &query, const Tensor &key,
    const Tensor &value, const SequenceScore &score, const LocalWindow &window,
    const std::optional<Tensor> &mask, const Halide::Target &target);
void scheduleLocalAttention(LocalAttention &attention,
                            const Halide::Target &target);

//===----------------------------------------------------------------------===//
// Linear attention (LinearAttention.cpp)
//===----------------------------------------------------------------------===//

/// Chunk and register-block sizes of one linear attention op.
struct LinearAttentionSchedule {
  int vectorWidth = 8;
  int chunk = 64;     // keys per chunk (causal: also query rows per task)
  int queryTile = 64; // non-causal: query rows per parallel task
  int outRows = 4;    // query rows per phi(Q)·state register block
  int outCols = 16;   // value columns per register block (output and state)
  int stateRows = 4;  // head-dim rows per chunk-state register block
  int stateCols = 16;
  int scoreCols = 16; // keys per register block of a chunk's weights
  int depth = 1;      // D: vectors over the head dim are at most this wide
  /// The largest buffer: Σ phi(k) vᵀ per KV head (per chunk when causal).
  int64_t stateBytes = 0;
};

struct LinearAttention {
  Tensor result;
  bool causal = false;
  int chunks = 1; // key chunks
  // Key side: phi(k) per chunk, the chunk's Σ phi(k) vᵀ (register blocks)
  // and Σ phi(k); their sums (non-causal) or exclusive prefixes over chunks
  // (causal). Query side: the row max and phi(q), the chunk's weights
  // (causal; scoreDot: register blocks), the numerator blocks, the
  // denominator and (causal) the output rows of one chunk.
  Halide::Func phiKey, chunkKV, chunkZ, kvState, zState, queryMax, phiQuery,
      phiKeyT, scoreDot, score, num, den, outChunk;
};

/// phi = elu + 1 (the only feature map so far); `causal` is top-left with
/// N == M.
LinearAttention defineLinearAttention(const std::string &name,
                                      const Tensor &query, const Tensor &key,
                                      const Tensor &value, bool causal,
                                      const LinearAttentionSchedule &schedule);
LinearAttentionSchedule
chooseLinearAttentionSchedule(const Shape &query, const Shape &key,
                              const Shape &value, bool causal,
                              const Halide::Target &target);
void scheduleLinearAttention(LinearAttention &attention,
                             const LinearAttentionSchedule &schedule);

//===----------------------------------------------------------------------===//
// Fused attention on GPUs (AttentionGpu.cpp): CUDA and OpenCL targets
//===----------------------------------------------------------------------===//

// GpuAttentionSchedule and chooseGpuAttentionSchedule: attn/GpuSchedule.h.
using attn::GpuAttentionSchedule;

/// The per-pair rules of `spec`, for kernels that test pairs one by one
/// (the CPU kernel's partial blocks, the GPU kernel): whether query `row`
/// keeps key `key` (< M) of head `h`, batch `b` under the static clauses,
/// the block layout, the segments and a bool mask; and the scores'
/// modifiers (softcap, ALiBi, an additive mask), applied to kept pairs.
struct PairRules {
  Halide::Expr keep(Halide::Expr row, Halide::Expr key, Halide::Expr h,
                    Halide::Expr b) const;
  Halide::Expr modify(Halide::Expr score, Halide::Expr row, Halide::Expr key,
                      Halide::Expr h, Halide::Expr b) const;

  const AttentionSpec *spec = nullptr;
  StaticPattern pattern;               // the static clauses
  Halide::Buffer<uint8_t> layoutCells; // [head][row][col] of the layout
  Halide::Buffer<float> alibiSlopes;   // per query head
};
PairRules pairRulesFor(const std::string &name, const AttentionSpec &spec,
                       int64_t queries, int64_t keys);

/// What each (query tile `tile`, KV block `block`) pair of one kernel's
/// tiles holds (attn::BlockKind), as an expression in the Vars below: the
/// static clauses in closed form, a block layout from its summed-area
/// table, a constant mask from a table classified now, and call-time scans
/// of a run-time mask and of the segment ids (the Funcs, which the kernel
/// schedules). `head` matters when perHead (a per-head layout or mask),
/// `batch` when perBatch. The CPU and GPU kernels share it.
struct BlockKinds {
  Halide::Expr kind;
  Halide::Var block, tile, head, batch;
  bool perHead = false, perBatch = false;
  Halide::Func maskKept, querySegmentRange, keySegmentRange;
};
BlockKinds defineBlockKinds(const std::string &name, const AttentionSpec &spec,
                            const PairRules &rules, int queries, int keys,
                            int queryTile, int kvTile);

struct GpuAttention {
  Tensor result;
  // The staged query tile; per KV tile the staged keys (head dim
  // innermost, padded against bank conflicts) and values, the scores (and
  // their register-blocked dot products), row max, exp and row sum; the
  // P·V of the tile and the running state (columnGroup accumulators, max,
  // sum) of each query row and column group.
  Halide::Func queryTile, keyTile, valueTile, scoreDot, score, blockMax, prob,
      blockSum, pv, state;
  // With the KV range split: the merge of a row's split states.
  Halide::Func splitMerge;
  // Row max and row sum over slices of the tile's keys.
  Halide::Func sliceMax, sliceSum;
  // Segment ids or a run-time mask: the kind of every (KV tile, query tile,
  // head, batch), made per call by a pipeline of its own (callKinds, with the
  // scans in callKindParts) that runs before the attention's and hands it the
  // table as the input callKindsInput, extents callKindsExtents (innermost
  // first).
  Halide::Func callKinds;
  BlockKinds callKindParts;
  Halide::ImageParam callKindsInput;
  std::vector<int> callKindsExtents;
};

/// Every clause of the spec; the loop over KV tiles of each query tile starts
/// at its first visible tile (window) and skips the tiles that BlockKinds
/// finds empty: from a table made when the library is compiled for the
/// static clauses (the loop then also stops at the last tile causal and
/// window bounds allow), or from one made per call (`callKinds`) for
/// segment ids and run-time masks, which classifies every clause.
GpuAttention defineGpuAttention(const std::string &name, const Tensor &query,
                                const Tensor &key, const Tensor &value,
                                const AttentionSpec &spec,
                                const GpuAttentionSchedule &schedule);
void scheduleGpuAttention(GpuAttention &attention,
                          const GpuAttentionSchedule &schedule);

} // namespace attn::halide

#endif // ATTN_TARGET_HALIDE_KERNELS_H
