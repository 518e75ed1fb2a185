//===- BlockOps.cpp - layer norm, GELU and slices as Halide stages --------===//
//
// The ops around attention in a transformer block:
//
//  - layer_norm: per row (the last dimension), the mean and the variance in
//    two passes over the row, in f32, each summed in kLanes partial sums
//    (one vector) and then across the lanes. Both passes work on x - x[0]
//    (the row's first element), which is exact for values within a factor
//    of 2 of each other, so a row of large values close together (1e4 ± 1)
//    is centered to f32 precision of its spread, not of its magnitude; the
//    variance is the mean of (x - mean)², never the cancelling
//    E[x²] - mean².
//  - gelu: tanh form as x·sigmoid(2u) = x / (1 + e^(-2u)) (no 1 - tanh
//    cancellation); erf form as x·Φ(x) with Φ from the erfc rational
//    approximation of Abramowitz & Stegun 7.1.26 (|error| <= 1.5e-7), so
//    the negative tail is computed directly, never as 1 - erf.
//  - slice: an index shift, inlined into its consumers (no copy).
//
//===----------------------------------------------------------------------===//

#include "attn/Target/Halide/Kernels.h"

#include <cmath>

using namespace Halide;

namespace attn::halide {

namespace {
/// Partial sums per row in the layer norm's passes: one AVX2 vector.
constexpr int kLanes = 8;

std::vector<Var> rowVars(int count) {
  std::vector<Var> vars;
  for (int i = 0; i < count; ++i)
    vars.emplace_back("r" + std::to_string(i));
  return vars;
}

/// Halide argument order (innermost first) of `inner` followed by the row
/// dimensions given outermost first.
std::vector<Expr> argsOf(std::vector<Expr> inner,
                         const std::vector<Var> &rows) {
  for (auto it = rows.rbegin(); it != rows.rend(); ++it)
    inner.push_back(*it);
  return inner;
}
} // namespace

LayerNorm defineLayerNorm(const std::string &name, const Tensor &input,
                          const std::optional<Tensor> &weight,
                          const std::optional<Tensor> &bias, float eps,
                          bool rms) {
  int rank = input.rank();
  int width = static_cast<int>(input.shape.back());
  int chunks = (width + kLanes - 1) / kLanes;
  float count = static_cast<float>(width);
  LayerNorm ln;
  ln.rows = rowVars(rank - 1);
  ln.columns = Var("j");
  ln.lane = Var("u");
  const std::vector<Var> &rows = ln.rows;
  Var j = ln.columns, u = ln.lane;
  // x[row..., col] - x[row..., 0]: exact for values within a factor of 2.
  auto shifted = [&](Expr col) {
    std::vector<Expr> index(rows.begin(), rows.end());
    std::vector<Expr> first = index;
    index.push_back(col);
    first.push_back(0);
    return input.at(index) - input.at(first);
  };
  auto perRow = [&](Func f) { return f(argsOf({}, rows)); };
  auto perLane = [&](Func f, Expr lane) { return f(argsOf({lane}, rows)); };

  // Lane u of chunk c reads column c·kLanes + u (clamped, masked past E).
  RDom c(0, chunks, name + "_c");
  Expr col = c * kLanes + u;
  Expr inRow = col < width;
  Expr colClamped = min(col, width - 1);
  RDom l(0, kLanes, name + "_l");

  // Pass 1: d = mean(x - x[0]), so x - mean = (x - x[0]) - d.
  if (!rms) {
    ln.partialSum = Func(name + "_psum");
    perLane(ln.partialSum, u) = 0.0f;
    perLane(ln.partialSum, u) += select(inRow, shifted(colClamped), 0.0f);
    ln.sum = Func(name + "_sum");
    perRow(ln.sum) = 0.0f;
    perRow(ln.sum) += perLane(ln.partialSum, l);
    ln.shift = Func(name + "_shift");
    perRow(ln.shift) = perRow(ln.sum) / count;
  }

  // x - mean as (x - x[0]) - d, kept in this order: Halide's simplifier
  // would otherwise rewrite it as x - (x[0] + d), rounding at x[0]'s
  // magnitude. RMSNorm: x itself.
  auto centered = [&](Expr col) {
    if (rms) {
      std::vector<Expr> index(rows.begin(), rows.end());
      index.push_back(col);
      return input.at(index);
    }
    return strict_float(shifted(col) - perRow(ln.shift));
  };

  // Pass 2: var = mean((x - mean)²) (RMSNorm: mean(x²)).
  ln.partialSq = Func(name + "_psq");
  Expr centeredCol = centered(colClamped);
  perLane(ln.partialSq, u) = 0.0f;
  perLane(ln.partialSq, u) += select(inRow, centeredCol * centeredCol, 0.0f);
  ln.sumSq = Func(name + "_sumsq");
  perRow(ln.sumSq) = 0.0f;
  perRow(ln.sumSq) += perLane(ln.partialSq, l);
  ln.rstd = Func(name + "_rstd");
  perRow(ln.rstd) = 1.0f / sqrt(perRow(ln.sumSq) / count + eps);

  Expr y = centered(j) * perRow(ln.rstd);
  if (weight)
    y = y * weight->at({j});
  if (bias)
    y = y + bias->at({j});
  Func out(name);
  out(argsOf({j}, rows)) = y;
  ln.result = {out, input.shape};
  return ln;
}

void scheduleLayerNorm(LayerNorm &ln, const Target &target) {
  Func out = ln.result.func;
  int vector = target.natural_vector_size<float>();
  int width = static_cast<int>(ln.result.shape.back());
  out.compute_root();
  if (width >= vector)
    out.vectorize(ln.columns, vector, TailStrategy::ShiftInwards);
  // The statistics of a row are computed right before its outputs; a rank-1
  // input is one row.
  LoopLevel at = LoopLevel::root();
  if (!ln.rows.empty()) {
    // The row dimensions fused into one loop, in parallel tasks of 4 rows.
    Var row = ln.rows.back();
    for (int i = static_cast<int>(ln.rows.size()) - 2; i >= 0; --i) {
      Var fused("rows" + std::to_string(i));
      out.fuse(row, ln.rows[i], fused);
      row = fused;
    }
    int64_t rowCount = 1;
    for (size_t i = 0; i + 1 < ln.result.shape.size(); ++i)
      rowCount *= ln.result.shape[i];
    Var task("task"), inner("row");
    out.split(row, task, inner, 4, TailStrategy::GuardWithIf);
    if (rowCount > 4)
      out.parallel(task);
    at = LoopLevel(out, inner);
  }
  for (Func f : {ln.shift, ln.rstd, ln.sum, ln.sumSq})
    if (f.defined()) // RMSNorm has no first pass
      f.compute_at(at);
  for (Func f : {ln.partialSum, ln.partialSq}) {
    if (!f.defined())
      continue;
    f.compute_at(at).vectorize(ln.lane);
    f.update().vectorize(ln.lane);
  }
}

GraphOp defineRope(const std::string &name, const Tensor &input,
                   const Tensor &cos, const Tensor &sin) {
  int64_t half = input.shape.back() / 2;
  return {defineTensor(name, input.shape,
                       [&](const std::vector<Expr> &i) {
                         // The partner of element d: d + D/2 (negated) in the
                         // first half, d - D/2 in the second.
                         std::vector<Expr> lower = i, upper = i;
                         Expr d = i.back();
                         lower.back() = min(d + int(half), int(2 * half - 1));
                         upper.back() = max(d - int(half), 0);
                         Expr rotated = select(d < int(half), -input.at(lower),
                                               input.at(upper));
                         return input.at(i) *
                                    cos.at(broadcastIndex(cos.shape, i)) +
                                rotated * sin.at(broadcastIndex(sin.shape, i));
                       }),
          {}};
}

GraphOp defineGelu(const std::string &name, const Tensor &input,
                   bool tanhApproximation) {
  return {defineTensor(
              name, input.shape,
              [&](const std::vector<Expr> &i) {
                Expr x = input.at(i);
                if (tanhApproximation) {
                  // 0.5·(1 + tanh(u)) = 1 / (1 + e^(-2u)); e^80 ≈ 5.5e34 still
                  // fits, and beyond it the product is 0 or x anyway.
                  const float k = static_cast<float>(std::sqrt(2.0 / M_PI));
                  Expr z = -2.0f * k * (x + 0.044715f * x * x * x);
                  return x / (1.0f + fast_exp(clamp(z, -80.0f, 80.0f)));
                }
                // Φ(x) = 0.5·erfc(-x/√2): erfc(a) for a = |x|/√2 >= 0 as
                // t·P(t)·e^(-a²), t = 1 / (1 + p·a).
                Expr a = abs(x) * static_cast<float>(1.0 / std::sqrt(2.0));
                Expr t = 1.0f / (1.0f + 0.3275911f * a);
                Expr poly =
                    t * (0.254829592f +
                         t * (-0.284496736f +
                              t * (1.421413741f +
                                   t * (-1.453152027f + t * 1.061405429f))));
                Expr erfc = poly * expViaExp2(-a * a);
                Expr phi = select(x >= 0.0f, 1.0f - 0.5f * erfc, 0.5f * erfc);
                return x * phi;
              }),
          {}};
}

Tensor defineSlice(const std::string &name, const Tensor &input,
                   const std::vector<int64_t> &offsets, const Shape &shape) {
  return defineTensor(
      name, shape,
      [&](const std::vector<Expr> &i) {
        std::vector<Expr> at;
        for (size_t d = 0; d < i.size(); ++d)
          at.push_back(i[d] + static_cast<int>(offsets[d]));
        return input.at(at);
      },
      input.isBool);
}

} // namespace attn::halide
