//===- GraphOps.cpp - Halide algorithms for the attn graph ops ------------===//

#include "attn/Target/Halide/Kernels.h"

#include "attn/Semantics.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <sstream>

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

float maskedThreshold() { return kAttnMaskedThreshold; }

Expr expNonPositive(Expr x) { return fast_exp(max(x, -80.0f)); }

Expr exp2NonPositive(Expr x) {
  // Coefficients fitted to 2^r on [-1/2, 1/2] for least maximum relative
  // error (9e-8 in exact arithmetic, 1.9e-7 evaluated in f32).
  static const float coefficients[] = {1.0f,           0.693147004f,
                                       0.240222424f,   0.0555073358f,
                                       0.00967151299f, 0.00132647273f};
  Expr clamped = max(x, -126.0f);
  Expr whole = round(clamped);
  Expr r = clamped - whole;
  Expr poly = coefficients[5];
  for (int i = 4; i >= 0; --i)
    poly = poly * r + coefficients[i];
  // 2^whole from its exponent bits: whole is in [-126, 0], a normal float.
  Expr bits = (cast<int32_t>(whole) + 127) << 23;
  return poly * reinterpret<float>(bits);
}

Expr expViaExp2(Expr x) { return exp2NonPositive(x * float(M_LOG2E)); }

MergeScales mergeScales(Expr oldMax, Expr blockMax, Expr (*expOf)(Expr)) {
  Expr blockLarger = blockMax > oldMax;
  Expr smaller = expOf(-abs(oldMax - blockMax));
  return {max(oldMax, blockMax), select(blockLarger, smaller, 1.0f),
          select(blockLarger, 1.0f, smaller)};
}

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

namespace {
/// The last two dimensions of `t` swapped (not materialized: a product packs
/// its column panels from it).
Tensor swapLastTwo(const std::string &name, const Tensor &t) {
  Shape shape = t.shape;
  std::swap(shape[shape.size() - 1], shape[shape.size() - 2]);
  return defineTensor(name, shape, [&](const std::vector<Expr> &i) {
    std::vector<Expr> index = i;
    std::swap(index[index.size() - 1], index[index.size() - 2]);
    return t.at(index);
  });
}

/// result[..., i, j] = init[..., i, j] + sum_k lhs(index, k) * rhs(index, k):
/// a product with its own register-blocked schedule (see scheduleProduct).
/// `rhs` should read `rhsSource` contiguously along j (the last result
/// dimension); the schedule packs that Func's column panels.
GraphOp
defineProduct(const std::string &name, const Shape &resultShape, int64_t depth,
              const IndexBody &init,
              const std::function<Expr(const std::vector<Expr> &, Expr)> &lhs,
              const std::function<Expr(const std::vector<Expr> &, Expr)> &rhs,
              Func rhsSource) {
  std::vector<Var> vars = makeVars(static_cast<int>(resultShape.size()));
  std::vector<Expr> index = asExprs(vars);
  RDom k(0, static_cast<int>(depth), name + "_k");
  Func dot(name + "_dot");
  dot(halideArgs(vars)) = 0.0f;
  dot(halideArgs(vars)) += lhs(index, k) * rhs(index, k);
  Func func(name);
  func(halideArgs(vars)) = init(index) + dot(halideArgs(vars));
  GraphOp op{{func, resultShape}, {}};
  op.productDot = dot;
  op.productDepth = depth;
  op.productRhs = rhsSource;
  return op;
}
} // namespace

