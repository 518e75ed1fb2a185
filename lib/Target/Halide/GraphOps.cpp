//===- GraphOps.cpp - Halide algorithms for the attn graph ops ------------===//

#include "attn/Target/Halide/Kernels.h"

#include <cfloat>
#include <cmath>

using namespace Halide;

namespace attn::halide {

Expr Tensor::at(const std::vector<Expr> &index) const {
  return func(std::vector<Expr>(index.rbegin(), index.rend()));
}

namespace {
std::vector<Var> makeVars(int rank) {
  std::vector<Var> vars;
  for (int i = 0; i < rank; ++i)
    vars.emplace_back("i" + std::to_string(i));
  return vars;
}

std::vector<Expr> asExprs(const std::vector<Var> &vars) {
  return std::vector<Expr>(vars.begin(), vars.end());
}

std::vector<Var> halideArgs(const std::vector<Var> &vars) {
  return std::vector<Var>(vars.rbegin(), vars.rend());
}

/// Functions of (row-major index) with a reduction over one dimension.
Shape withoutAxis(const Shape &shape, int axis) {
  Shape result = shape;
  result.erase(result.begin() + axis);
  return result;
}
} // namespace

float maskedScore() { return -FLT_MAX; }
float maskedThreshold() { return -1e30f; }

Tensor defineTensor(const std::string &name, const Shape &shape,
                    const IndexBody &body, bool isBool) {
  std::vector<Var> vars = makeVars(static_cast<int>(shape.size()));
  Func func(name);
  func(halideArgs(vars)) = body(asExprs(vars));
  return {func, shape, isBool};
}

std::vector<Expr> broadcastIndex(const Shape &from,
                                 const std::vector<Expr> &index) {
  size_t offset = index.size() - from.size();
  std::vector<Expr> result;
  for (size_t i = 0; i < from.size(); ++i)
    result.push_back(from[i] == 1 ? Expr(0) : index[offset + i]);
  return result;
}

GraphOp defineMatmul(const std::string &name, const Tensor &lhs,
                     const Tensor &rhs, bool transposeLhs, bool transposeRhs,
                     const Shape &resultShape) {
  int rank = static_cast<int>(resultShape.size());
  int64_t depth = transposeLhs ? lhs.shape[lhs.rank() - 2] : lhs.shape.back();
  std::vector<Var> vars = makeVars(rank);
  std::vector<Expr> batch(vars.begin(), vars.end() - 2);
  Expr row = vars[rank - 2], col = vars[rank - 1];
  RDom k(0, static_cast<int>(depth), name + "_k");

  auto operand = [&](const Tensor &t, Expr outer, Expr inner, bool swap) {
    std::vector<Expr> index =
        broadcastIndex(Shape(t.shape.begin(), t.shape.end() - 2), batch);
    index.push_back(swap ? inner : outer);
    index.push_back(swap ? outer : inner);
    return t.at(index);
  };
  Func func(name);
  func(halideArgs(vars)) = 0.0f;
  func(halideArgs(vars)) +=
      operand(lhs, row, k, transposeLhs) * operand(rhs, k, col, transposeRhs);
  return {{func, resultShape}, {}};
}

GraphOp defineScale(const std::string &name, const Tensor &input,
                    float factor) {
  return {defineTensor(
              name, input.shape,
              [&](const std::vector<Expr> &i) { return input.at(i) * factor; }),
          {}};
}

GraphOp defineAdd(const std::string &name, const Tensor &lhs, const Tensor &rhs,
                  const Shape &resultShape) {
  return {defineTensor(name, resultShape,
                       [&](const std::vector<Expr> &i) {
                         return lhs.at(broadcastIndex(lhs.shape, i)) +
                                rhs.at(broadcastIndex(rhs.shape, i));
                       }),
          {}};
}

GraphOp defineMask(const std::string &name, const Tensor &input,
                   const Tensor &mask) {
  return {defineTensor(name, input.shape,
                       [&](const std::vector<Expr> &i) {
                         Expr m = mask.at(broadcastIndex(mask.shape, i));
                         if (mask.isBool)
                           return select(m != 0, input.at(i), Expr(-INFINITY));
                         return input.at(i) + m;
                       }),
          {}};
}

GraphOp defineSoftmax(const std::string &name, const Tensor &input, int axis) {
  int rank = input.rank();
  std::vector<Var> vars = makeVars(rank);
  std::vector<Var> outer = vars;
  outer.erase(outer.begin() + axis);
  RDom r(0, static_cast<int>(input.shape[axis]), name + "_r");
  std::vector<Expr> along = asExprs(vars);
  along[axis] = r;
  auto reduced = halideArgs(outer);

  Func rowMax(name + "_max");
  rowMax(reduced) = maskedScore();
  rowMax(reduced) = max(rowMax(reduced), input.at(along));

  // Masked entries contribute 0; the clamp keeps fast_exp in its safe range.
  Func prob(name + "_exp");
  Expr x = input.at(asExprs(vars));
  prob(halideArgs(vars)) = select(
      x > maskedThreshold(), fast_exp(max(x - rowMax(reduced), -80.0f)), 0.0f);

  Func rowSum(name + "_sum");
  rowSum(reduced) = 0.0f;
  std::vector<Expr> probAlong(along.rbegin(), along.rend());
  rowSum(reduced) += prob(probAlong);

  Func func(name);
  func(halideArgs(vars)) = select(
      rowSum(reduced) > 0.0f, prob(halideArgs(vars)) / rowSum(reduced), 0.0f);
  Shape reducedShape = withoutAxis(input.shape, axis);
  return {
      {func, input.shape},
      {{rowMax, reducedShape}, {prob, input.shape}, {rowSum, reducedShape}}};
}

GraphOp defineLinear(const std::string &name, const Tensor &input,
                     const Tensor &weight, const std::optional<Tensor> &bias) {
  Shape shape = input.shape;
  shape.back() = weight.shape[0];
  int rank = static_cast<int>(shape.size());
  std::vector<Var> vars = makeVars(rank);
  RDom k(0, static_cast<int>(weight.shape[1]), name + "_k");
  std::vector<Expr> in = asExprs(vars);
  in.back() = k;
  Expr out = vars.back();
  Func func(name);
  func(halideArgs(vars)) = bias ? bias->at({out}) : Expr(0.0f);
  func(halideArgs(vars)) += input.at(in) * weight.at({out, k});
  return {{func, shape}, {}};
}

GraphOp defineSplitHeads(const std::string &name, const Tensor &input,
                         int64_t heads) {
  int64_t headDim = input.shape[2] / heads;
  Shape shape = {input.shape[0], heads, input.shape[1], headDim};
  return {defineTensor(name, shape,
                       [&](const std::vector<Expr> &i) {
                         Expr feature = i[1] * static_cast<int>(headDim) + i[3];
                         return input.at({i[0], i[2], feature});
                       }),
          {}};
}

GraphOp defineMergeHeads(const std::string &name, const Tensor &input) {
  int headDim = static_cast<int>(input.shape[3]);
  Shape shape = {input.shape[0], input.shape[2], input.shape[1] * headDim};
  return {defineTensor(
              name, shape,
              [&](const std::vector<Expr> &i) {
                return input.at({i[0], i[2] / headDim, i[1], i[2] % headDim});
              }),
          {}};
}

GraphOp defineTranspose(const std::string &name, const Tensor &input,
                        const std::vector<int64_t> &permutation) {
  Shape shape;
  for (int64_t p : permutation)
    shape.push_back(input.shape[p]);
  return {defineTensor(
              name, shape,
              [&](const std::vector<Expr> &i) {
                std::vector<Expr> in(i.size());
                for (size_t d = 0; d < i.size(); ++d)
                  in[permutation[d]] = i[d];
                return input.at(in);
              },
              input.isBool),
          {}};
}

GraphOp defineReshape(const std::string &name, const Tensor &input,
                      const Shape &resultShape) {
  return {defineTensor(
              name, resultShape,
              [&](const std::vector<Expr> &i) {
                // Row-major linear offset in the result, then the input index
                // with that offset.
                Expr flat = 0;
                for (size_t d = 0; d < i.size(); ++d)
                  flat = flat * static_cast<int>(resultShape[d]) + i[d];
                std::vector<Expr> in(input.shape.size());
                for (int d = input.rank() - 1; d >= 0; --d) {
                  int extent = static_cast<int>(input.shape[d]);
                  in[d] = d == 0 ? flat : flat % extent;
                  flat = flat / extent;
                }
                return input.at(in);
              },
              input.isBool),
          {}};
}

namespace {
void scheduleRoot(const Tensor &t, const Target &target) {
  Func f = t.func;
  f.compute_root();
  std::vector<Var> args = f.args();
  if (args.empty())
    return;
  int width = target.natural_vector_size<float>();
  bool vectorize = t.shape.back() >= width;
  Var outer = args.back();
  // Pure stages may recompute an overlapping last vector (ShiftInwards);
  // updates accumulate, so their last vector is guarded instead.
  auto apply = [&](Stage stage, TailStrategy tail) {
    if (args.size() > 1 && t.shape[0] > 1)
      stage.parallel(outer);
    if (vectorize)
      stage.vectorize(args[0], width, tail);
  };
  apply(f, TailStrategy::ShiftInwards);
  for (int i = 0; i < f.num_update_definitions(); ++i)
    apply(f.update(i), TailStrategy::GuardWithIf);
}
} // namespace

void scheduleGraphOp(const GraphOp &op, const Target &target) {
  for (const Tensor &stage : op.stages)
    scheduleRoot(stage, target);
  scheduleRoot(op.result, target);
}

} // namespace attn::halide
