//===- GraphAttention.cpp - GAT as one Halide pipeline --------------------===//
//
// Per head k: g = h·w[k] (register-blocked product), the per-node terms
// s_i = a_src·g_i and d_j = a_dst·g_j once, then per node i a two-pass
// softmax over its neighbours only: the max of e_ij = LeakyReLU(s_i + d_j),
// then Σ_j p_ij·g_j with p_ij = e^(e_ij - max). The accumulated rows are g
// extended with a constant 1 in lane Fo, so the same vector accumulation
// yields Σ_j p_ij in that lane. No Nn×Nn float buffer exists: memory per
// node is one accumulator of Fo + 1 floats (rounded up to vectors) per head.
//
// CSR neighbours are an RDom over [0, nnz) restricted by a `where` to
// [row_ptr[i], row_ptr[i+1]); Halide trims the loop to those bounds, so the
// cost is O(nnz·H·Fo). Column indices are clamped to [0, Nn) before use and
// a serial root stage checks the CSR structure with require(), so malformed
// data fails the call with a message and never reads out of bounds.
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Kernels.h"

#include <algorithm>

using namespace Halide;

namespace attn::halide {

namespace {
int roundUp(int64_t x, int multiple) {
  return static_cast<int>((x + multiple - 1) / multiple * multiple);
}

/// require(condition, value, ...) whose message is exactly `message` (the
/// variadic form also prints `value`, and Halide 14's simplifier drops a
/// require nested in another's value: chain them through Funcs instead).
Expr requireWith(Expr condition, Expr value, const std::vector<Expr> &message) {
  return Internal::Call::make(
      value.type(), Internal::Call::require,
      {likely(condition), value,
       Internal::requirement_failed_error(condition, message)},
      Internal::Call::PureIntrinsic);
}
} // namespace

GraphAttention defineGraphAttention(const std::string &name, const Tensor &h,
                                    const Tensor &w, const Tensor &aSrc,
                                    const Tensor &aDst,
                                    const GraphAttentionSpec &spec,
                                    int vectorWidth) {
  int nodes = static_cast<int>(h.shape[0]);
  int inFeatures = static_cast<int>(h.shape[1]);
  int heads = static_cast<int>(w.shape[0]);
  int outFeatures = static_cast<int>(w.shape[2]);

  GraphAttention ga;
  ga.vectorWidth = vectorWidth;
  ga.features = outFeatures;
  ga.meanHeads = spec.meanHeads;
  // Wide features accumulate in chunks of at most 8 vectors (registers);
  // the padding rounds up to whole chunks.
  int vectors = roundUp(outFeatures + 1, vectorWidth) / vectorWidth;
  int chunks = (vectors + 7) / 8;
  ga.chunkVectors = (vectors + chunks - 1) / chunks;
  ga.paddedFeatures = chunks * ga.chunkVectors * vectorWidth;
  ga.projectedFeatures = roundUp(outFeatures, vectorWidth);
  Var f = ga.f, n = ga.n, k = ga.k, c = ga.c, i = ga.i;

  // Padding columns of w are 0; clamping the read keeps its bounds in w.
  ga.weight = Func(name + "_weight");
  ga.weight(f, c, k) =
      select(f < outFeatures, w.at({k, c, min(f, outFeatures - 1)}), 0.0f);

  RDom rc(0, inFeatures, name + "_rc");
  ga.projectDot = Func(name + "_project_dot");
  ga.projectDot(f, n, k) = 0.0f;
  ga.projectDot(f, n, k) += h.at({n, rc}) * ga.weight(f, rc, k);
  ga.project = Func(name + "_project");
  ga.project(f, n, k) = ga.projectDot(f, n, k);
  // g extended to the accumulator's lanes: lane Fo is 1 (so that Σ p
  // accumulates there), the rest of the padding 0. Only the whole vectors
  // of Fo are projected; per unrolled vector the selects fold to constants.
  int projected = ga.projectedFeatures;
  auto extended = [&](Expr feature, Expr node, Expr head) {
    return select(feature < projected,
                  ga.project(min(feature, projected - 1), node, head), 0.0f) +
           select(feature == outFeatures, 1.0f, 0.0f);
  };

  // The CSR checks: row_ptr starts at 0, ends at nnz, never decreases, and
  // every column is a node. Serial root stages, so that require() reports
  // on the calling thread.
  Expr checked = 0.0f;
  if (spec.rowPtr) {
    const Tensor &rowPtr = *spec.rowPtr, &colIdx = *spec.colIdx;
    int edges = static_cast<int>(colIdx.shape[0]);
    auto rp = [&](Expr x) { return rowPtr.at({x}); };
    auto ci = [&](Expr x) { return colIdx.at({x}); };
    RDom rn(0, nodes, name + "_rn");
    ga.firstDecrease = Func(name + "_first_decrease");
    ga.firstDecrease() = nodes;
    ga.firstDecrease() =
        min(ga.firstDecrease(), select(rp(rn + 1) < rp(rn), rn, nodes));
    RDom re(0, edges, name + "_re");
    ga.firstBadColumn = Func(name + "_first_bad_column");
    ga.firstBadColumn() = edges;
    ga.firstBadColumn() = min(ga.firstBadColumn(),
                              select(ci(re) < 0 || ci(re) >= nodes, re, edges));
    Expr row = clamp(ga.firstDecrease(), 0, nodes - 1);
    Expr edge = clamp(ga.firstBadColumn(), 0, edges - 1);
    std::string op = "attn.graph_attention (" + name + "): CSR ";
    // One root stage per requirement, each depending on the previous one,
    // so that they are checked (and reported) in this order.
    Expr previous = 0;
    auto check = [&](const std::string &what, Expr condition,
                     const std::vector<Expr> &message) {
      Func stage(name + "_check_" + what);
      stage() = requireWith(condition, previous, message);
      ga.csrChecks.push_back(stage);
      previous = stage();
    };
    check("start", rp(0) == 0,
          {Expr(op + "row_ptr[0] is"), rp(0), Expr("but must be 0")});
    check("end", rp(nodes) == edges,
          {Expr(op + "row_ptr[" + std::to_string(nodes) + "] is"), rp(nodes),
           Expr("but must be nnz = " + std::to_string(edges))});
    check("order", ga.firstDecrease() == nodes,
          {Expr(op + "row_ptr decreases at node"), row, Expr("from"), rp(row),
           Expr("to"), rp(row + 1)});
    check("columns", ga.firstBadColumn() == edges,
          {Expr(op + "col_idx entry"), edge, Expr("is"), ci(edge),
           Expr("which is not a node in [0, " + std::to_string(nodes) + ")")});
    // A dependency, so that the check runs before the scores.
    checked = cast<float>(previous);
  }

  RDom rf(0, outFeatures, name + "_rf");
  ga.srcScore = Func(name + "_src");
  ga.srcScore(n, k) = checked;
  ga.srcScore(n, k) += aSrc.at({k, rf}) * ga.project(rf, n, k);
  ga.dstScore = Func(name + "_dst");
  ga.dstScore(n, k) = 0.0f;
  ga.dstScore(n, k) += aDst.at({k, rf}) * ga.project(rf, n, k);

  // The neighbours j of node i.
  RDom r;
  Expr j;
  if (spec.adjacency) {
    r = RDom(0, nodes, name + "_j");
    r.where(spec.adjacency->at({i, r}) != 0);
    j = r;
  } else {
    const Tensor &rowPtr = *spec.rowPtr, &colIdx = *spec.colIdx;
    r = RDom(0, static_cast<int>(colIdx.shape[0]), name + "_edge");
    r.where(r >= rowPtr.at({i}) && r < rowPtr.at({i + 1}));
    j = clamp(colIdx.at({r}), 0, nodes - 1);
  }
  ga.neighbour = r.x;

  // e_ij for node i, head k and neighbour `node`.
  auto score = [&](Expr node) {
    Expr x = ga.srcScore(i, k) + ga.dstScore(node, k);
    return select(x > 0.0f, x, x * spec.negativeSlope);
  };
  ga.rowMax = Func(name + "_max");
  ga.rowMax(i, k) = maskedScore();
  ga.rowMax(i, k) = max(ga.rowMax(i, k), score(j));
  // p for neighbour r: its own stage, computed once per neighbour and
  // shared by every vector of the accumulation.
  Var edge("edge");
  ga.prob = Func(name + "_prob");
  ga.prob(edge, i, k) =
      expViaExp2(score(substitute(r.x.name(), edge, j)) - ga.rowMax(i, k));
  ga.acc = Func(name + "_acc");
  ga.acc(f, i, k) = 0.0f;
  ga.acc(f, i, k) += ga.prob(r, i, k) * extended(f, j, k);

  // A node without neighbours has Σ p = 0 and gets zeros.
  auto normalized = [&](Expr feature, Expr head) {
    Expr total = ga.acc(outFeatures, i, head);
    return select(total > 0.0f, ga.acc(feature, i, head) / total, 0.0f);
  };
  Func out(name);
  if (spec.meanHeads) {
    Expr sum = normalized(f, 0);
    for (int head = 1; head < heads; ++head)
      sum += normalized(f, head);
    out(f, i) = sum * (1.0f / heads);
    ga.result = {out, {h.shape[0], w.shape[2]}};
  } else {
    out(c, i) = normalized(c % outFeatures, c / outFeatures);
    ga.result = {out, {h.shape[0], w.shape[0] * w.shape[2]}};
  }
  return ga;
}

void scheduleGraphAttention(GraphAttention &ga) {
  int width = ga.vectorWidth;
  int padded = ga.paddedFeatures;
  const Shape &shape = ga.result.shape;
  int nodes = static_cast<int>(shape[0]);
  Var f = ga.f, n = ga.n, k = ga.k, c = ga.c, i = ga.i;

  ga.weight.compute_root().vectorize(f, width);

  // g in register blocks of `rows` nodes × `cols` features, accumulated
  // over F; one task per (block of nodes, head).
  int projected = ga.projectedFeatures;
  int cols = projected % (2 * width) == 0 ? 2 * width : width;
  int rows = fitTile(nodes, 4);
  Var fo("fo"), fi("fi"), no("no"), ni("ni"), task("task");
  ga.project.compute_root()
      .split(f, fo, fi, cols)
      .vectorize(fi, width)
      .unroll(fi)
      .split(n, no, ni, rows)
      .reorder(fi, ni, fo, no, k)
      .unroll(ni)
      .fuse(no, k, task)
      .parallel(task);
  ga.projectDot.compute_at(ga.project, fo);
  scheduleRegisterBlock(ga.projectDot, f, n, width);

  // The per-node scores: O(Nn·H·Fo), one task per head.
  for (Func score : {ga.srcScore, ga.dstScore}) {
    score.compute_root().parallel(k);
    score.update().parallel(k);
  }
  if (!ga.csrChecks.empty()) {
    ga.firstDecrease.compute_root();
    ga.firstBadColumn.compute_root();
    for (Func check : ga.csrChecks)
      check.compute_root();
  }

  // Per node (and head, for concat): the max, then the accumulation with
  // the padded features vectorized and unrolled, in registers across the
  // neighbour loop (in chunks of vectors when Fo is wide).
  int vectors = padded / width;
  int chunk = ga.chunkVectors;
  ga.acc.bound(f, 0, padded);
  Var ao("ao"), ai("ai"), ac("ac"), av("av");
  ga.acc.split(f, ao, ai, width).vectorize(ai).unroll(ao);
  Stage update = ga.acc.update();
  update.split(f, ao, ai, width).vectorize(ai);
  if (chunk == vectors) {
    update.reorder(ai, ao, ga.neighbour).unroll(ao);
  } else {
    // p is recomputed per chunk: cheap next to a chunk's 8 vector FMAs.
    update.split(ao, ac, av, chunk)
        .reorder(ai, av, ga.neighbour, ac)
        .unroll(av);
  }

  // Tasks over blocks of nodes (and heads, for concat); the result's
  // features vectorized when there is at least one whole vector.
  Func out = ga.result.func;
  int block = fitTile(nodes, 8);
  Var io("io"), ii("ii"), kk("kk"), fc("fc");
  Var features = ga.meanHeads ? f : fc;
  out.compute_root().split(i, io, ii, block, TailStrategy::GuardWithIf);
  if (ga.meanHeads) {
    out.parallel(io);
  } else {
    // Columns kk·Fo + fc: head kk, feature fc.
    out.split(c, kk, fc, ga.features)
        .reorder(fc, ii, kk, io)
        .fuse(kk, io, task)
        .parallel(task);
  }
  if (ga.features >= width)
    out.vectorize(features, width, TailStrategy::ShiftInwards);
  ga.rowMax.compute_at(out, ii);
  ga.acc.compute_at(out, ii);
  ga.prob.compute_at(ga.acc, ga.neighbour);
}

} // namespace attn::halide