GraphOp defineMatmul(const std::string &name, const Tensor &lhs,
                     const Tensor &rhs, bool transposeLhs, bool transposeRhs,
                     const Shape &resultShape) {
  int64_t depth = transposeLhs ? lhs.shape[lhs.rank() - 2] : lhs.shape.back();
  std::optional<Tensor> rhsT;
  if (transposeRhs)
    rhsT = swapLastTwo(name + "_rhsT", rhs);
  const Tensor &right = rhsT ? *rhsT : rhs;

  // Reads t[batch..., outer, inner] (or [..., inner, outer] when swapped)
  // with t's batch dimensions broadcast against the result's.
  auto operand = [](const Tensor &t, const std::vector<Expr> &index, Expr outer,
                    Expr inner, bool swap) {
    std::vector<Expr> batch(index.begin(), index.end() - 2);
    std::vector<Expr> at =
        broadcastIndex(Shape(t.shape.begin(), t.shape.end() - 2), batch);
    at.push_back(swap ? inner : outer);
    at.push_back(swap ? outer : inner);
    return t.at(at);
  };
  return defineProduct(
      name, resultShape, depth,
      [](const std::vector<Expr> &) { return Expr(0.0f); },
      [&](const std::vector<Expr> &i, Expr k) {
        return operand(lhs, i, i[i.size() - 2], k, transposeLhs);
      },
      [&](const std::vector<Expr> &i, Expr k) {
        return operand(right, i, k, i.back(), false);
      },
      right.func);
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
                   const Tensor &mask, float fill) {
  return {defineTensor(name, input.shape,
                       [&](const std::vector<Expr> &i) {
                         Expr m = mask.at(broadcastIndex(mask.shape, i));
                         if (mask.isBool)
                           return select(m != 0, input.at(i), Expr(fill));
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

  // Masked entries contribute exactly 0.
  Func prob(name + "_exp");
  Expr x = input.at(asExprs(vars));
  prob(halideArgs(vars)) =
      select(x > maskedThreshold(), expViaExp2(x - rowMax(reduced)), 0.0f);

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
                     const Tensor &weight, const std::optional<Tensor> &bias,
                     const std::optional<Tensor> &givenWeightT) {
  Shape shape = input.shape;
  shape.back() = weight.shape[0];
  // Wᵀ is [K, Nout], contiguous along the output features.
  Tensor weightT =
      givenWeightT ? *givenWeightT : swapLastTwo(name + "_weightT", weight);
  return defineProduct(
      name, shape, weight.shape[1],
      [&](const std::vector<Expr> &i) {
        return bias ? bias->at({i.back()}) : Expr(0.0f);
      },
      [&](const std::vector<Expr> &i, Expr k) {
        std::vector<Expr> in = i;
        in.back() = k;
        return input.at(in);
      },
      [&](const std::vector<Expr> &i, Expr k) {
        return weightT.at({k, i.back()});
      },
      weightT.func);
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
/// Splits `r` (of constant extent `extent`) into unrolled steps of 8, 4 or 2,
/// the most that divide it.
void unrollSteps(Stage stage, RVar r, int64_t extent, bool whole = false) {
  for (int unrolled : {8, 4, 2}) {
    if ((extent > unrolled || (whole && extent == unrolled)) &&
        extent % unrolled == 0) {
      RVar outer(r.name() + "_steps"), inner(r.name() + "_step");
      stage.split(r, outer, inner, unrolled).unroll(inner);
      return;
    }
  }
}
} // namespace

void unrollReductionSteps(Func f, int update, bool whole) {
  // (Func::rvars() gives names only; the extent is on the definition.)
  Expr extent = f.function().update(update).schedule().rvars()[0].extent;
  if (const int64_t *steps = as_const_int(extent))
    unrollSteps(f.update(update), f.rvars(update)[0], *steps, whole);
}

void scheduleRegisterBlock(Func f, Var cols, std::optional<Var> rows,
                           int vectorWidth) {
  Stage update = f.update();
  f.vectorize(cols, vectorWidth).unroll(cols);
  if (rows) {
    f.unroll(*rows);
    update.reorder(cols, *rows, f.rvars()[0]).unroll(*rows);
  }
  update.vectorize(cols, vectorWidth).unroll(cols);
  unrollReductionSteps(f, 0);
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
  // Parallel over the outer dimensions ([1, H, ...] still spreads over
  // the heads): the outermost two fused when there are three or more.
  bool fuseOuter = args.size() >= 3;
  int64_t tasks = t.shape[0] * (fuseOuter ? t.shape[1] : 1);
  // Pure stages may recompute an overlapping last vector (ShiftInwards);
  // updates accumulate, so their last vector is guarded instead.
  auto apply = [&](Stage stage, TailStrategy tail) {
    if (args.size() > 1 && tasks > 1) {
      Var outer = args.back();
      if (fuseOuter)
        stage.fuse(args[args.size() - 2], outer, outer);
      stage.parallel(outer);
    }
    if (vectorize)
      stage.vectorize(args[0], width, tail);
  };
  apply(f, TailStrategy::ShiftInwards);
  for (int i = 0; i < f.num_update_definitions(); ++i)
    apply(f.update(i), TailStrategy::GuardWithIf);
}
} // namespace

/// Register blocks of 4 rows × 2 vectors of columns. A parallel task is one
/// column panel × a chunk of up to 16 row blocks: it packs its panel of the
/// right operand contiguous, then walks the depth in blocks of at most 256,
/// each block's slice of the panel (16 KiB) reused from L1 by all the row
/// blocks, which keep their accumulators in the task's buffer between
/// depth blocks. The chunk's rows are reused from L2 by the next panel.
std::string scheduleProduct(const GraphOp &op, const Target &target) {
  Func out = op.result.func, dot = *op.productDot;
  const Shape &shape = op.result.shape;
  int rank = op.result.rank();
  int width = target.natural_vector_size<float>();
  int cols = fitTile(shape.back(), 2 * width);
  int colVector = std::min(width, cols);
  std::vector<Var> args = out.args();
  std::vector<Var> dotArgs = dot.args();
  Var j = args[0], jo("jo"), ji("ji");
  out.compute_root().split(j, jo, ji, cols).vectorize(ji, colVector).unroll(ji);
  // The manifest's record of the choices below.
  auto describe = [&](int rows, int rowsPerTask, int64_t depthBlock) {
    std::ostringstream os;
    os << "{\"name\": \"" << out.name() << "\", \"form\": \"packed_panels\", "
       << "\"shape\": [";
    for (size_t d = 0; d < shape.size(); ++d)
      os << (d ? ", " : "") << shape[d];
    os << "], \"depth\": " << op.productDepth << ", \"register_block\": ["
       << rows << ", " << cols << "], \"rows_per_task\": " << rowsPerTask
       << ", \"depth_block\": " << depthBlock
       << ", \"vector_width\": " << colVector << "}";
    return os.str();
  };
  if (rank < 2) {
    dot.compute_at(out, jo);
    scheduleRegisterBlock(dot, dotArgs[0], std::nullopt, colVector);
    return describe(1, 1, op.productDepth);
  }
  int rows = fitTile(shape[rank - 2], 4);
  int blocks = static_cast<int>((shape[rank - 2] + rows - 1) / rows);
  int chunk = std::min(16, blocks);
  Var i = args[1], io("io"), ii("ii"), ioo("ioo"), ioi("ioi"), task("task");
  out.split(i, io, ii, rows)
      .split(io, ioo, ioi, chunk, TailStrategy::GuardWithIf)
      .reorder(ji, ii, ioi, jo, ioo)
      .unroll(ii)
      .fuse(jo, ioo, task);
  for (int d = 2; d < rank; ++d)
    out.fuse(task, args[d], task);
  out.parallel(task);

  // Depth blocks of equal size, at most 256.
  RVar depth = dot.rvars()[0], depthOuter("depthOuter"),
       depthInner("depthInner");
  // (The verifiers reject zero-sized operands; max keeps this total.)
  int64_t depthBlocks = std::max<int64_t>(1, (op.productDepth + 255) / 256);
  int depthBlock = static_cast<int>(
      std::max<int64_t>(1, (op.productDepth + depthBlocks - 1) / depthBlocks));
  Var c = dotArgs[0], r = dotArgs[1], ro("ro"), ri("ri");
  dot.compute_at(out, task).vectorize(c, colVector);
  dot.update()
      .split(r, ro, ri, rows, TailStrategy::GuardWithIf)
      .split(depth, depthOuter, depthInner, depthBlock,
             TailStrategy::GuardWithIf)
      .reorder(c, ri, depthInner, ro, depthOuter)
      .vectorize(c, colVector)
      .unroll(c)
      .unroll(ri);
  // Whole depth blocks only: a partial one would test inside the steps.
  if (op.productDepth % depthBlock == 0)
    unrollSteps(dot.update(), depthInner, depthBlock);
  // Read in place, the operand's consecutive depths lie a row apart: with
  // a row of 3072 floats (12 KiB), all in one L1 set.
  Func rhs = op.productRhs;
  Func panel = rhs.in(dot);
  panel.compute_at(out, task).vectorize(panel.args()[0], colVector);
  return describe(rows, chunk * rows, depthBlock);
}

std::string scheduleGraphOp(const GraphOp &op, const Target &target) {
  for (const Tensor &stage : op.stages)
    scheduleRoot(stage, target);
  if (op.productDot)
    return scheduleProduct(op, target);
  scheduleRoot(op.result, target);
  return "";
}

} // namespace attn::halide
