//===- AdditiveLuong.cpp - additive and local Luong attention in Halide ---===//
//
// Two fused kernels for attention over [B, N, D] sequences:
//
// - Global additive (Bahdanau, and Luong's concat score): the projections
//   Wq·q and Wk·k are register-blocked products computed once; per task
//   (batch, query tile) the keys are visited in blocks whose scores
//   Σ_a v[a]·tanh(qp[i,a] + kp[j,a]) are register blocks vectorized over the
//   keys, merged with the online softmax's exact (acc, max, sum) rule. No
//   N×M buffer exists: a task holds one query tile × one key block.
// - Local (Luong local-m / local-p, any score): per query row only the
//   min(2D+1, M) keys of its window are scored (a reduction domain offset by
//   the window's start), so the cost is O(N·(2D+1)·(Dk + Dv)), never
//   O(N·M).
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Kernels.h"

#include <algorithm>

using namespace Halide;

namespace attn::halide {

namespace {
/// c[0] + x·(c[1] + x·(c[2] + ...)).
Expr horner(Expr x, std::initializer_list<float> coefficients) {
  std::vector<float> c(coefficients);
  Expr acc = c.back();
  for (int i = static_cast<int>(c.size()) - 2; i >= 0; --i)
    acc = acc * x + c[i];
  return acc;
}

int ceilDiv(int64_t a, int64_t b) { return static_cast<int>((a + b - 1) / b); }

/// Query rows per task: up to 16, fewer while there would be under 16 tasks
/// (rows beyond 4 in whole register blocks of 4).
int chooseQueryTile(int64_t batch, int64_t queries) {
  int tile = static_cast<int>(std::min<int64_t>(queries, 16));
  while (tile > 4 && batch * ceilDiv(queries, tile) < 16)
    tile /= 2;
  if (tile > 4)
    tile -= tile % 4;
  return tile;
}

/// The i1 mask's keep bit for (b, i, j), broadcast to [B, N, M].
Expr maskKeeps(const std::optional<Tensor> &mask, Expr b, Expr i, Expr j) {
  if (!mask)
    return Internal::const_true();
  return mask->at(broadcastIndex(mask->shape, {b, i, j})) != 0;
}
} // namespace

// Both use only vector arithmetic: Halide's exp and tanh are math-library
// calls, made lane by lane in vector code.
// Coefficients fitted for this file (weighted least squares on Chebyshev
// nodes, float64, then rounded to float).

Expr expFloat(Expr x) {
  // e^x = 2^k · e^r, k = round(x / ln 2), |r| <= ln(2)/2; ln 2 is split so
  // that k·ln2Hi is exact for |k| <= 127.
  x = clamp(x, -87.0f, 88.0f);
  Expr k = floor(x * 1.442695022f + 0.5f);
  Expr r = (x - k * 0.693145751953125f) - k * 1.428606765e-06f;
  Expr er = 1.0f + r +
            r * r *
                horner(r, {4.999998808e-01f, 1.666651815e-01f, 4.166953266e-02f,
                           8.368918672e-03f, 1.375140855e-03f});
  Expr twoK = reinterpret(Float(32), (cast<int>(k) + 127) << 23);
  return er * twoK;
}

Expr tanhFloat(Expr x) {
  // |x| < 0.625: odd polynomial a + a·t·P(t), t = a², (no cancellation);
  // above: 1 - 2/(e^{2a} + 1), where tanh >= 0.55 keeps the subtraction
  // exact enough. tanh(9) rounds to 1 in f32. Measured against float64
  // tanh on 2·10^6 points of [-12, 12] and tiny |x|: relative error
  // <= 1.4e-7 (about 1.3 ulp).
  Expr a = min(abs(x), 9.0f);
  Expr t = a * a;
  Expr small =
      a + a * t *
              horner(t, {-3.333328068e-01f, 1.333138049e-01f, -5.373530462e-02f,
                         2.062624879e-02f, -5.691935774e-03f});
  Expr large = 1.0f - 2.0f / (expFloat(2.0f * a) + 1.0f);
  Expr result = select(a < 0.625f, small, large);
  return select(x < 0.0f, -result, result);
}

//===----------------------------------------------------------------------===//
// Global additive attention
//===----------------------------------------------------------------------===//

AdditiveAttention defineAdditiveAttention(
    const std::string &name, const Tensor &query, const Tensor &key,
    const Tensor &value, const Tensor &queryWeight, const Tensor &keyWeight,
    const Tensor &scoreVector, const std::optional<Tensor> &mask,
    const Target &target) {
  AdditiveAttention a;
  const int64_t batch = query.shape[0], queries = query.shape[1],
                keys = key.shape[1], keyDim = key.shape[2],
                valueDim = value.shape[2], attnDim = queryWeight.shape[0];
  // Tiles: one vector of keys × 4 query rows per score register block (each
  // lane runs a tanh, so more accumulators would spill).
  a.vectorWidth = target.natural_vector_size<float>();
  a.queryTile = chooseQueryTile(batch, queries);
  a.scoreRows = fitTile(a.queryTile, 4);
  a.scoreCols = fitTile(keys, a.vectorWidth);
  a.outRows = fitTile(a.queryTile, 4);
  a.outCols = fitTile(valueDim, 2 * a.vectorWidth);
  // Blocks of at most 256 keys (rounded up to whole score blocks), of equal
  // size, so that the last one is not mostly padding.
  int blocks = ceilDiv(keys, 256);
  a.kvTile = ceilDiv(ceilDiv(keys, blocks), a.scoreCols) * a.scoreCols;
  int paddedKeys = blocks * a.kvTile;
  int m = static_cast<int>(keys), n = static_cast<int>(queries);
  a.keys = keys;

  // qp = q·Wqᵀ: [B, N, A]; kp = Wk·kᵀ: [B, A, M'] with the keys innermost
  // (the score loop's vector lanes) and padded to whole key blocks by
  // repeating the last key, whose scores are masked.
  a.queryProjection = defineLinear(name + "_qproj", query, queryWeight, {});
  Tensor keyT = defineTensor(name + "_keyT", {batch, keyDim, paddedKeys},
                             [&](const std::vector<Expr> &i) {
                               return key.at({i[0], min(i[2], m - 1), i[1]});
                             });
  a.keyProjection = defineMatmul(name + "_kproj", keyWeight, keyT, false, false,
                                 {batch, attnDim, paddedKeys});
  a.keyT = keyT;
  const Tensor &qp = a.queryProjection.result, &kp = a.keyProjection.result;

  Var mi("mi"), i("i"), b("b"), kb("kb"), d("d");
  Expr row = min(i, n - 1); // register blocks may round the rows up
  Expr j = kb * a.kvTile + mi;
  RDom ra(0, static_cast<int>(attnDim), name + "_ra");
  a.dot = Func(name + "_dot");
  a.dot(mi, i, b, kb) = 0.0f;
  a.dot(mi, i, b, kb) +=
      scoreVector.at({ra}) * tanhFloat(qp.at({b, row, ra}) + kp.at({b, ra, j}));
  Expr keep = j < m && maskKeeps(mask, b, row, min(j, m - 1));
  a.score = Func(name + "_score");
  a.score(mi, i, b, kb) = select(keep, a.dot(mi, i, b, kb), maskedScore());

  RDom rk(0, a.kvTile, name + "_rk");
  a.blockMax = Func(name + "_blockmax");
  a.blockMax(i, b, kb) = maskedScore();
  a.blockMax(i, b, kb) = max(a.blockMax(i, b, kb), a.score(rk, i, b, kb));
  Expr s = a.score(mi, i, b, kb);
  a.prob = Func(name + "_prob");
  a.prob(mi, i, b, kb) =
      select(s > maskedThreshold(), expViaExp2(s - a.blockMax(i, b, kb)), 0.0f);
  a.blockSum = Func(name + "_blocksum");
  a.blockSum(i, b, kb) = 0.0f;
  a.blockSum(i, b, kb) += a.prob(rk, i, b, kb);
  a.pv = Func(name + "_pv");
  a.pv(d, i, b, kb) = 0.0f;
  a.pv(d, i, b, kb) +=
      a.prob(rk, i, b, kb) * value.func(min(d, static_cast<int>(valueDim) - 1),
                                        min(kb * a.kvTile + rk, m - 1), b);

  // The running (acc, max, sum) over the key blocks, merged exactly.
  RDom rb(0, blocks, name + "_rb");
  a.state = Func(name + "_state");
  a.state(d, i, b) = Tuple(0.0f, maskedScore(), 0.0f);
  MergeScales merge =
      mergeScales(a.state(d, i, b)[1], a.blockMax(i, b, rb), expViaExp2);
  a.state(d, i, b) = Tuple(a.state(d, i, b)[0] * merge.oldScale +
                               a.pv(d, i, b, rb) * merge.blockScale,
                           merge.newMax,
                           a.state(d, i, b)[2] * merge.oldScale +
                               a.blockSum(i, b, rb) * merge.blockScale);

  // A query whose keys are all masked has sum 0 and yields zeros.
  Func out(name);
  Expr sum = a.state(d, i, b)[2];
  out(d, i, b) = select(sum > 0.0f, a.state(d, i, b)[0] / sum, 0.0f);
  a.result = {out, {batch, queries, valueDim}};
  return a;
}

void scheduleAdditiveAttention(AdditiveAttention &a, const Target &target) {
  scheduleGraphOp(a.queryProjection, target);
  scheduleGraphOp(a.keyProjection, target);
  // Kᵀ padded: vectors of at most M keys, since a vector load of clamped
  // key indices reads the vector that ends at the last key.
  Func keyT = a.keyT.func;
  Var kj = keyT.args()[0], ke = keyT.args()[1], kb = keyT.args()[2];
  keyT.compute_root().fuse(ke, kb, kb).parallel(kb);
  int keyVector = fitTile(a.keys, a.vectorWidth);
  if (keyVector > 1)
    keyT.vectorize(kj, keyVector);
  Func out = a.result.func;
  Var d = out.args()[0], i = out.args()[1], b = out.args()[2];
  auto widthFor = [&](int tile) { return std::min(a.vectorWidth, tile); };
  Var io("io"), ii("ii"), task("task");
  // One parallel task per (batch, query tile).
  out.compute_root()
      .split(i, io, ii, a.queryTile)
      .reorder(d, ii, io, b)
      .fuse(io, b, task)
      .parallel(task)
      .vectorize(d, widthFor(a.outCols));

  // Per key block: P·V register blocks of outRows × outCols.
  a.state.compute_at(out, task);
  Var sd = a.state.args()[0], si = a.state.args()[1];
  RVar block = a.state.rvars()[0];
  Var dOuter("dOuter"), dInner("dInner"), iOuter("iOuter"), iInner("iInner");
  a.state.vectorize(sd, widthFor(a.outCols));
  a.state.update()
      .split(si, iOuter, iInner, a.outRows, TailStrategy::GuardWithIf)
      .split(sd, dOuter, dInner, a.outCols, TailStrategy::RoundUp)
      .reorder(dInner, iInner, dOuter, iOuter, block)
      .vectorize(dInner, widthFor(a.outCols))
      .unroll(iInner);
  a.pv.compute_at(a.state, dOuter);
  scheduleRegisterBlock(a.pv, a.pv.args()[0], a.pv.args()[1],
                        widthFor(a.outCols));

  // The block's scores: register blocks of scoreRows rows × one vector of
  // keys, accumulating v[a]·tanh(...) over the attention dim.
  Var sm = a.score.args()[0], sn = a.score.args()[1];
  Var smo("smo"), smi("smi"), sno("sno"), sni("sni");
  a.score.compute_at(a.state, block)
      .split(sm, smo, smi, a.scoreCols)
      .split(sn, sno, sni, a.scoreRows)
      .reorder(smi, sni, smo, sno)
      .vectorize(smi, widthFor(a.scoreCols))
      .unroll(sni);
  a.dot.compute_at(a.score, smo);
  scheduleRegisterBlock(a.dot, a.dot.args()[0], a.dot.args()[1],
                        widthFor(a.scoreCols));
  a.blockMax.compute_at(a.state, block);
  a.prob.compute_at(a.state, block)
      .vectorize(a.prob.args()[0], widthFor(a.scoreCols));
  a.blockSum.compute_at(a.state, block);
}

//===----------------------------------------------------------------------===//
// Local attention
//===----------------------------------------------------------------------===//

LocalAttention
defineLocalAttention(const std::string &name, const Tensor &query,
                     const Tensor &key, const Tensor &value,
                     const SequenceScore &score, const LocalWindow &window,
                     const std::optional<Tensor> &mask, const Target &target) {
  LocalAttention a;
  const int64_t batch = query.shape[0], queries = query.shape[1],
                keys = key.shape[1], valueDim = value.shape[2];
  const int m = static_cast<int>(keys);
  a.vectorWidth = target.natural_vector_size<float>();
  a.queryTile = chooseQueryTile(batch, queries);
  a.valueVector = fitTile(valueDim, a.vectorWidth);
  // A window clipped to [0, M) holds at most min(2D + 1, M) keys.
  a.windowKeys =
      static_cast<int>(std::min<int64_t>(2 * window.halfWidth + 1, keys));
  const int halfWidth = static_cast<int>(window.halfWidth);

  // The features the score reads: q (or q·W, or Wq·q) and k (or Wk·k).
  Tensor queryFeatures = query, keyFeatures = key;
  switch (score.kind) {
  case SequenceScore::Kind::Dot:
    break;
  case SequenceScore::Kind::General:
    a.projections.push_back(defineMatmul(name + "_qw", query, *score.weight,
                                         false, false,
                                         {batch, queries, key.shape[2]}));
    queryFeatures = a.projections.back().result;
    break;
  case SequenceScore::Kind::Additive:
    a.projections.push_back(
        defineLinear(name + "_qproj", query, *score.queryWeight, {}));
    queryFeatures = a.projections.back().result;
    a.projections.push_back(
        defineLinear(name + "_kproj", key, *score.keyWeight, {}));
    keyFeatures = a.projections.back().result;
    break;
  }
  const int features = static_cast<int>(keyFeatures.shape[2]);

  Var i("i"), b("b"), w("w"), d("d"), lane("lane");
  // The window's center c_i and its keys [lo, lo + windowKeys), of which
  // those <= hi = min(c + D, M - 1) are in the window.
  a.center = Func(name + "_center");
  Expr position;
  if (window.predictive) {
    // p_i = M·sigmoid(vpᵀ tanh(Wp q_i)), from e^-|z| (no overflow).
    a.projections.push_back(
        defineLinear(name + "_pproj", query, *window.positionWeight, {}));
    const Tensor &hp = a.projections.back().result;
    RDom rp(0, static_cast<int>(hp.shape[2]), name + "_rp");
    a.alignLogit = Func(name + "_alignlogit");
    a.alignLogit(i, b) = 0.0f;
    a.alignLogit(i, b) +=
        window.positionVector->at({rp}) * tanhFloat(hp.at({b, i, rp}));
    Expr z = a.alignLogit(i, b);
    Expr e = expFloat(-abs(z));
    Expr sigmoid = select(z >= 0.0f, 1.0f / (1.0f + e), e / (1.0f + e));
    a.position = Func(name + "_position");
    a.position(i, b) = static_cast<float>(m) * sigmoid;
    position = a.position(i, b);
    // floor(p_i), and M - 1 when p_i = M (sigmoid rounded to 1).
    a.center(i, b) = min(cast<int>(floor(position)), m - 1);
  } else {
    a.center(i, b) = i;
  }
  Expr center = a.center(i, b);
  Expr lo = max(center - halfWidth, 0);
  Expr hi = min(center + halfWidth, m - 1);
  Expr keyIndex = lo + w;
  Expr keyRow = min(keyIndex, m - 1); // reads stay inside the keys

  // Scores of the window's keys: vector lanes over the features, then the
  // lanes summed (and the last features % lanes added one by one).
  auto term = [&](Expr e) {
    Expr qf = queryFeatures.at({b, i, e});
    Expr kf = keyFeatures.at({b, keyRow, e});
    if (score.kind == SequenceScore::Kind::Additive)
      return score.vector->at({e}) * tanhFloat(qf + kf);
    return qf * kf;
  };
  int lanes = a.vectorWidth;
  while (lanes > 1 && lanes > features)
    lanes /= 2;
  a.lanes = lanes;
  int chunks = features / lanes, tail = features - chunks * lanes;
  a.rawScore = Func(name + "_raw");
  a.rawScore(w, i, b) = 0.0f;
  if (chunks > 0) {
    RDom rc(0, chunks, name + "_rc");
    a.laneSums = Func(name + "_lanesums");
    a.laneSums(lane, w, i, b) = 0.0f;
    a.laneSums(lane, w, i, b) += term(rc * lanes + lane);
    RDom rl(0, lanes, name + "_rl");
    a.rawScore(w, i, b) += a.laneSums(rl, w, i, b);
  }
  if (tail > 0) {
    RDom rt(0, tail, name + "_rt");
    a.rawScore(w, i, b) += term(chunks * lanes + rt);
  }
  Expr keep = keyIndex <= hi && maskKeeps(mask, b, i, keyRow);
  a.score = Func(name + "_score");
  a.score(w, i, b) = select(keep, a.rawScore(w, i, b), maskedScore());

  RDom rw(0, a.windowKeys, name + "_rw");
  a.rowMax = Func(name + "_rowmax");
  a.rowMax(i, b) = maskedScore();
  a.rowMax(i, b) = max(a.rowMax(i, b), a.score(rw, i, b));
  Expr s = a.score(w, i, b);
  a.prob = Func(name + "_prob");
  a.prob(w, i, b) =
      select(s > maskedThreshold(), expViaExp2(s - a.rowMax(i, b)), 0.0f);
  a.rowSum = Func(name + "_rowsum");
  a.rowSum(i, b) = 0.0f;
  a.rowSum(i, b) += a.prob(rw, i, b);
  // Softmax weights (zeros for a row without keys); local-p multiplies in
  // the Gaussian exp(-(j - p)² / (2σ²)), σ = max(D, 1) / 2.
  Expr weight =
      select(a.rowSum(i, b) > 0.0f, a.prob(w, i, b) / a.rowSum(i, b), 0.0f);
  if (window.predictive) {
    float sigma = std::max(halfWidth, 1) / 2.0f;
    Expr offset = cast<float>(keyIndex) - position;
    weight *= expViaExp2(-(offset * offset) * (1.0f / (2 * sigma * sigma)));
  }
  a.weight = Func(name + "_weight");
  a.weight(w, i, b) = weight;
  a.keyRow = Func(name + "_keyrow");
  a.keyRow(w, i, b) = keyRow;

  a.acc = Func(name + "_acc");
  a.acc(d, i, b) = 0.0f;
  // The clamp only tells bounds inference what keyRow holds.
  a.acc(d, i, b) += a.weight(rw, i, b) *
                    value.func(d, clamp(a.keyRow(rw, i, b), 0, m - 1), b);
  Func out(name);
  out(d, i, b) = a.acc(d, i, b);
  a.result = {out, {batch, queries, valueDim}};
  return a;
}

void scheduleLocalAttention(LocalAttention &a, const Target &target) {
  for (const GraphOp &p : a.projections)
    scheduleGraphOp(p, target);
  Func out = a.result.func;
  Var d = out.args()[0], i = out.args()[1], b = out.args()[2];
  Var io("io"), ii("ii"), task("task");
  out.compute_root()
      .split(i, io, ii, a.queryTile)
      .reorder(d, ii, io, b)
      .fuse(io, b, task)
      .parallel(task);
  if (a.valueVector > 1)
    out.vectorize(d, a.valueVector);

  // Everything else per task, over its rows' windows.
  Var ad = a.acc.args()[0], ai = a.acc.args()[1];
  a.acc.compute_at(out, task);
  a.acc.update().reorder(ad, a.acc.rvars()[0], ai);
  if (a.valueVector > 1) {
    a.acc.vectorize(ad, a.valueVector);
    a.acc.update().vectorize(ad, a.valueVector, TailStrategy::GuardWithIf);
  }
  for (Func f : {a.weight, a.keyRow, a.prob, a.rowSum, a.rowMax, a.score,
                 a.rawScore, a.center})
    f.compute_at(out, task);
  if (a.laneSums.defined()) {
    Var lane = a.laneSums.args()[0];
    a.laneSums.compute_at(out, task).vectorize(lane);
    a.laneSums.update()
        .reorder(lane, a.laneSums.rvars()[0], a.laneSums.args()[1],
                 a.laneSums.args()[2])
        .vectorize(lane);
  }
  if (a.position.defined()) {
    a.position.compute_at(out, task);
    a.alignLogit.compute_at(out, task);
  }
}

} // namespace attn::halide
