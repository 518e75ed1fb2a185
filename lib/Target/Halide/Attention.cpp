//===- Attention.cpp - fused attention as one Halide pipeline -------------===//
//
// The algorithm is the two-pass softmax per query tile: scores of a tile of
// query rows against all keys, their row max, exp and row sum, then P·V. The
// schedule keeps one tile's scores in memory (never the N×M matrix) and
// register-blocks both products.
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Kernels.h"

#include <algorithm>
#include <sstream>

using namespace Halide;

namespace attn::halide {

Attention defineAttention(const std::string &name, const Tensor &query,
                          const Tensor &key, const Tensor &value,
                          const AttentionSpec &spec,
                          const AttentionSchedule &layout) {
  const Shape &q = query.shape, &k = key.shape, &v = value.shape;
  int depth = static_cast<int>(q[3]);
  int queries = static_cast<int>(q[2]), keys = static_cast<int>(k[2]);
  int group = static_cast<int>(q[1] / k[1]);
  Var d("d"), m("m"), n("n"), h("h"), b("b");
  Expr kvHead = h / group;

  Attention a;
  // Keys packed into panels of `panel` keys × the head dim, so the QKᵀ inner
  // loop reads one contiguous panel (keys past M repeat the last key; their
  // scores are never read).
  int panel = layout.scoreCols;
  Var mi("mi"), mo("mo");
  a.keyPanel = Func(name + "_keyPanel");
  a.keyPanel(mi, d, mo, h, b) =
      key.func(d, min(mo * panel + mi, keys - 1), h, b);

  RDom rd(0, depth, name + "_rd");
  a.dot = Func(name + "_dot");
  a.dot(mi, mo, n, h, b) = 0.0f;
  a.dot(mi, mo, n, h, b) +=
      query.func(rd, n, h, b) * a.keyPanel(mi, rd, mo, kvHead, b);

  Expr s = a.dot(m % panel, m / panel, n, h, b) * spec.scale;
  Expr keep = Internal::const_true();
  if (spec.mask) {
    // Scores are computed in whole panels; keys past M read the last column.
    Expr mv = spec.mask->at(
        broadcastIndex(spec.mask->shape, {b, h, n, min(m, keys - 1)}));
    if (spec.mask->isBool)
      keep = mv != 0;
    else
      s = s + mv;
  }
  if (spec.causal == Causal::TopLeft)
    keep = keep && m <= n;
  else if (spec.causal == Causal::BottomRight)
    keep = keep && m <= n + (keys - queries);
  a.score = Func(name + "_score");
  a.score(m, n, h, b) = select(keep && s > maskedThreshold(), s, maskedScore());

  RDom rm(0, keys, name + "_rm");
  a.rowMax = Func(name + "_rowmax");
  a.rowMax(n, h, b) = maskedScore();
  a.rowMax(n, h, b) = max(a.rowMax(n, h, b), a.score(rm, n, h, b));

  // Masked scores contribute exactly 0; the clamp keeps fast_exp in range.
  Expr sc = a.score(m, n, h, b);
  a.prob = Func(name + "_prob");
  a.prob(m, n, h, b) =
      select(sc > maskedThreshold(),
             fast_exp(max(sc - a.rowMax(n, h, b), -80.0f)), 0.0f);

  a.rowSum = Func(name + "_rowsum");
  a.rowSum(n, h, b) = 0.0f;
  a.rowSum(n, h, b) += a.prob(rm, n, h, b);

  a.acc = Func(name + "_acc");
  a.acc(d, n, h, b) = 0.0f;
  a.acc(d, n, h, b) += a.prob(rm, n, h, b) * value.func(d, rm, kvHead, b);

  // A fully masked row has rowSum 0 and yields zeros.
  Func out(name);
  Expr sum = a.rowSum(n, h, b);
  out(d, n, h, b) = select(sum > 0.0f, a.acc(d, n, h, b) / sum, 0.0f);
  a.result = {out, {q[0], q[1], q[2], v[3]}};
  return a;
}

AttentionSchedule chooseAttentionSchedule(const Shape &query, const Shape &key,
                                          const Shape &value,
                                          const Target &target) {
  AttentionSchedule s;
  s.vectorWidth = target.natural_vector_size<float>();
  int64_t queries = query[2], keys = key[2], valueDim = value[3];
  s.queryTile = fitTile(queries, 64);
  s.scoreRows = fitTile(s.queryTile, 4);
  s.scoreCols = fitTile(keys, 2 * s.vectorWidth);
  s.outRows = fitTile(s.queryTile, 4);
  s.outCols = fitTile(valueDim, 2 * s.vectorWidth);
  return s;
}

std::string AttentionSchedule::toJson() const {
  std::ostringstream os;
  os << "{\"form\": \"two_pass_per_query_tile\", \"vector_width\": "
     << vectorWidth << ", \"query_tile\": " << queryTile
     << ", \"score_block\": [" << scoreRows << ", " << scoreCols
     << "], \"output_block\": [" << outRows << ", " << outCols << "]}";
  return os.str();
}

void scheduleAttention(Attention &a, const AttentionSchedule &s) {
  Func out = a.result.func;
  Var d = out.args()[0], n = out.args()[1], h = out.args()[2],
      b = out.args()[3];
  Var no("no"), ni("ni"), task("task"), dOuter("dOuter"), dInner("dInner"),
      nOuter("nOuter"), nInner("nInner");
  const int width = s.vectorWidth;
  auto vectorWidthFor = [&](int tile) { return std::min(width, tile); };

  // One parallel task per (batch, head, query tile).
  out.compute_root()
      .split(n, no, ni, s.queryTile)
      .reorder(d, ni, no, h, b)
      .fuse(no, h, task)
      .fuse(task, b, task)
      .parallel(task);
  // P·V register blocks: outRows × outCols accumulators across the key loop.
  out.split(ni, nOuter, nInner, s.outRows)
      .split(d, dOuter, dInner, s.outCols)
      .reorder(dInner, nInner, dOuter, nOuter, task)
      .vectorize(dInner, vectorWidthFor(s.outCols))
      .unroll(dInner)
      .unroll(nInner);
  a.acc.compute_at(out, dOuter)
      .vectorize(a.acc.args()[0], vectorWidthFor(s.outCols))
      .unroll(a.acc.args()[0])
      .unroll(a.acc.args()[1]);
  a.acc.update()
      .reorder(a.acc.args()[0], a.acc.args()[1], a.acc.rvars()[0])
      .vectorize(a.acc.args()[0], vectorWidthFor(s.outCols))
      .unroll(a.acc.args()[0])
      .unroll(a.acc.args()[1]);

  // One query tile's scores, probabilities and row statistics.
  Var sm = a.score.args()[0], sn = a.score.args()[1];
  Var smo("smo"), smi("smi"), sno("sno"), sni("sni");
  // Rounded up to whole panels: the scores past M are computed, never read.
  a.score.compute_at(out, task)
      .split(sm, smo, smi, s.scoreCols, TailStrategy::RoundUp)
      .split(sn, sno, sni, s.scoreRows)
      .reorder(smi, sni, smo, sno)
      .vectorize(smi, vectorWidthFor(s.scoreCols))
      .unroll(smi)
      .unroll(sni);
  // QKᵀ register blocks: scoreRows × scoreCols accumulators across depth.
  Var dmi = a.dot.args()[0], dn = a.dot.args()[2];
  a.dot.compute_at(a.score, smo)
      .vectorize(dmi, vectorWidthFor(s.scoreCols))
      .unroll(dmi)
      .unroll(dn);
  a.dot.update()
      .reorder(dmi, dn, a.dot.rvars()[0])
      .vectorize(dmi, vectorWidthFor(s.scoreCols))
      .unroll(dmi)
      .unroll(dn);
  a.rowMax.compute_at(out, task);
  a.prob.compute_at(out, task).vectorize(a.prob.args()[0],
                                         vectorWidthFor(s.scoreCols));
  a.rowSum.compute_at(out, task);

  Var pmi = a.keyPanel.args()[0], ph = a.keyPanel.args()[3],
      pb = a.keyPanel.args()[4];
  a.keyPanel.compute_root()
      .fuse(ph, pb, ph)
      .parallel(ph)
      .vectorize(pmi, vectorWidthFor(s.scoreCols));
}

} // namespace attn::halide
