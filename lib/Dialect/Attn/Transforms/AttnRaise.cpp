//===- AttnRaise.cpp - TOSA / linalg attention subgraphs to attn ops ------===//
//
// Raises the ops that frontends emit for attention into attn graph ops, so
// that --attn-fuse can build attn.attention from them. Two front ends feed
// one set of matchers:
//
//  - TOSA as torch-mlir / onnx-mlir emit it (tosa.matmul, tosa.mul, ...);
//  - the same graphs after MLIR's --tosa-to-linalg-named --tosa-to-linalg
//    (linalg.batch_matmul, linalg.transpose, linalg.reduce, elementwise
//    linalg.generic, tensor.expand_shape / collapse_shape).
//
// An elementwise op of either kind is read as an `Elementwise` view (its
// kind and its operands with their numpy broadcast shapes), a reduction as
// a `Reduction` view; the raising patterns work on the views only. Anything
// that does not match exactly is left as it is, so the function still
// verifies: raising never changes what a function computes.
//
// A second group of patterns tidies the raised graph so that --attn-fuse
// sees the chain it expects: the reshapes around TOSA's rank-3 matmuls are
// moved off the score chain, and a key/value broadcast over heads is
// dropped where attn.matmul broadcasts anyway (multi-query attention).
//
// A third group raises the rest of a transformer block: layer norm, GELU,
// Hugging Face's Conv1D projections (x·W, W [in, out]) and the split of a
// fused QKV projection into one projection per slice (GPT-2's split, timm's
// reshape / permute / unbind).
//
// docs/Raising.md shows each pattern with its IR before and after.
//
//===----------------------------------------------------------------------===//

#include "attn/Dialect/Attn/Transforms/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/Dialect/Tosa/IR/TosaOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Sequence.h"

#include <cmath>
#include <optional>

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNRAISEPASS
#include "Attn/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

using Shape = SmallVector<int64_t>;

//===----------------------------------------------------------------------===//
// Types, shapes and constants
//===----------------------------------------------------------------------===//

/// The static, non-empty tensor type that attn ops accept (f32, or i1 where
/// `allowI1`), or null.
RankedTensorType supportedTensor(Type type, bool allowI1 = false) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (!tensor || !tensor.hasStaticShape() ||
      llvm::is_contained(tensor.getShape(), 0))
    return nullptr;
  Type elem = tensor.getElementType();
  if (elem.isF32() || (allowI1 && elem.isSignlessInteger(1)))
    return tensor;
  return nullptr;
}

bool isF32Tensor(Value v) { return v && supportedTensor(v.getType()); }
bool isI1Tensor(Value v) {
  auto t = supportedTensor(v.getType(), /*allowI1=*/true);
  return t && t.getElementType().isSignlessInteger(1);
}

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

RankedTensorType withShape(Value v, ArrayRef<int64_t> shape) {
  return RankedTensorType::get(
      shape, cast<RankedTensorType>(v.getType()).getElementType());
}

/// `shape` with dimension `axis` set to 1 (a reduction with keepdims).
Shape keepDims(ArrayRef<int64_t> shape, int64_t axis) {
  Shape result(shape);
  result[axis] = 1;
  return result;
}

/// True when `from` broadcasts (numpy rules) to exactly `to`.
bool broadcastsTo(ArrayRef<int64_t> from, ArrayRef<int64_t> to) {
  auto shape = broadcastShapes(from, to);
  return succeeded(shape) && ArrayRef<int64_t>(*shape) == to;
}

/// A boolean tensor that attn.reshape / attn.transpose may move: a mask
/// argument or an attn op's result. Boolean values computed by tosa or
/// linalg ops wait: they may still fold into a constant, which is reshaped
/// or transposed at compile time instead.
bool isSettledBool(Value v) {
  if (isa<BlockArgument>(v))
    return true;
  Operation *def = v.getDefiningOp();
  return def && isa<AttnDialect>(def->getDialect());
}

/// The dense constant that `v` is (tosa.const, arith.constant), or null.
DenseElementsAttr getConstant(Value v) {
  DenseElementsAttr attr;
  if (v && matchPattern(v, m_Constant(&attr)))
    return attr;
  return nullptr;
}

/// The value of `v` when it is an f32 constant with all elements equal.
std::optional<float> getSplatF32(Value v) {
  DenseElementsAttr attr = getConstant(v);
  if (!attr || !attr.isSplat() || !attr.getElementType().isF32())
    return std::nullopt;
  return attr.getSplatValue<float>();
}

/// The constant `attr` with every element negated (f32).
DenseElementsAttr negate(DenseElementsAttr attr) {
  if (attr.isSplat())
    return DenseElementsAttr::get(
        attr.getType(), ArrayRef<float>(-attr.getSplatValue<float>()));
  SmallVector<float> values;
  for (float x : attr.getValues<float>())
    values.push_back(-x);
  return DenseElementsAttr::get(attr.getType(), ArrayRef<float>(values));
}

/// The i1 constant `attr` with every element inverted.
DenseElementsAttr invert(DenseElementsAttr attr) {
  if (attr.isSplat())
    return DenseElementsAttr::get(attr.getType(),
                                  ArrayRef<bool>(!attr.getSplatValue<bool>()));
  SmallVector<bool> values;
  for (bool x : attr.getValues<bool>())
    values.push_back(!x);
  return DenseElementsAttr::get(attr.getType(), ArrayRef<bool>(values));
}

/// The constant `attr` (f32 or i1) transposed: result dimension `i` is input
/// dimension `perm[i]`.
DenseElementsAttr transposeConstant(DenseElementsAttr attr,
                                    ArrayRef<int64_t> perm,
                                    RankedTensorType resultType) {
  if (attr.isSplat())
    return attr.resizeSplat(resultType);
  ArrayRef<int64_t> in = attr.getType().getShape();
  int64_t rank = in.size();
  SmallVector<int64_t> inStrides(rank, 1);
  for (int64_t d = rank - 2; d >= 0; --d)
    inStrides[d] = inStrides[d + 1] * in[d + 1];
  ArrayRef<int64_t> out = resultType.getShape();
  int64_t count = resultType.getNumElements();
  SmallVector<int64_t> index(rank, 0);
  SmallVector<int64_t> sources;
  sources.reserve(count);
  for (int64_t i = 0; i < count; ++i) {
    int64_t source = 0;
    for (int64_t d = 0; d < rank; ++d)
      source += index[d] * inStrides[perm[d]];
    sources.push_back(source);
    for (int64_t d = rank - 1; d >= 0; --d) {
      if (++index[d] < out[d])
        break;
      index[d] = 0;
    }
  }
  if (attr.getElementType().isF32()) {
    auto values = llvm::to_vector(attr.getValues<float>());
    SmallVector<float> result;
    for (int64_t s : sources)
      result.push_back(values[s]);
    return DenseElementsAttr::get(resultType, ArrayRef<float>(result));
  }
  auto values = llvm::to_vector(attr.getValues<bool>());
  SmallVector<bool> result;
  for (int64_t s : sources)
    result.push_back(values[s]);
  return DenseElementsAttr::get(resultType, ArrayRef<bool>(result));
}

Value createConstant(PatternRewriter &rewriter, Location loc,
                     DenseElementsAttr attr) {
  return arith::ConstantOp::create(rewriter, loc, attr.getType(), attr);
}

Value createSplat(PatternRewriter &rewriter, Location loc,
                  ArrayRef<int64_t> shape, float value) {
  auto type = RankedTensorType::get(shape, rewriter.getF32Type());
  return createConstant(rewriter, loc,
                        DenseElementsAttr::get(type, ArrayRef<float>(value)));
}

//===----------------------------------------------------------------------===//
// Views: elementwise ops, reductions, matmuls
//===----------------------------------------------------------------------===//

/// One input of an elementwise op: a tensor that broadcasts (numpy rules,
/// aligned to the right) from `shape` to the op's result, or a scalar
/// constant captured by a linalg.generic body.
///
/// `shape` is the tensor's own shape, except for a linalg.generic operand
/// whose indexing map drops dimensions in the middle (a reduction result
/// without keepdims): `shape` is then the rank-equal shape with those
/// dimensions 1, and `materialize` reshapes the tensor to it.
struct Operand {
  Value tensor;
  float scalar = 0.0f;
  Shape shape;

  static Operand of(Value v) { return {v, 0.0f, Shape(shapeOf(v))}; }
  static Operand ofScalar(float x) { return {Value(), x, {}}; }

  /// The value of every element, for a scalar or a splat constant.
  std::optional<float> splat() const {
    if (!tensor)
      return scalar;
    return getSplatF32(tensor);
  }
  bool needsReshape() const {
    return tensor && ArrayRef<int64_t>(shape) != shapeOf(tensor);
  }
};

enum class Kind {
  Add,
  Sub,
  Mul,
  Div,
  Exp,
  Recip,
  Select,
  Not,
  Copy,
  // Only raised as parts of a layer norm or a GELU.
  Pow,
  Rsqrt,
  Tanh,
  Erf,
  // Only raised as part of a rotary embedding.
  Neg
};

/// An elementwise op (TOSA or linalg.generic) read as its kind and operands.
struct Elementwise {
  Kind kind;
  Operation *op;
  Value result;
  SmallVector<Operand, 3> operands;

  ArrayRef<int64_t> shape() const { return shapeOf(result); }
};

/// The shape that an input with indexing map `map` broadcasts from, in the
/// numpy sense, to a result of shape `out`; none when the map is not a
/// broadcast (a permutation, a non-zero constant, an index mismatch).
std::optional<Shape> broadcastShapeOf(AffineMap map, ArrayRef<int64_t> in,
                                      ArrayRef<int64_t> out) {
  int64_t rank = out.size();
  if (map.getNumResults() != in.size() || map.getNumDims() != rank)
    return std::nullopt;
  // Rank-equal: dimension j is d_j, or the constant 0 of a size-1 dimension.
  if (static_cast<int64_t>(in.size()) == rank) {
    for (auto [j, expr] : llvm::enumerate(map.getResults())) {
      if (auto dim = dyn_cast<AffineDimExpr>(expr)) {
        if (dim.getPosition() != j || in[j] != out[j])
          return std::nullopt;
      } else if (auto c = dyn_cast<AffineConstantExpr>(expr)) {
        if (c.getValue() != 0 || in[j] != 1)
          return std::nullopt;
      } else {
        return std::nullopt;
      }
    }
    return Shape(in);
  }
  // Lower rank: increasing loop dimensions; the others are broadcast.
  Shape shape(rank, 1);
  int64_t last = -1;
  bool rightAligned = true;
  int64_t offset = rank - in.size();
  for (auto [j, expr] : llvm::enumerate(map.getResults())) {
    auto dim = dyn_cast<AffineDimExpr>(expr);
    if (!dim || static_cast<int64_t>(dim.getPosition()) <= last)
      return std::nullopt;
    last = dim.getPosition();
    if (in[j] != out[last])
      return std::nullopt;
    shape[last] = in[j];
    rightAligned &= last == offset + static_cast<int64_t>(j);
  }
  return rightAligned ? Shape(in) : shape;
}

std::optional<Elementwise> matchTosaElementwise(Operation *op) {
  Kind kind;
  if (isa<tosa::AddOp>(op))
    kind = Kind::Add;
  else if (isa<tosa::SubOp>(op))
    kind = Kind::Sub;
  else if (auto mul = dyn_cast<tosa::MulOp>(op)) {
    // The shift applies to i32 only; it must be 0 for floats anyway.
    kind = Kind::Mul;
    DenseElementsAttr shift = getConstant(mul.getShift());
    if (!shift || !shift.isSplat() || !shift.getSplatValue<APInt>().isZero())
      return std::nullopt;
  } else if (isa<tosa::ExpOp>(op))
    kind = Kind::Exp;
  else if (isa<tosa::PowOp>(op))
    kind = Kind::Pow;
  else if (isa<tosa::RsqrtOp>(op))
    kind = Kind::Rsqrt;
  else if (isa<tosa::TanhOp>(op))
    kind = Kind::Tanh;
  else if (isa<tosa::ErfOp>(op))
    kind = Kind::Erf;
  else if (isa<tosa::ReciprocalOp>(op))
    kind = Kind::Recip;
  else if (isa<tosa::SelectOp>(op))
    kind = Kind::Select;
  else if (isa<tosa::LogicalNotOp>(op))
    kind = Kind::Not;
  else if (isa<tosa::IdentityOp>(op))
    kind = Kind::Copy;
  else if (isa<tosa::NegateOp>(op))
    kind = Kind::Neg;
  else
    return std::nullopt;
  Elementwise ew{kind, op, op->getResult(0), {}};
  if (!supportedTensor(ew.result.getType(), /*allowI1=*/true))
    return std::nullopt;
  // tosa.mul's shift and tosa.negate's zero points are not inputs.
  unsigned numInputs = kind == Kind::Mul   ? 2
                       : kind == Kind::Neg ? 1
                                           : op->getNumOperands();
  for (Value v : op->getOperands().take_front(numInputs)) {
    if (!supportedTensor(v.getType(), /*allowI1=*/true) ||
        !broadcastsTo(shapeOf(v), ew.shape()))
      return std::nullopt;
    ew.operands.push_back(Operand::of(v));
  }
  return ew;
}

/// A linalg.generic computing one elementwise op of its inputs (with numpy
/// broadcasting given by the indexing maps) or of scalar constants.
std::optional<Elementwise> matchGenericElementwise(linalg::GenericOp op) {
  if (op.getNumDpsInits() != 1 || op->getNumResults() != 1 ||
      op.getNumReductionLoops() != 0)
    return std::nullopt;
  Value result = op->getResult(0);
  if (!supportedTensor(result.getType(), /*allowI1=*/true))
    return std::nullopt;
  ArrayRef<int64_t> out = shapeOf(result);
  SmallVector<AffineMap> maps = op.getIndexingMapsArray();
  if (!maps.back().isIdentity())
    return std::nullopt;

  Block &body = op.getRegion().front();
  auto yield = cast<linalg::YieldOp>(body.getTerminator());
  if (yield.getNumOperands() != 1)
    return std::nullopt;
  // Apart from the yield: scalar constants and one compute op.
  Operation *compute = nullptr;
  for (Operation &inner : body.without_terminator()) {
    if (isa<arith::ConstantOp>(inner))
      continue;
    if (compute)
      return std::nullopt;
    compute = &inner;
  }

  unsigned numInputs = op.getNumDpsInputs();
  auto operandOf = [&](Value v) -> std::optional<Operand> {
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      if (arg.getOwner() != &body || arg.getArgNumber() >= numInputs)
        return std::nullopt;
      Value input = op.getDpsInputOperand(arg.getArgNumber())->get();
      if (!supportedTensor(input.getType(), /*allowI1=*/true))
        return std::nullopt;
      auto shape =
          broadcastShapeOf(maps[arg.getArgNumber()], shapeOf(input), out);
      if (!shape)
        return std::nullopt;
      return Operand{input, 0.0f, *shape};
    }
    APFloat value(0.0f);
    if (v.getType().isF32() && matchPattern(v, m_ConstantFloat(&value)))
      return Operand::ofScalar(value.convertToFloat());
    return std::nullopt;
  };

  Kind kind;
  Value computed = yield.getOperand(0);
  SmallVector<Value, 3> inputs;
  if (!compute) {
    // A broadcast or a copy: the body yields an input.
    kind = Kind::Copy;
    inputs.push_back(computed);
  } else {
    if (computed != compute->getResult(0))
      return std::nullopt;
    if (isa<arith::AddFOp>(compute))
      kind = Kind::Add;
    else if (isa<arith::SubFOp>(compute))
      kind = Kind::Sub;
    else if (isa<arith::MulFOp>(compute))
      kind = Kind::Mul;
    else if (isa<arith::DivFOp>(compute))
      kind = Kind::Div;
    else if (isa<math::ExpOp>(compute))
      kind = Kind::Exp;
    else if (isa<math::PowFOp>(compute))
      kind = Kind::Pow;
    else if (isa<math::RsqrtOp>(compute))
      kind = Kind::Rsqrt;
    else if (isa<math::TanhOp>(compute))
      kind = Kind::Tanh;
    else if (isa<math::ErfOp>(compute))
      kind = Kind::Erf;
    else if (isa<arith::NegFOp>(compute))
      kind = Kind::Neg;
    else if (isa<arith::SelectOp>(compute))
      kind = Kind::Select;
    else if (auto x = dyn_cast<arith::XOrIOp>(compute)) {
      // logical_not: x xor true.
      kind = Kind::Not;
      Value other;
      if (matchPattern(x.getRhs(), m_One()))
        other = x.getLhs();
      else if (matchPattern(x.getLhs(), m_One()))
        other = x.getRhs();
      if (!other || !other.getType().isSignlessInteger(1))
        return std::nullopt;
      inputs.push_back(other);
    } else
      return std::nullopt;
    if (inputs.empty())
      llvm::append_range(inputs, compute->getOperands());
  }
  Elementwise ew{kind, op, result, {}};
  for (Value v : inputs) {
    auto operand = operandOf(v);
    if (!operand)
      return std::nullopt;
    ew.operands.push_back(*operand);
  }
  // A select's condition must be a tensor (a scalar would be a folded
  // select).
  if (kind == Kind::Select && !ew.operands[0].tensor)
    return std::nullopt;
  if (kind == Kind::Copy && !ew.operands[0].tensor)
    return std::nullopt;
  return ew;
}

/// linalg.broadcast: the input with the listed dimensions added.
std::optional<Elementwise> matchBroadcast(linalg::BroadcastOp op) {
  Value result = op->getNumResults() == 1 ? op->getResult(0) : Value();
  if (!result || !supportedTensor(result.getType(), /*allowI1=*/true) ||
      !supportedTensor(op.getInput().getType(), /*allowI1=*/true))
    return std::nullopt;
  ArrayRef<int64_t> out = shapeOf(result);
  Shape shape(out);
  for (int64_t d : op.getDimensions())
    shape[d] = 1;
  Operand operand{op.getInput(), 0.0f, shape};
  // Row-major data is unchanged by adding size-1 dimensions, so `shape`
  // describes the input exactly when its non-broadcast sizes match.
  Shape kept;
  for (auto [d, size] : llvm::enumerate(out))
    if (!llvm::is_contained(op.getDimensions(), static_cast<int64_t>(d)))
      kept.push_back(size);
  if (ArrayRef<int64_t>(kept) != shapeOf(op.getInput()))
    return std::nullopt;
  return Elementwise{Kind::Copy, op, result, {operand}};
}

std::optional<Elementwise> matchElementwise(Operation *op) {
  if (!op || op->getNumResults() != 1)
    return std::nullopt;
  if (auto generic = dyn_cast<linalg::GenericOp>(op))
    return matchGenericElementwise(generic);
  if (auto broadcast = dyn_cast<linalg::BroadcastOp>(op))
    return matchBroadcast(broadcast);
  return matchTosaElementwise(op);
}

std::optional<Elementwise> matchElementwise(Value v) {
  return v ? matchElementwise(v.getDefiningOp()) : std::nullopt;
}

/// The operand that `v` is the reciprocal of: tosa.reciprocal, or 1 / x.
/// The operand must not broadcast.
std::optional<Operand> reciprocalOf(Value v) {
  auto ew = matchElementwise(v);
  if (!ew)
    return std::nullopt;
  std::optional<Operand> x;
  if (ew->kind == Kind::Recip)
    x = ew->operands[0];
  else if (ew->kind == Kind::Div && ew->operands[0].splat() == 1.0f)
    x = ew->operands[1];
  if (!x || !x->tensor || ArrayRef<int64_t>(x->shape) != ew->shape())
    return std::nullopt;
  return x;
}

/// The value of every element of `o`, or of the reciprocal of a splat.
std::optional<float> splatOrReciprocal(const Operand &o) {
  if (auto c = o.splat())
    return c;
  if (!o.tensor)
    return std::nullopt;
  if (auto x = reciprocalOf(o.tensor))
    if (auto c = x->splat(); c && *c != 0.0f)
      return 1.0f / *c;
  return std::nullopt;
}

/// The scalar that a linalg.fill or a splat constant fills a tensor with.
std::optional<float> fillValue(Value init) {
  if (auto fill = init.getDefiningOp<linalg::FillOp>()) {
    APFloat value(0.0f);
    if (fill.getInputs().size() == 1 &&
        matchPattern(fill.getInputs()[0], m_ConstantFloat(&value)) &&
        &value.getSemantics() == &APFloat::IEEEsingle())
      return value.convertToFloat();
    return std::nullopt;
  }
  return getSplatF32(init);
}

enum class ReduceKind { Max, Sum };

/// A reduction of `input` along `axis`, kept or not as a size-1 dimension.
struct Reduction {
  ReduceKind kind;
  Operation *op;
  Value input;
  int64_t axis;
};

/// The kind of a reduction combiner block `(a, b) -> combine(a, b)`.
std::optional<ReduceKind> combinerKind(Block &block) {
  if (block.getNumArguments() != 2 ||
      !llvm::hasSingleElement(block.without_terminator()))
    return std::nullopt;
  Operation &combine = block.front();
  Operation *terminator = block.getTerminator();
  if (terminator->getNumOperands() != 1 ||
      terminator->getOperand(0) != combine.getResult(0) ||
      combine.getNumOperands() != 2)
    return std::nullopt;
  // The two block arguments, in either order.
  Value a = combine.getOperand(0), b = combine.getOperand(1);
  if (!((a == block.getArgument(0) && b == block.getArgument(1)) ||
        (a == block.getArgument(1) && b == block.getArgument(0))))
    return std::nullopt;
  if (isa<arith::MaximumFOp, arith::MaxNumFOp>(combine))
    return ReduceKind::Max;
  if (isa<arith::AddFOp>(combine))
    return ReduceKind::Sum;
  return std::nullopt;
}

/// Whether `init` is the neutral start of a reduction of this kind.
bool isNeutralInit(ReduceKind kind, Value init) {
  std::optional<float> value = fillValue(init);
  if (!value)
    return false;
  // -FLT_MAX (what tosa-to-linalg uses) or -inf for a max; 0 for a sum.
  return kind == ReduceKind::Max ? *value <= -3.0e38f : *value == 0.0f;
}

/// `v`, looked through reshapes, is a reduction over one axis of an f32
/// tensor: tosa.reduce_max / reduce_sum, linalg.reduce, or a linalg.generic
/// with one reduction loop. Reshapes keep the row-major order of the
/// reduced values, so the caller need only check the shape it uses.
std::optional<Reduction> matchReduction(Value v) {
  while (v && isa_and_nonnull<tosa::ReshapeOp, tensor::ExpandShapeOp,
                              tensor::CollapseShapeOp, attn::ReshapeOp>(
                  v.getDefiningOp()))
    v = v.getDefiningOp()->getOperand(0);
  Operation *op = v ? v.getDefiningOp() : nullptr;
  if (!op || op->getNumResults() != 1)
    return std::nullopt;
  std::optional<Reduction> result;
  if (auto max = dyn_cast<tosa::ReduceMaxOp>(op))
    result = Reduction{ReduceKind::Max, op, max.getInput(),
                       static_cast<int64_t>(max.getAxis())};
  else if (auto sum = dyn_cast<tosa::ReduceSumOp>(op))
    result = Reduction{ReduceKind::Sum, op, sum.getInput(),
                       static_cast<int64_t>(sum.getAxis())};
  else if (auto reduce = dyn_cast<linalg::ReduceOp>(op)) {
    if (reduce.getInputs().size() != 1 || reduce.getInits().size() != 1 ||
        reduce.getDimensions().size() != 1)
      return std::nullopt;
    auto kind = combinerKind(reduce.getCombiner().front());
    if (!kind || !isNeutralInit(*kind, reduce.getInits()[0]))
      return std::nullopt;
    result =
        Reduction{*kind, op, reduce.getInputs()[0], reduce.getDimensions()[0]};
  } else if (auto generic = dyn_cast<linalg::GenericOp>(op)) {
    if (generic.getNumDpsInputs() != 1 || generic.getNumDpsInits() != 1 ||
        generic.getNumReductionLoops() != 1)
      return std::nullopt;
    SmallVector<AffineMap> maps = generic.getIndexingMapsArray();
    SmallVector<unsigned> reductionDims;
    generic.getReductionDims(reductionDims);
    int64_t axis = reductionDims[0];
    // The input is read whole; the output drops the reduced loop.
    if (!maps[0].isIdentity() || !maps[1].isProjectedPermutation() ||
        maps[1].getNumResults() + 1 != maps[1].getNumDims())
      return std::nullopt;
    for (auto [j, expr] : llvm::enumerate(maps[1].getResults())) {
      int64_t expected = static_cast<int64_t>(j) < axis ? j : j + 1;
      if (cast<AffineDimExpr>(expr).getPosition() != expected)
        return std::nullopt;
    }
    auto kind = combinerKind(generic.getRegion().front());
    if (!kind || !isNeutralInit(*kind, generic.getDpsInitOperand(0)->get()))
      return std::nullopt;
    result = Reduction{*kind, op, generic.getDpsInputOperand(0)->get(), axis};
  }
  if (!result || !isF32Tensor(result->input))
    return std::nullopt;
  return result;
}

/// tosa.matmul with zero points 0, linalg.batch_matmul / linalg.matmul (with
/// their default maps) into a zero-filled tensor: lhs · rhs.
std::optional<std::pair<Value, Value>> matchMatmul(Operation *op) {
  Value lhs, rhs;
  if (auto mm = dyn_cast<tosa::MatMulOp>(op)) {
    for (Value zp : {mm.getAZp(), mm.getBZp()}) {
      DenseElementsAttr attr = getConstant(zp);
      if (!attr || !attr.isSplat() || !attr.getElementType().isF32() ||
          !attr.getSplatValue<APFloat>().isZero())
        return std::nullopt;
    }
    lhs = mm.getA();
    rhs = mm.getB();
  } else if (isa<linalg::BatchMatmulOp, linalg::MatmulOp>(op)) {
    auto linalgOp = cast<linalg::LinalgOp>(op);
    bool userMaps = isa<linalg::BatchMatmulOp>(op)
                        ? cast<linalg::BatchMatmulOp>(op).hasUserDefinedMaps()
                        : cast<linalg::MatmulOp>(op).hasUserDefinedMaps();
    if (userMaps || linalgOp.getNumDpsInputs() != 2 ||
        linalgOp.getNumDpsInits() != 1 || op->getNumResults() != 1 ||
        fillValue(linalgOp.getDpsInitOperand(0)->get()) != 0.0f)
      return std::nullopt;
    lhs = linalgOp.getDpsInputOperand(0)->get();
    rhs = linalgOp.getDpsInputOperand(1)->get();
  } else {
    return std::nullopt;
  }
  if (!isF32Tensor(lhs) || !isF32Tensor(rhs) || !isF32Tensor(op->getResult(0)))
    return std::nullopt;
  return std::make_pair(lhs, rhs);
}

//===----------------------------------------------------------------------===//
// Building attn ops from views
//===----------------------------------------------------------------------===//

/// Whether `materialize` can give `o` its broadcast shape as a tensor of
/// an element type attn accepts.
bool canMaterialize(const Operand &o) {
  if (!o.tensor)
    return true;
  if (!supportedTensor(o.tensor.getType(), /*allowI1=*/true))
    return false;
  return !o.needsReshape() || getConstant(o.tensor) || isF32Tensor(o.tensor);
}

/// `o` as a tensor of its broadcast shape: a scalar becomes a one-element
/// constant, a constant is reshaped in place, an f32 tensor gets an
/// attn.reshape.
Value materialize(PatternRewriter &rewriter, Location loc, const Operand &o) {
  if (!o.tensor)
    return createSplat(rewriter, loc, {1}, o.scalar);
  if (!o.needsReshape())
    return o.tensor;
  RankedTensorType type = withShape(o.tensor, o.shape);
  if (DenseElementsAttr attr = getConstant(o.tensor))
    return createConstant(rewriter, loc, attr.reshape(type));
  return ReshapeOp::create(rewriter, loc, type, o.tensor);
}

/// A full-shaped f32 tensor operand (not broadcast), or a scalar / splat
/// that can be materialized at `shape`.
bool isFullTensor(const Operand &o, ArrayRef<int64_t> shape) {
  return o.tensor && isF32Tensor(o.tensor) &&
         ArrayRef<int64_t>(o.shape) == shape;
}

/// True for a value that masks a score: -inf, or at or below the threshold
/// that attn ops treat as -inf.
bool isMaskFill(const Operand &o) {
  std::optional<float> c = o.splat();
  return c && *c <= kMaskedThreshold;
}

/// The softmax chain
///   e = exp(d); s = reduce_sum(e, a); p = e * reciprocal(s)   (or e / s)
/// anchored on `p`; returns softmax's input (x when d = x - reduce_max(x, a),
/// else d) and a. The reductions keep `a` as a size-1
/// dimension (directly or through reshapes), and `e` feeds nothing but the
/// sum and `p`.
std::optional<std::pair<Value, int64_t>> matchSoftmax(const Elementwise &p) {
  ArrayRef<int64_t> shape = p.shape();
  // p = e * r with r = 1 / s, or p = e / s: find e and the use of s.
  std::optional<Operand> e, sumUse;
  Value sum;
  if (p.kind == Kind::Mul) {
    for (int i = 0; i < 2 && !sum; ++i) {
      const Operand &a = p.operands[i], &r = p.operands[1 - i];
      if (!isFullTensor(a, shape) || !r.tensor)
        continue;
      if (auto x = reciprocalOf(r.tensor)) {
        e = a;
        sumUse = r;
        sum = x->tensor;
      }
    }
  } else if (p.kind == Kind::Div && isFullTensor(p.operands[0], shape) &&
             p.operands[1].tensor) {
    e = p.operands[0];
    sumUse = p.operands[1];
    sum = p.operands[1].tensor;
  }
  if (!sum)
    return std::nullopt;

  auto exp = matchElementwise(e->tensor);
  if (!exp || exp->kind != Kind::Exp || !isFullTensor(exp->operands[0], shape))
    return std::nullopt;
  auto total = matchReduction(sum);
  if (!total || total->kind != ReduceKind::Sum || total->input != e->tensor)
    return std::nullopt;
  int64_t axis = total->axis;
  Shape kept = keepDims(shape, axis);
  if (ArrayRef<int64_t>(sumUse->shape) != ArrayRef<int64_t>(kept))
    return std::nullopt;
  // exp(d) / sum(exp(d)) is softmax(d) for any d; when d = x - max(x) over
  // the same axis, softmax(x) (the shift changes nothing). The raised
  // softmax subtracts its own max, so an unshifted exp that would overflow
  // gets the correct result.
  Value x = exp->operands[0].tensor;
  auto sub = matchElementwise(x);
  if (sub && sub->kind == Kind::Sub && isFullTensor(sub->operands[0], shape) &&
      sub->operands[1].tensor &&
      ArrayRef<int64_t>(sub->operands[1].shape) == ArrayRef<int64_t>(kept)) {
    auto max = matchReduction(sub->operands[1].tensor);
    if (max && max->kind == ReduceKind::Max && max->axis == axis &&
        max->input == sub->operands[0].tensor)
      x = sub->operands[0].tensor;
  }
  // e feeds exactly the sum and p.
  for (Operation *user : e->tensor.getUsers())
    if (user != total->op && user != p.op)
      return std::nullopt;
  if (x.getType() != p.result.getType())
    return std::nullopt;
  return std::make_pair(x, axis);
}

/// Raises one elementwise view; fails without touching the IR when it is
/// not one of the recognized forms.
LogicalResult raiseElementwise(const Elementwise &ew,
                               PatternRewriter &rewriter) {
  Location loc = ew.op->getLoc();
  ArrayRef<int64_t> shape = ew.shape();
  auto resultType = cast<RankedTensorType>(ew.result.getType());
  if (!resultType.getElementType().isF32() || resultType.getRank() == 0)
    return failure();
  const auto &ops = ew.operands;
  // attn.add's result is exactly the broadcast of its operands (a
  // linalg.generic may broadcast every input to a larger result).
  auto sumKeepsShape = [&] {
    auto sum = broadcastShapes(ops[0].shape, ops[1].shape);
    return succeeded(sum) && ArrayRef<int64_t>(*sum) == shape;
  };
  auto replace = [&](Value v) {
    rewriter.replaceOp(ew.op, v);
    return success();
  };

  switch (ew.kind) {
  case Kind::Mul:
  case Kind::Div: {
    // Softmax: e * (1 / sum(e)) or e / sum(e).
    if (auto softmax = matchSoftmax(ew))
      return replace(
          SoftmaxOp::create(rewriter, loc, resultType, softmax->first,
                            rewriter.getI64IntegerAttr(softmax->second)));
    // x * c, c * x, x * (1 / c), x / c with a constant splat c.
    for (int i = 0; i < 2; ++i) {
      if (ew.kind == Kind::Div && i == 1)
        break;
      const Operand &x = ops[i], &c = ops[1 - i];
      if (!isFullTensor(x, shape) || !canMaterialize(x))
        continue;
      std::optional<float> factor = splatOrReciprocal(c);
      if (factor && ew.kind == Kind::Div)
        factor = *factor != 0.0f ? std::optional<float>(1.0f / *factor)
                                 : std::nullopt;
      if (!factor || !std::isfinite(*factor))
        continue;
      return replace(ScaleOp::create(rewriter, loc, resultType,
                                     materialize(rewriter, loc, x),
                                     rewriter.getF32FloatAttr(*factor)));
    }
    return failure();
  }
  case Kind::Add: {
    if (!llvm::all_of(ops, canMaterialize) ||
        (!ops[0].tensor && !ops[1].tensor) || !sumKeepsShape())
      return failure();
    Value lhs = materialize(rewriter, loc, ops[0]);
    Value rhs = materialize(rewriter, loc, ops[1]);
    return replace(AddOp::create(rewriter, loc, resultType, lhs, rhs));
  }
  case Kind::Sub: {
    // a - c with c constant: a + (-c); c - b: (-1 * b) + c; a - b with b a
    // function argument: a + (-1 * b). Other differences (x - max(x) in a
    // softmax, a centering in a layer norm) stay as they are.
    const Operand &a = ops[0], &b = ops[1];
    if (!canMaterialize(a) || !canMaterialize(b) || (!a.tensor && !b.tensor) ||
        !sumKeepsShape())
      return failure();
    auto negated = [&](const Operand &o) -> Value {
      if (!o.tensor)
        return createSplat(rewriter, loc, {1}, -o.scalar);
      if (DenseElementsAttr attr = getConstant(o.tensor))
        return createConstant(
            rewriter, loc,
            negate(o.needsReshape() ? attr.reshape(withShape(o.tensor, o.shape))
                                    : attr));
      Value v = materialize(rewriter, loc, o);
      return ScaleOp::create(rewriter, loc, v.getType(), v,
                             rewriter.getF32FloatAttr(-1.0f));
    };
    auto isConstant = [](const Operand &o) {
      return !o.tensor || getConstant(o.tensor);
    };
    // x - (+0) is x exactly (torch-mlir's GELU subtracts its mean 0).
    if (isFullTensor(a, shape) && !a.needsReshape() && b.splat() &&
        *b.splat() == 0.0f && !std::signbit(*b.splat()))
      return replace(a.tensor);
    if (isConstant(b)) {
      Value lhs = materialize(rewriter, loc, a);
      return replace(AddOp::create(rewriter, loc, resultType, lhs, negated(b)));
    }
    if (isConstant(a) || isa<BlockArgument>(b.tensor)) {
      Value nb = negated(b);
      return replace(AddOp::create(rewriter, loc, resultType,
                                   materialize(rewriter, loc, a), nb));
    }
    return failure();
  }
  case Kind::Select: {
    // select(keep, x, -inf) -> mask(x, keep); select(drop, -inf, x) with
    // drop a constant or a logical_not -> mask(x, not drop). A finite
    // constant F instead of -inf (masked_fill(drop, -1e9)) is the mask's
    // fill: mask(x, keep) fill(F).
    const Operand &cond = ops[0];
    if (!isI1Tensor(cond.tensor))
      return failure();
    bool fillOnFalse = isMaskFill(ops[2]) && !isMaskFill(ops[1]);
    bool fillOnTrue = isMaskFill(ops[1]) && !isMaskFill(ops[2]);
    std::optional<float> finiteFill;
    if (!fillOnFalse && !fillOnTrue) {
      // Neither side is -inf: a splat side is the fill (the false side
      // when both are, as in torch.where(keep, x, F)).
      auto finiteSplat = [](const Operand &o) -> std::optional<float> {
        std::optional<float> c = o.splat();
        if (!c || !std::isfinite(*c))
          return std::nullopt;
        return c;
      };
      if ((finiteFill = finiteSplat(ops[2])))
        fillOnFalse = true;
      else if ((finiteFill = finiteSplat(ops[1])))
        fillOnTrue = true;
      else
        return failure();
    }
    const Operand &x = fillOnFalse ? ops[1] : ops[2];
    bool xIsSplat = !isFullTensor(x, shape) && x.splat().has_value();
    if (!xIsSplat && (!isFullTensor(x, shape) || !canMaterialize(x)))
      return failure();
    // The keep-mask, as an operand broadcasting to the result.
    Operand keep = cond;
    DenseElementsAttr constantKeep;
    if (fillOnTrue) {
      if (DenseElementsAttr attr = getConstant(cond.tensor)) {
        constantKeep =
            invert(cond.needsReshape()
                       ? attr.reshape(withShape(cond.tensor, cond.shape))
                       : attr);
      } else {
        auto notOp = matchElementwise(cond.tensor);
        if (!notOp || notOp->kind != Kind::Not ||
            notOp->operands[0].needsReshape() ||
            ArrayRef<int64_t>(notOp->operands[0].shape) != shapeOf(cond.tensor))
          return failure();
        keep = Operand{notOp->operands[0].tensor, 0.0f, cond.shape};
      }
    }
    if (!constantKeep && !canMaterialize(keep))
      return failure();
    Value input = xIsSplat ? createSplat(rewriter, loc, shape, *x.splat())
                           : materialize(rewriter, loc, x);
    Value mask = constantKeep ? createConstant(rewriter, loc, constantKeep)
                              : materialize(rewriter, loc, keep);
    FloatAttr fill =
        finiteFill ? rewriter.getF32FloatAttr(*finiteFill) : FloatAttr();
    return replace(
        MaskOp::create(rewriter, loc, resultType, input, mask, fill));
  }
  case Kind::Copy: {
    // tosa.identity, a broadcasting linalg.generic or linalg.broadcast:
    // a reshape, then a broadcast written as the sum with zeros.
    const Operand &x = ops[0];
    if (!isF32Tensor(x.tensor) || !canMaterialize(x))
      return failure();
    Value v = materialize(rewriter, loc, x);
    if (ArrayRef<int64_t>(x.shape) == shape)
      return replace(v);
    Shape zeros(shape.size(), 1);
    int64_t offset = shape.size() - x.shape.size();
    for (auto [i, d] : llvm::enumerate(shape))
      if (static_cast<int64_t>(i) < offset || x.shape[i - offset] != d)
        zeros[i] = d;
    Value z = createSplat(rewriter, loc, zeros, 0.0f);
    return replace(AddOp::create(rewriter, loc, resultType, v, z));
  }
  case Kind::Exp:
  case Kind::Recip:
  case Kind::Not:
    // Only raised as part of a softmax or a mask.
    return failure();
  case Kind::Pow:
  case Kind::Rsqrt:
  case Kind::Tanh:
  case Kind::Erf:
    // Only raised as part of a layer norm or a GELU.
    return failure();
  case Kind::Neg:
    // Only raised as part of a rotary embedding.
    return failure();
  }
  return failure();
}

//===----------------------------------------------------------------------===//
// Raising patterns
//===----------------------------------------------------------------------===//

/// Elementwise ops and the softmax chain, TOSA or linalg.generic.
struct RaiseElementwise : RewritePattern {
  RaiseElementwise(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<tosa::AddOp, tosa::SubOp, tosa::MulOp, tosa::SelectOp,
             tosa::IdentityOp, linalg::GenericOp, linalg::BroadcastOp>(op))
      return failure();
    auto ew = matchElementwise(op);
    if (!ew)
      return rewriter.notifyMatchFailure(op, "not a supported elementwise op");
    return raiseElementwise(*ew, rewriter);
  }
};

/// tosa.matmul, linalg.batch_matmul, linalg.matmul -> attn.matmul.
struct RaiseMatmul : RewritePattern {
  RaiseMatmul(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<tosa::MatMulOp, linalg::BatchMatmulOp, linalg::MatmulOp>(op))
      return failure();
    auto operands = matchMatmul(op);
    if (!operands)
      return rewriter.notifyMatchFailure(op, "not an f32 matmul from zero");
    rewriter.replaceOpWithNewOp<MatmulOp>(op, op->getResult(0).getType(),
                                          operands->first, operands->second);
    return success();
  }
};

/// linalg.softmax -> attn.softmax.
struct RaiseLinalgSoftmax : OpRewritePattern<linalg::SoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(linalg::SoftmaxOp op,
                                PatternRewriter &rewriter) const override {
    if (op->getNumResults() != 1 || !isF32Tensor(op.getInput()) ||
        op.getInput().getType() != op->getResult(0).getType())
      return failure();
    rewriter.replaceOpWithNewOp<SoftmaxOp>(
        op, op->getResult(0).getType(), op.getInput(),
        rewriter.getI64IntegerAttr(op.getDimension()));
    return success();
  }
};

/// tosa.transpose, linalg.transpose -> attn.transpose (f32); a transposed
/// constant (an i1 mask) is folded.
struct RaiseTranspose : RewritePattern {
  RaiseTranspose(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    Value input;
    SmallVector<int64_t> perm;
    if (auto t = dyn_cast<tosa::TransposeOp>(op)) {
      input = t.getInput1();
      llvm::append_range(perm, t.getPerms());
    } else if (auto t = dyn_cast<linalg::TransposeOp>(op)) {
      if (op->getNumResults() != 1)
        return failure();
      input = t.getInput();
      llvm::append_range(perm, t.getPermutation());
    } else {
      return failure();
    }
    Value result = op->getResult(0);
    auto type = supportedTensor(result.getType(), /*allowI1=*/true);
    if (!type || !supportedTensor(input.getType(), /*allowI1=*/true))
      return failure();
    // Boolean constants (masks) and splats are transposed at compile time;
    // an f32 weight keeps its transpose, which a projection absorbs.
    DenseElementsAttr attr = getConstant(input);
    if (attr && (attr.isSplat() || !attr.getElementType().isF32())) {
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(
          op, type, transposeConstant(attr, perm, type));
      return success();
    }
    if (!isF32Tensor(input) && !isSettledBool(input))
      return rewriter.notifyMatchFailure(op, "boolean input not settled yet");
    rewriter.replaceOpWithNewOp<TransposeOp>(
        op, type, input, rewriter.getDenseI64ArrayAttr(perm));
    return success();
  }
};

/// tosa.reshape, tensor.expand_shape, tensor.collapse_shape -> attn.reshape
/// (f32); a reshaped constant is folded.
struct RaiseReshape : RewritePattern {
  RaiseReshape(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<tosa::ReshapeOp, tensor::ExpandShapeOp, tensor::CollapseShapeOp>(
            op))
      return failure();
    Value input = op->getOperand(0);
    Value result = op->getResult(0);
    auto type = supportedTensor(result.getType(), /*allowI1=*/true);
    if (!type || !supportedTensor(input.getType(), /*allowI1=*/true))
      return failure();
    if (DenseElementsAttr attr = getConstant(input)) {
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, type,
                                                     attr.reshape(type));
      return success();
    }
    if (!isF32Tensor(input) && !isSettledBool(input))
      return rewriter.notifyMatchFailure(op, "boolean input not settled yet");
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, type, input);
    return success();
  }
};

/// tosa.tile along size-1 dimensions is a broadcast: x + zeros of the tiled
/// shape (f32), or a broadcast splat constant.
struct RaiseTile : OpRewritePattern<tosa::TileOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::TileOp op,
                                PatternRewriter &rewriter) const override {
    SmallVector<int64_t> multiples;
    Value input = op.getInput1();
    auto type = supportedTensor(op.getType(), /*allowI1=*/true);
    if (!type || !supportedTensor(input.getType(), /*allowI1=*/true) ||
        failed(op.getConstantMultiples(multiples)))
      return failure();
    ArrayRef<int64_t> in = shapeOf(input);
    Shape zeros(in.size(), 1);
    for (auto [i, m] : llvm::enumerate(multiples)) {
      if (m != 1 && in[i] != 1)
        return rewriter.notifyMatchFailure(op, "tiles a non-unit dimension");
      zeros[i] = m;
    }
    DenseElementsAttr attr = getConstant(input);
    if (attr && attr.isSplat()) {
      rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, type,
                                                     attr.resizeSplat(type));
      return success();
    }
    if (!isF32Tensor(input))
      return rewriter.notifyMatchFailure(op, "broadcasts are f32 only");
    Value z = createSplat(rewriter, op.getLoc(), zeros, 0.0f);
    rewriter.replaceOpWithNewOp<AddOp>(op, type, input, z);
    return success();
  }
};

/// tosa.const (dense f32 / i1) -> arith.constant, once no TOSA op uses it
/// (TOSA's zero points and shifts stay TOSA constants).
struct RaiseConst : OpRewritePattern<tosa::ConstOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(tosa::ConstOp op,
                                PatternRewriter &rewriter) const override {
    auto attr = dyn_cast<DenseElementsAttr>(op.getValues());
    if (!attr || !supportedTensor(op.getType(), /*allowI1=*/true) ||
        attr.getType() != op.getType() || op->use_empty())
      return failure();
    for (Operation *user : op->getUsers())
      if (isa<tosa::TosaDialect>(user->getDialect()))
        return rewriter.notifyMatchFailure(op, "still used by a TOSA op");
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, attr.getType(), attr);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Tidying the raised graph for --attn-fuse
//===----------------------------------------------------------------------===//

/// True when a reshape from `from` to `to` keeps the last two dimensions and
/// only regroups the leading (batch) ones.
bool isBatchReshape(ArrayRef<int64_t> from, ArrayRef<int64_t> to) {
  return from.size() >= 2 && to.size() >= 2 &&
         from.take_back(2) == to.take_back(2);
}

/// reshape(reshape(x)) -> reshape(x), or x.
struct ComposeReshapes : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    Value input = op.getInput();
    if (auto inner = input.getDefiningOp<ReshapeOp>())
      input = inner.getInput();
    if (input.getType() == op.getType()) {
      rewriter.replaceOp(op, input);
      return success();
    }
    if (input == op.getInput())
      return failure();
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), input);
    return success();
  }
};

/// TOSA's matmul is rank 3, so a frontend flattens [B, H, N, D] operands to
/// [B*H, N, D] and reshapes the product back. With both operands batch
/// reshapes (the last two dimensions kept) of the same flattened batch, the
/// matmul runs on the unflattened batch dimensions of one of them (the
/// left one's if it has any):
///   matmul(reshape(a), reshape(b)) -> reshape(matmul(a, reshape(b))).
/// The reshapes left on the operands compose with those that produced them.
struct UnflattenMatmulBatch : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    auto lhs = op.getLhs().getDefiningOp<ReshapeOp>();
    auto rhs = op.getRhs().getDefiningOp<ReshapeOp>();
    if (!lhs || !rhs || shapeOf(lhs).drop_back(2) != shapeOf(rhs).drop_back(2))
      return rewriter.notifyMatchFailure(op, "operands are not reshapes");
    ArrayRef<int64_t> flat = shapeOf(lhs).drop_back(2);
    // The batch dimensions to restore: the first operand's that differ.
    std::optional<Shape> batch;
    for (ReshapeOp r : {lhs, rhs}) {
      ArrayRef<int64_t> from = shapeOf(r.getInput());
      if (!batch && isBatchReshape(from, shapeOf(r)) &&
          from.drop_back(2) != flat)
        batch = Shape(from.drop_back(2));
    }
    if (!batch)
      return rewriter.notifyMatchFailure(op, "no batch to unflatten");
    Location loc = op.getLoc();
    auto unflatten = [&](ReshapeOp r) -> Value {
      Shape shape(*batch);
      llvm::append_range(shape, shapeOf(r).take_back(2));
      if (shapeOf(r.getInput()) == ArrayRef<int64_t>(shape))
        return r.getInput();
      return ReshapeOp::create(rewriter, loc, withShape(r, shape),
                               r.getInput());
    };
    Value a = unflatten(lhs), b = unflatten(rhs);
    Shape shape(*batch);
    llvm::append_range(shape, shapeOf(op.getResult()).take_back(2));
    Value mm = MatmulOp::create(rewriter, loc, withShape(op, shape), a, b,
                                op.getTransposeLhs(), op.getTransposeRhs());
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), mm);
    return success();
  }
};

/// scale(reshape(x)) -> reshape(scale(x)): reshapes move down the score
/// chain, towards the reshape that undoes them.
struct SinkReshapeThroughScale : OpRewritePattern<ScaleOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ScaleOp op,
                                PatternRewriter &rewriter) const override {
    auto reshape = op.getInput().getDefiningOp<ReshapeOp>();
    if (!reshape || !reshape->hasOneUse())
      return failure();
    Value x = reshape.getInput();
    Value scaled = ScaleOp::create(rewriter, op.getLoc(), x.getType(), x,
                                   op.getFactorAttr());
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), scaled);
    return success();
  }
};

/// softmax(reshape(x), last) -> reshape(softmax(x, last)) when the reshape
/// keeps the last dimension (each row stays a row).
struct SinkReshapeThroughSoftmax : OpRewritePattern<SoftmaxOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SoftmaxOp op,
                                PatternRewriter &rewriter) const override {
    auto reshape = op.getInput().getDefiningOp<ReshapeOp>();
    if (!reshape || !reshape->hasOneUse())
      return failure();
    Value x = reshape.getInput();
    ArrayRef<int64_t> from = shapeOf(x), to = shapeOf(reshape);
    if (op.getNormalizedAxis() != static_cast<int64_t>(to.size()) - 1 ||
        from.back() != to.back())
      return failure();
    Value softmax = SoftmaxOp::create(
        rewriter, op.getLoc(), x.getType(), x,
        rewriter.getI64IntegerAttr(static_cast<int64_t>(from.size()) - 1));
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), softmax);
    return success();
  }
};

/// Whether `m` (broadcasting to `to`) broadcasts the same way to `from`,
/// `to` being a reshape of `from`: `m` varies only along a common suffix of
/// the two shapes.
bool broadcastsAcrossReshape(ArrayRef<int64_t> m, ArrayRef<int64_t> from,
                             ArrayRef<int64_t> to) {
  if (m.size() > from.size())
    return false;
  size_t suffix = 0;
  while (suffix < from.size() && suffix < to.size() &&
         from[from.size() - 1 - suffix] == to[to.size() - 1 - suffix])
    ++suffix;
  for (size_t i = suffix; i < m.size(); ++i)
    if (m[m.size() - 1 - i] != 1)
      return false;
  return broadcastsTo(m, from);
}

/// add(reshape(x), m) -> reshape(add(x, m)) and mask(reshape(x), m) ->
/// reshape(mask(x, m)) when the bias or mask `m` broadcasts over the
/// dimensions that the reshape regroups.
template <typename OpTy>
struct SinkReshapeThroughBias : OpRewritePattern<OpTy> {
  using OpRewritePattern<OpTy>::OpRewritePattern;
  LogicalResult matchAndRewrite(OpTy op,
                                PatternRewriter &rewriter) const override {
    Value result = op.getResult();
    SmallVector<std::pair<Value, Value>, 2> candidates;
    if constexpr (std::is_same_v<OpTy, AddOp>) {
      candidates.push_back({op.getLhs(), op.getRhs()});
      candidates.push_back({op.getRhs(), op.getLhs()});
    } else {
      candidates.push_back({op.getInput(), op.getMask()});
    }
    for (auto [scores, bias] : candidates) {
      auto reshape = scores.template getDefiningOp<ReshapeOp>();
      if (!reshape || !reshape->hasOneUse() ||
          shapeOf(scores) != shapeOf(result))
        continue;
      Value x = reshape.getInput();
      if (!broadcastsAcrossReshape(shapeOf(bias), shapeOf(x), shapeOf(result)))
        continue;
      Value inner;
      if constexpr (std::is_same_v<OpTy, AddOp>)
        inner = AddOp::create(rewriter, op.getLoc(), x.getType(), x, bias);
      else
        inner = MaskOp::create(rewriter, op.getLoc(), x.getType(), x, bias,
                               op.getFillAttr());
      rewriter.replaceOpWithNewOp<ReshapeOp>(op, result.getType(), inner);
      return success();
    }
    return failure();
  }
};

/// True when `v` is a splat 0 f32 constant.
bool isZeros(Value v) { return getSplatF32(v) == 0.0f; }

/// The dimensions of `to` other than 1, each tagged with whether it is
/// broadcast from `from` (numpy rules, aligned to the right) or carries
/// `from`'s data. Two broadcasts with equal tag lists read the same data at
/// every position, whatever size-1 dimensions they add or drop.
SmallVector<std::pair<int64_t, bool>> broadcastTags(ArrayRef<int64_t> from,
                                                    ArrayRef<int64_t> to) {
  SmallVector<std::pair<int64_t, bool>> tags;
  size_t offset = to.size() - from.size();
  for (auto [i, d] : llvm::enumerate(to)) {
    int64_t f = i < offset ? 1 : from[i - offset];
    if (d != 1)
      tags.push_back({d, f == 1});
  }
  return tags;
}

/// `v` as a broadcast of a smaller tensor k, when it is
///   [reshape](add([reshape](k), zeros))
/// (how tosa.tile / broadcast_to / repeat_interleave of a size-1 dimension
/// come out of raising) and equals k broadcast to v's shape (numpy rules).
/// Returns k, or null.
Value broadcastSource(Value v) {
  Value w = v;
  if (auto reshape = w.getDefiningOp<ReshapeOp>())
    w = reshape.getInput();
  auto add = w.getDefiningOp<AddOp>();
  if (!add)
    return nullptr;
  Value x = add.getLhs(), zeros = add.getRhs();
  if (!isZeros(zeros))
    std::swap(x, zeros);
  if (!isZeros(zeros) || !broadcastsTo(shapeOf(x), shapeOf(w)))
    return nullptr;
  Value k = x;
  if (auto reshape = k.getDefiningOp<ReshapeOp>())
    k = reshape.getInput();
  if (!broadcastsTo(shapeOf(k), shapeOf(v)) ||
      broadcastTags(shapeOf(x), shapeOf(w)) !=
          broadcastTags(shapeOf(k), shapeOf(v)))
    return nullptr;
  return k;
}

/// matmul(a, broadcast(k)) -> matmul(a, k) where the matmul broadcasts k's
/// batch dimensions to the same result: one key / value head against many
/// query heads stays one head (multi-query attention for --attn-fuse).
struct DropMatmulBroadcast : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    ArrayRef<int64_t> result = shapeOf(op.getResult());
    for (int i = 0; i < 2; ++i) {
      Value operand = i == 0 ? op.getLhs() : op.getRhs();
      Value other = i == 0 ? op.getRhs() : op.getLhs();
      Value k = broadcastSource(operand);
      if (!k || shapeOf(k).take_back(2) != shapeOf(operand).take_back(2))
        continue;
      auto batch =
          broadcastShapes(shapeOf(k).drop_back(2), shapeOf(other).drop_back(2));
      if (failed(batch) || ArrayRef<int64_t>(*batch) != result.drop_back(2))
        continue;
      rewriter.modifyOpInPlace(op, [&] {
        if (i == 0)
          op.getLhsMutable().assign(k);
        else
          op.getRhsMutable().assign(k);
      });
      return success();
    }
    return failure();
  }
};

/// A function argument or a constant: a model parameter.
bool isParameter(Value v) { return isa<BlockArgument>(v) || getConstant(v); }

/// True when `t` moves only size-1 dimensions: the others keep their order,
/// so the data keeps its row-major order (the transpose is a reshape).
bool movesOnlyUnitDims(TransposeOp t) {
  ArrayRef<int64_t> in = shapeOf(t.getInput());
  int64_t last = -1;
  for (int64_t p : t.getPermutation()) {
    if (in[p] == 1)
      continue;
    if (p < last)
      return false;
    last = p;
  }
  return true;
}

/// The weight of shape `shape` (W [K, Nout] a parameter, or transpose(W))
/// that `v` is a reshape of through attn.reshape and transposes of size-1
/// dimensions (none of which reorders data), or null.
Value peelUnitReshapes(Value v, ArrayRef<int64_t> shape) {
  for (int depth = 0; v && depth < 8; ++depth) {
    if (shapeOf(v) == shape) {
      auto t = v.getDefiningOp<TransposeOp>();
      if (isParameter(v) ||
          (t && t.getPermutation() == ArrayRef<int64_t>({1, 0})))
        return v;
    }
    Operation *def = v.getDefiningOp();
    if (auto reshape = dyn_cast_or_null<ReshapeOp>(def))
      v = reshape.getInput();
    else if (auto t = dyn_cast_or_null<TransposeOp>(def);
             t && movesOnlyUnitDims(t))
      v = t.getInput();
    else
      return nullptr;
  }
  return nullptr;
}

/// A projection x·Wᵀ (W [Nout, K], torch.nn.Linear's layout) is
/// attn.linear(x, W); a projection x·W with W [K, Nout] (Hugging Face's
/// Conv1D: GPT-2's c_attn, c_proj, c_fc) is attn.linear(x, transpose(W)),
/// which the code generator reads in place. The forms out of raising:
///   matmul(x [P, K], W transpose_rhs)               (rows, the transpose of
///                                                    the weight a flag)
///   matmul(x [..., P, K], reshape(transpose(W)))    (the weight reshaped to
///                                                    [1, K, Nout] for TOSA's
///                                                    rank-3 matmul)
///   matmul(x [..., P, K], [reshape](W [K, Nout]))   (Conv1D; W a function
///                                                    argument or constant)
/// Batched products of computed tensors (attention scores, P·V) are none of
/// these.
struct RaiseLinear : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(MatmulOp op,
                                PatternRewriter &rewriter) const override {
    if (op.getTransposeLhs())
      return failure();
    ArrayRef<int64_t> x = shapeOf(op.getLhs());
    Value weight, inOut;
    DenseElementsAttr inOutConstant;
    if (op.getTransposeRhs()) {
      if (x.size() == 2 && shapeOf(op.getRhs()).size() == 2)
        weight = op.getRhs();
    } else {
      // The rank-2 weight, through reshapes that only add unit dims (and,
      // for a batch > 1, torch-mlir's transpose of the weight's unit batch).
      Value rhs = op.getRhs();
      ArrayRef<int64_t> padded = shapeOf(rhs);
      if (padded.size() >= 2 && padded.size() <= x.size() &&
          llvm::all_of(padded.drop_back(2), [](int64_t d) { return d == 1; }))
        if (Value w = peelUnitReshapes(rhs, padded.take_back(2)))
          rhs = w;
      if (shapeOf(rhs).size() == 2) {
        auto transpose = rhs.getDefiningOp<TransposeOp>();
        if (transpose &&
            transpose.getPermutation() == ArrayRef<int64_t>({1, 0}))
          weight = transpose.getInput();
      }
      if (!weight && shapeOf(rhs).size() == 2 && isParameter(rhs))
        inOut = rhs;
      // A constant weight whose reshape to [1, K, Nout] was folded.
      ArrayRef<int64_t> r = shapeOf(rhs);
      if (!weight && !inOut && getConstant(rhs) && r.size() > 2 &&
          r.size() <= x.size() &&
          llvm::all_of(r.drop_back(2), [](int64_t d) { return d == 1; }))
        inOutConstant = getConstant(rhs);
    }
    if (!weight && !inOut && !inOutConstant)
      return rewriter.notifyMatchFailure(op, "not a projection x·Wᵀ or x·W");
    Shape shape(x.drop_back());
    shape.push_back(weight  ? shapeOf(weight)[0]
                    : inOut ? shapeOf(inOut)[1]
                            : inOutConstant.getType().getShape().back());
    if (ArrayRef<int64_t>(shape) != shapeOf(op))
      return rewriter.notifyMatchFailure(op, "batch dimensions broadcast");
    if (inOutConstant)
      inOut = createConstant(
          rewriter, op.getLoc(),
          inOutConstant.reshape(withShape(
              op.getRhs(), inOutConstant.getType().getShape().take_back(2))));
    if (inOut) {
      ArrayRef<int64_t> w = shapeOf(inOut);
      weight = TransposeOp::create(rewriter, op.getLoc(),
                                   withShape(inOut, {w[1], w[0]}), inOut,
                                   rewriter.getDenseI64ArrayAttr({1, 0}));
    }
    rewriter.replaceOpWithNewOp<LinearOp>(op, op.getType(), op.getLhs(), weight,
                                          /*bias=*/Value());
    return success();
  }
};

/// linear(reshape(x)) -> reshape(linear(x)) when the reshape keeps the
/// feature (last) dimension: the projection runs on x's own shape.
struct SinkReshapeThroughLinear : OpRewritePattern<LinearOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(LinearOp op,
                                PatternRewriter &rewriter) const override {
    auto reshape = op.getInput().getDefiningOp<ReshapeOp>();
    if (!reshape || !reshape->hasOneUse())
      return failure();
    Value x = reshape.getInput();
    ArrayRef<int64_t> from = shapeOf(x);
    if (from.empty() || from.back() != shapeOf(reshape).back())
      return failure();
    Shape shape(from.drop_back());
    shape.push_back(shapeOf(op).back());
    Value linear = LinearOp::create(rewriter, op.getLoc(), withShape(op, shape),
                                    x, op.getWeight(), op.getBias());
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), linear);
    return success();
  }
};

/// add(linear(x, W), b) -> linear(x, W, bias(b)) when b is a vector over the
/// output features (shape [1, ..., 1, Nout] or [Nout]); also through a
/// reshape of the linear's result that keeps the feature dimension.
struct FoldBiasIntoLinear : OpRewritePattern<AddOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(AddOp op,
                                PatternRewriter &rewriter) const override {
    for (auto [a, b] : {std::make_pair(op.getLhs(), op.getRhs()),
                        std::make_pair(op.getRhs(), op.getLhs())}) {
      auto reshape = a.getDefiningOp<ReshapeOp>();
      if (reshape && !reshape->hasOneUse())
        continue;
      Value projected = reshape ? reshape.getInput() : a;
      auto linear = projected.getDefiningOp<LinearOp>();
      if (!linear || linear.getBias() || !linear->hasOneUse() ||
          a.getType() != op.getType())
        continue;
      ArrayRef<int64_t> bs = shapeOf(b);
      int64_t features = shapeOf(linear).back();
      if (bs.empty() || bs.size() > shapeOf(a).size() ||
          bs.back() != features || shapeOf(a).back() != features ||
          llvm::any_of(bs.drop_back(), [](int64_t d) { return d != 1; }))
        continue;
      Location loc = op.getLoc();
      Value bias = b;
      if (auto r = b.getDefiningOp<ReshapeOp>();
          r && shapeOf(r.getInput()).size() == 1)
        bias = r.getInput();
      else if (DenseElementsAttr attr = getConstant(b); attr && bs.size() != 1)
        bias = createConstant(rewriter, loc,
                              attr.reshape(withShape(b, {features})));
      else if (bs.size() != 1)
        bias = ReshapeOp::create(rewriter, loc, withShape(b, {features}), b);
      Value biased =
          LinearOp::create(rewriter, loc, linear.getType(), linear.getInput(),
                           linear.getWeight(), bias);
      if (reshape)
        biased = ReshapeOp::create(rewriter, loc, op.getType(), biased);
      rewriter.replaceOp(op, biased);
      return success();
    }
    return failure();
  }
};

/// transpose(reshape(x: [B, N, H*D] -> [B, N, H, D]), [0, 2, 1, 3]) is
/// attn.split_heads(x): [B, H, N, D]. With [0, 2, 3, 1] it is the split
/// heads with the last two dimensions swapped, as a key reaches Q·Kᵀ once
/// its two transposes are composed (the order of rewrites decides that):
/// transpose(split_heads(x), [0, 1, 3, 2]), which the matmul then takes as
/// its transpose flag.
struct RaiseSplitHeads : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    auto reshape = op.getInput().getDefiningOp<ReshapeOp>();
    ArrayRef<int64_t> perm = op.getPermutation();
    bool swapped = perm == ArrayRef<int64_t>({0, 2, 3, 1});
    if (!reshape || !reshape->hasOneUse() ||
        (!swapped && perm != ArrayRef<int64_t>({0, 2, 1, 3})))
      return failure();
    ArrayRef<int64_t> x = shapeOf(reshape.getInput()), r = shapeOf(reshape);
    if (x.size() != 3 || r.size() != 4 || x[0] != r[0] || x[1] != r[1])
      return failure();
    if (!swapped) {
      rewriter.replaceOpWithNewOp<SplitHeadsOp>(op, op.getType(),
                                                reshape.getInput());
      return success();
    }
    Value heads = SplitHeadsOp::create(rewriter, op.getLoc(),
                                       withShape(op, {r[0], r[2], r[1], r[3]}),
                                       reshape.getInput());
    rewriter.replaceOpWithNewOp<TransposeOp>(
        op, op.getType(), heads, rewriter.getDenseI64ArrayAttr({0, 1, 3, 2}));
    return success();
  }
};

/// With one head, linear(transpose(o: [B, 1, N, D], [0, 2, 1, 3])) is the
/// projection of merge_heads(o) reshaped to [B, N, 1, D]: the head merge's
/// reshape to [B, N, D] keeps the last dimension, so it may have moved
/// below the output projection (SinkReshapeThroughLinear) before
/// RaiseMergeHeads saw it. (Only under a projection: the same transpose of
/// a one-row [B, 1, H, D] is a head split.)
struct RaiseSingleHeadMerge : OpRewritePattern<TransposeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(TransposeOp op,
                                PatternRewriter &rewriter) const override {
    ArrayRef<int64_t> o = shapeOf(op.getInput());
    if (o.size() != 4 || o[1] != 1 || !op->hasOneUse() ||
        !isa<LinearOp>(*op->user_begin()) ||
        op.getPermutation() != ArrayRef<int64_t>({0, 2, 1, 3}))
      return failure();
    Value heads =
        MergeHeadsOp::create(rewriter, op.getLoc(),
                             withShape(op, {o[0], o[2], o[3]}), op.getInput());
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), heads);
    return success();
  }
};

/// reshape(transpose(o: [B, H, N, D], [0, 2, 1, 3])) to [B, N, H*D], or to
/// any shape with rows of H*D, is (a reshape of) attn.merge_heads(o).
struct RaiseMergeHeads : OpRewritePattern<ReshapeOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ReshapeOp op,
                                PatternRewriter &rewriter) const override {
    auto transpose = op.getInput().getDefiningOp<TransposeOp>();
    if (!transpose || !transpose->hasOneUse() ||
        transpose.getPermutation() != ArrayRef<int64_t>({0, 2, 1, 3}))
      return failure();
    ArrayRef<int64_t> o = shapeOf(transpose.getInput()), r = shapeOf(op);
    if (r.empty() || r.back() != o[1] * o[3])
      return failure();
    Shape merged = {o[0], o[2], o[1] * o[3]};
    Value heads = MergeHeadsOp::create(
        rewriter, op.getLoc(), withShape(op, merged), transpose.getInput());
    if (heads.getType() == op.getType())
      rewriter.replaceOp(op, heads);
    else
      rewriter.replaceOpWithNewOp<ReshapeOp>(op, op.getType(), heads);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Transformer block: layer norm, GELU, slices of projections
//===----------------------------------------------------------------------===//

/// `v` as an elementwise view, counting the attn ops that raising may
/// already have made of parts of a chain (attn.scale is a product with a
/// scalar, attn.add a sum), so that a match does not depend on the order in
/// which the greedy driver visits the ops.
std::optional<Elementwise> matchArith(Value v) {
  if (auto scale = v.getDefiningOp<ScaleOp>())
    return Elementwise{Kind::Mul,
                       scale,
                       v,
                       {Operand::of(scale.getInput()),
                        Operand::ofScalar(scale.getFactor().convertToFloat())}};
  if (auto add = v.getDefiningOp<AddOp>())
    return Elementwise{Kind::Add,
                       add,
                       v,
                       {Operand::of(add.getLhs()), Operand::of(add.getRhs())}};
  return matchElementwise(v);
}

bool isReshape(Operation *op) {
  return isa_and_nonnull<tosa::ReshapeOp, tensor::ExpandShapeOp,
                         tensor::CollapseShapeOp, ReshapeOp>(op);
}

/// The one value that every element of `v` has: a splat constant, through
/// reshapes and reciprocals (torch-mlir's 1/E is reshape(reciprocal(E))).
std::optional<float> scalarOf(Value v) {
  for (int depth = 0; v && depth < 8; ++depth) {
    if (auto c = getSplatF32(v))
      return c;
    if (isReshape(v.getDefiningOp())) {
      v = v.getDefiningOp()->getOperand(0);
      continue;
    }
    auto ew = matchElementwise(v);
    if (!ew)
      return std::nullopt;
    std::optional<float> x;
    if (ew->kind == Kind::Recip)
      x = ew->operands[0].tensor ? scalarOf(ew->operands[0].tensor)
                                 : ew->operands[0].splat();
    else if (ew->kind == Kind::Div && ew->operands[0].splat() == 1.0f)
      x = ew->operands[1].tensor ? scalarOf(ew->operands[1].tensor)
                                 : ew->operands[1].splat();
    if (!x || *x == 0.0f)
      return std::nullopt;
    return 1.0f / *x;
  }
  return std::nullopt;
}

std::optional<float> scalarOf(const Operand &o) {
  return o.tensor ? scalarOf(o.tensor) : std::optional<float>(o.scalar);
}

/// Whether the f32 `value` is `expected` up to float rounding.
bool isClose(float value, double expected) {
  return std::abs(value - expected) <= 1e-6 * std::abs(expected);
}

/// x when `v` is the mean of x over its last dimension, kept as a size-1
/// dimension: sum(x) * c or sum(x) / E with c = 1/E. Null otherwise.
Value meanOverLast(Value v) {
  auto ew = matchArith(v);
  if (!ew || (ew->kind != Kind::Mul && ew->kind != Kind::Div))
    return nullptr;
  for (int i = 0; i < 2; ++i) {
    if (ew->kind == Kind::Div && i == 1)
      break;
    const Operand &sum = ew->operands[i], &c = ew->operands[1 - i];
    if (!sum.tensor || ArrayRef<int64_t>(sum.shape) != ew->shape())
      continue;
    auto r = matchReduction(sum.tensor);
    if (!r || r->kind != ReduceKind::Sum)
      continue;
    ArrayRef<int64_t> in = shapeOf(r->input);
    int64_t last = static_cast<int64_t>(in.size()) - 1;
    std::optional<float> factor = scalarOf(c);
    if (r->axis != last ||
        ew->shape() != ArrayRef<int64_t>(keepDims(in, last)) || !factor)
      continue;
    double perElement = ew->kind == Kind::Div ? 1.0 / *factor : *factor;
    if (isClose(static_cast<float>(perElement * in[last]), 1.0))
      return r->input;
  }
  return nullptr;
}

/// x when `c` (of full shape `shape`) is x - mean(x) over the last
/// dimension. Null otherwise.
Value centeredInput(const Operand &c, ArrayRef<int64_t> shape) {
  if (!isFullTensor(c, shape))
    return nullptr;
  auto sub = matchArith(c.tensor);
  if (!sub || sub->kind != Kind::Sub || !isFullTensor(sub->operands[0], shape))
    return nullptr;
  Value x = sub->operands[0].tensor;
  const Operand &mean = sub->operands[1];
  Shape kept = keepDims(shape, static_cast<int64_t>(shape.size()) - 1);
  if (!mean.tensor ||
      ArrayRef<int64_t>(mean.shape) != ArrayRef<int64_t>(kept) ||
      meanOverLast(mean.tensor) != x)
    return nullptr;
  return x;
}

/// The squared operand t and the shape of t² when `v` is the mean over its
/// last dimension of t·t or of t to the power 2.
std::optional<std::pair<Operand, Shape>> meanOfSquare(Value v) {
  Value square = meanOverLast(v);
  if (!square)
    return std::nullopt;
  auto ew = matchArith(square);
  if (!ew)
    return std::nullopt;
  bool squared = (ew->kind == Kind::Mul && ew->operands[0].tensor &&
                  ew->operands[0].tensor == ew->operands[1].tensor) ||
                 (ew->kind == Kind::Pow && scalarOf(ew->operands[1]) == 2.0f);
  if (!squared)
    return std::nullopt;
  return std::make_pair(ew->operands[0], Shape(shapeOf(square)));
}

/// x when `v` is the biased variance of x over its last dimension:
/// mean((x - mean(x))²).
Value varianceInput(Value v) {
  auto m = meanOfSquare(v);
  return m ? centeredInput(m->first, m->second) : nullptr;
}

/// t when `v` is the mean of t² over its last dimension: RMSNorm's
/// statistic. Null otherwise.
Value meanSquareInput(Value v) {
  auto m = meanOfSquare(v);
  if (!m || !isFullTensor(m->first, m->second))
    return nullptr;
  return m->first.tensor;
}

/// The normalized x, eps and whether it is RMSNorm, when `o` (of the
/// per-row shape `kept`) is rsqrt(var(x) + eps) (layer norm) or
/// rsqrt(mean(x²) + eps) (RMSNorm), eps a finite non-negative scalar.
struct Rstd {
  Value x;
  float eps;
  bool rms;
};
std::optional<Rstd> rstdOf(const Operand &o, ArrayRef<int64_t> kept) {
  if (!isFullTensor(o, kept))
    return std::nullopt;
  auto rsqrt = matchArith(o.tensor);
  if (!rsqrt || rsqrt->kind != Kind::Rsqrt ||
      !isFullTensor(rsqrt->operands[0], kept))
    return std::nullopt;
  auto add = matchArith(rsqrt->operands[0].tensor);
  if (!add || add->kind != Kind::Add)
    return std::nullopt;
  for (int i = 0; i < 2; ++i) {
    std::optional<float> eps = scalarOf(add->operands[1 - i]);
    if (!isFullTensor(add->operands[i], kept) || !eps || !std::isfinite(*eps) ||
        *eps < 0.0f)
      continue;
    if (Value x = varianceInput(add->operands[i].tensor))
      return Rstd{x, *eps, false};
    if (Value x = meanSquareInput(add->operands[i].tensor))
      return Rstd{x, *eps, true};
  }
  return std::nullopt;
}

/// LayerNorm over the last dimension as torch-mlir decomposes it
/// (native_layer_norm):
///   mean = reduce_sum(x, last) * (1/E)
///   var  = reduce_sum((x - mean)², last) * (1/E)
///   y    = (x - mean) * rsqrt(var + eps)
/// -> attn.layer_norm %x eps(eps). The centering may be computed once or
/// twice (torch-mlir recomputes it), each time from a mean of the same x.
/// RMSNorm likewise: y = x * rsqrt(mean(x²) + eps) -> attn.layer_norm %x
/// rms eps(eps). The weight and bias that follow are folded by
/// FoldLayerNormAffine.
struct RaiseLayerNorm : RewritePattern {
  RaiseLayerNorm(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<tosa::MulOp, linalg::GenericOp>(op))
      return failure();
    auto ew = matchElementwise(op);
    if (!ew || ew->kind != Kind::Mul || !isF32Tensor(ew->result) ||
        ew->shape().empty())
      return failure();
    ArrayRef<int64_t> shape = ew->shape();
    Shape kept = keepDims(shape, static_cast<int64_t>(shape.size()) - 1);
    for (int i = 0; i < 2; ++i) {
      auto rstd = rstdOf(ew->operands[1 - i], kept);
      if (!rstd)
        continue;
      const Operand &normed = ew->operands[i];
      Value x = rstd->rms
                    ? (isFullTensor(normed, shape) ? normed.tensor : Value())
                    : centeredInput(normed, shape);
      if (!x || rstd->x != x || x.getType() != ew->result.getType())
        continue;
      rewriter.replaceOpWithNewOp<LayerNormOp>(
          op, ew->result.getType(), x, /*weight=*/Value(), /*bias=*/Value(),
          rewriter.getF32FloatAttr(rstd->eps),
          rstd->rms ? rewriter.getUnitAttr() : UnitAttr());
      return success();
    }
    return rewriter.notifyMatchFailure(
        op, "not a layer norm's or RMSNorm's normalization");
  }
};

/// `o` as a [E] vector when it broadcasts along the last dimension only
/// ([E], [1, ..., 1, E]): the tensor it reshapes, a reshaped constant, or
/// an attn.reshape.
Value vectorOf(PatternRewriter &rewriter, Location loc, const Operand &o,
               int64_t features) {
  ArrayRef<int64_t> s = o.shape;
  if (!o.tensor || !isF32Tensor(o.tensor) || s.empty() ||
      s.back() != features ||
      llvm::any_of(s.drop_back(), [](int64_t d) { return d != 1; }))
    return nullptr;
  Value v = o.tensor;
  while (shapeOf(v).size() != 1 && isReshape(v.getDefiningOp()))
    v = v.getDefiningOp()->getOperand(0);
  if (shapeOf(v).size() == 1 && isF32Tensor(v))
    return v;
  RankedTensorType type = withShape(o.tensor, {features});
  if (DenseElementsAttr attr = getConstant(o.tensor))
    return createConstant(rewriter, loc, attr.reshape(type));
  return ReshapeOp::create(rewriter, loc, type, o.tensor);
}

/// layer_norm(x) * w -> layer_norm(x) weight(w) and
/// layer_norm(x) [weight(w)] + b -> layer_norm(x) [weight(w)] bias(b), for
/// w and b vectors over the normalized dimension, the layer norm used once.
struct FoldLayerNormAffine : RewritePattern {
  FoldLayerNormAffine(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<tosa::MulOp, tosa::AddOp, linalg::GenericOp, AddOp>(op))
      return failure();
    auto ew = matchArith(op->getResult(0));
    if (!ew || (ew->kind != Kind::Mul && ew->kind != Kind::Add))
      return failure();
    bool isWeight = ew->kind == Kind::Mul;
    for (int i = 0; i < 2; ++i) {
      const Operand &normed = ew->operands[i];
      auto ln = normed.tensor ? normed.tensor.getDefiningOp<LayerNormOp>()
                              : LayerNormOp();
      if (!ln || !ln->hasOneUse() || ln.getBias() ||
          (isWeight && ln.getWeight()) ||
          ln.getType() != ew->result.getType() || normed.needsReshape())
        continue;
      int64_t features = shapeOf(ln).back();
      Location loc = op->getLoc();
      Value vector = vectorOf(rewriter, loc, ew->operands[1 - i], features);
      if (!vector)
        continue;
      Value weight = isWeight ? vector : ln.getWeight();
      Value bias = isWeight ? Value() : vector;
      rewriter.replaceOpWithNewOp<LayerNormOp>(op, ln.getType(), ln.getInput(),
                                               weight, bias, ln.getEpsAttr(),
                                               ln.getRmsAttr());
      return success();
    }
    return rewriter.notifyMatchFailure(op, "not a layer norm's weight or bias");
  }
};

/// `v` without the constant factors around it: while v is a product with a
/// scalar (attn.scale, x * c, x / c) of the same shape, multiplies c into
/// `coefficient` and continues with x.
Value peelScalars(Value v, double &coefficient) {
  for (int depth = 0; depth < 8; ++depth) {
    auto ew = matchArith(v);
    if (!ew || (ew->kind != Kind::Mul && ew->kind != Kind::Div))
      return v;
    bool peeled = false;
    for (int i = 0; i < 2 && !peeled; ++i) {
      if (ew->kind == Kind::Div && i == 1)
        break;
      const Operand &x = ew->operands[i], &c = ew->operands[1 - i];
      std::optional<float> factor = scalarOf(c);
      if (!factor || !isFullTensor(x, ew->shape()) || *factor == 0.0f)
        continue;
      coefficient *= ew->kind == Kind::Div ? 1.0 / *factor : *factor;
      v = x.tensor;
      peeled = true;
    }
    if (!peeled)
      return v;
  }
  return v;
}

/// The two tensor factors of `v` = a * b (same shape, no broadcasting),
/// each with its scalars peeled into `coefficient`.
std::optional<std::pair<Value, Value>> productOf(Value v, double &coefficient) {
  v = peelScalars(v, coefficient);
  auto ew = matchArith(v);
  if (!ew || ew->kind != Kind::Mul ||
      !isFullTensor(ew->operands[0], ew->shape()) ||
      !isFullTensor(ew->operands[1], ew->shape()))
    return std::nullopt;
  return std::make_pair(peelScalars(ew->operands[0].tensor, coefficient),
                        peelScalars(ew->operands[1].tensor, coefficient));
}

/// Whether `v` is coefficient · x^power for a power of 2 or 3: tosa.pow /
/// math.powf with the exponent, or products of x (scalars peeled).
bool isPowerOf(Value v, Value x, int power, double &coefficient) {
  v = peelScalars(v, coefficient);
  if (power == 1)
    return v == x;
  auto ew = matchArith(v);
  if (!ew)
    return false;
  if (ew->kind == Kind::Pow)
    return isFullTensor(ew->operands[0], ew->shape()) &&
           ew->operands[0].tensor == x &&
           scalarOf(ew->operands[1]) == static_cast<float>(power);
  auto factors = productOf(v, coefficient);
  if (!factors)
    return false;
  for (int low = 1; low < power; ++low) {
    double c = 1.0;
    if (isPowerOf(factors->first, x, low, c) &&
        isPowerOf(factors->second, x, power - low, c)) {
      coefficient *= c;
      return true;
    }
  }
  return false;
}

/// The GELU form of `v` = 1 + f(x) with x: tanh(sqrt(2/π)·(x + 0.044715·x³))
/// for the tanh approximation, erf(x/√2) for the exact form.
std::optional<GeluApproximation> geluOnePlus(Value v, Value x) {
  auto add = matchArith(v);
  if (!add || add->kind != Kind::Add)
    return std::nullopt;
  for (int i = 0; i < 2; ++i) {
    const Operand &f = add->operands[i];
    std::optional<float> one = scalarOf(add->operands[1 - i]);
    if (!one || *one != 1.0f || !isFullTensor(f, add->shape()))
      continue;
    auto fn = matchArith(f.tensor);
    if (!fn || (fn->kind != Kind::Tanh && fn->kind != Kind::Erf) ||
        !isFullTensor(fn->operands[0], fn->shape()))
      continue;
    double k = 1.0;
    Value u = peelScalars(fn->operands[0].tensor, k);
    if (fn->kind == Kind::Erf) {
      if (u == x && isClose(static_cast<float>(k), 1.0 / std::sqrt(2.0)))
        return GeluApproximation::none;
      continue;
    }
    // tanh: u = x + 0.044715·x³, k = sqrt(2/π).
    auto sum = matchArith(u);
    if (!isClose(static_cast<float>(k), std::sqrt(2.0 / M_PI)) || !sum ||
        sum->kind != Kind::Add ||
        !isFullTensor(sum->operands[0], sum->shape()) ||
        !isFullTensor(sum->operands[1], sum->shape()))
      continue;
    for (int j = 0; j < 2; ++j) {
      double c = 1.0;
      if (sum->operands[j].tensor == x &&
          isPowerOf(sum->operands[1 - j].tensor, x, 3, c) &&
          isClose(static_cast<float>(c), 0.044715))
        return GeluApproximation::tanh;
    }
  }
  return std::nullopt;
}

/// GELU, decomposed: 0.5 · x · (1 + tanh(sqrt(2/π)·(x + 0.044715·x³)))
/// (GPT-2's gelu_new, x³ as pow(x, 3) or products) -> attn.gelu
/// approximate(tanh); 0.5 · x · (1 + erf(x/√2)) -> approximate(none). The
/// 0.5 may sit on x, on the sum or on the product, in any order.
struct RaiseGelu : RewritePattern {
  RaiseGelu(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<tosa::MulOp, linalg::GenericOp, ScaleOp>(op))
      return failure();
    Value result = op->getResult(0);
    if (!isF32Tensor(result))
      return failure();
    double half = 1.0;
    auto factors = productOf(result, half);
    if (!factors)
      return rewriter.notifyMatchFailure(op, "not a product");
    for (auto [x, v] :
         {*factors, std::make_pair(factors->second, factors->first)}) {
      auto kind = geluOnePlus(v, x);
      if (!kind || !isClose(static_cast<float>(half), 0.5) ||
          x.getType() != result.getType())
        continue;
      rewriter.replaceOpWithNewOp<GeluOp>(
          op, result.getType(), x,
          GeluApproximationAttr::get(op->getContext(), *kind));
      return success();
    }
    return rewriter.notifyMatchFailure(op, "not a GELU");
  }
};

/// The input and offsets of a static, unit-stride box: tosa.slice with a
/// constant start, tensor.extract_slice, or attn.slice.
std::optional<std::pair<Value, SmallVector<int64_t>>>
staticSliceOf(Operation *op) {
  SmallVector<int64_t> offsets;
  if (auto slice = dyn_cast_or_null<tosa::SliceOp>(op)) {
    auto start = slice.getStart().getDefiningOp<tosa::ConstShapeOp>();
    if (!start)
      return std::nullopt;
    for (const APInt &v : start.getValues().getValues<APInt>())
      offsets.push_back(v.getSExtValue());
    return std::make_pair(slice.getInput1(), offsets);
  }
  if (auto slice = dyn_cast_or_null<tensor::ExtractSliceOp>(op)) {
    if (!slice.hasUnitStride() ||
        ShapedType::isDynamicShape(slice.getStaticOffsets()))
      return std::nullopt;
    llvm::append_range(offsets, slice.getStaticOffsets());
    return std::make_pair(slice.getSource(), offsets);
  }
  if (auto slice = dyn_cast_or_null<SliceOp>(op)) {
    llvm::append_range(offsets, slice.getOffsets());
    return std::make_pair(slice.getInput(), offsets);
  }
  return std::nullopt;
}

/// tosa.slice and tensor.extract_slice (static, unit strides, no rank
/// change) -> attn.slice.
struct RaiseSlice : RewritePattern {
  RaiseSlice(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/1, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<tosa::SliceOp, tensor::ExtractSliceOp>(op))
      return failure();
    auto box = staticSliceOf(op);
    if (!box)
      return rewriter.notifyMatchFailure(op, "not a static unit-stride box");
    auto [input, offsets] = *box;
    Value result = op->getResult(0);
    auto type = supportedTensor(result.getType(), /*allowI1=*/true);
    if (!type || !supportedTensor(input.getType(), /*allowI1=*/true) ||
        shapeOf(input).size() != type.getShape().size() ||
        offsets.size() != type.getShape().size())
      return rewriter.notifyMatchFailure(op, "not an attn.slice");
    for (auto [offset, size, extent] :
         llvm::zip(offsets, type.getShape(), shapeOf(input)))
      if (offset < 0 || offset + size > extent)
        return rewriter.notifyMatchFailure(op, "the box leaves the input");
    rewriter.replaceOpWithNewOp<SliceOp>(
        op, type, input, rewriter.getDenseI64ArrayAttr(offsets));
    return success();
  }
};

/// The x of `v` = x[..., first : first + D/2] (the last dimension's half
/// starting at `first`, every other dimension whole), D = `depth`.
Value halfOf(Value v, int64_t first, int64_t depth) {
  auto box = staticSliceOf(v.getDefiningOp());
  if (!box)
    return {};
  auto [x, offsets] = *box;
  ArrayRef<int64_t> xs = shapeOf(x), vs = shapeOf(v);
  if (xs.size() != vs.size() || offsets.size() != xs.size() || xs.empty() ||
      xs.back() != depth || vs.back() != depth / 2 || offsets.back() != first)
    return {};
  for (size_t d = 0; d + 1 < xs.size(); ++d)
    if (offsets[d] != 0 || vs[d] != xs[d])
      return {};
  return x;
}

/// The two halves of `v` = concat(a, b) on its last axis: tosa.concat,
/// tensor.concat, or (--tosa-to-tensor) b inserted at D/2 into a inserted
/// at 0 into an empty tensor.
std::optional<std::pair<Value, Value>> halvesOf(Value v) {
  ArrayRef<int64_t> shape = shapeOf(v);
  int64_t axis = shape.size() - 1;
  SmallVector<Value, 2> parts;
  if (auto concat = v.getDefiningOp<tosa::ConcatOp>()) {
    if (concat.getAxis() != axis)
      return std::nullopt;
    llvm::append_range(parts, concat.getInput1());
  } else if (auto concat = v.getDefiningOp<tensor::ConcatOp>()) {
    if (static_cast<int64_t>(concat.getDim()) != axis)
      return std::nullopt;
    llvm::append_range(parts, concat.getInputs());
  } else {
    // Two inserts, the last half outermost, each a box [0, ..., first] of
    // a half's size, into an empty tensor.
    for (int64_t first : {shape.back() / 2, int64_t(0)}) {
      auto insert = v.getDefiningOp<tensor::InsertSliceOp>();
      if (!insert || !insert.hasUnitStride() ||
          shapeOf(insert.getSource()).size() != shape.size())
        return std::nullopt;
      ArrayRef<int64_t> offsets = insert.getStaticOffsets();
      for (size_t d = 0; d < shape.size(); ++d)
        if (offsets[d] != (d == static_cast<size_t>(axis) ? first : 0))
          return std::nullopt;
      parts.insert(parts.begin(), insert.getSource());
      v = insert.getDest();
    }
    if (!v.getDefiningOp<tensor::EmptyOp>())
      return std::nullopt;
  }
  if (parts.size() != 2)
    return std::nullopt;
  return std::make_pair(parts[0], parts[1]);
}

/// The x of `v` = -x: tosa.negate or arith.negf (the elementwise view), or
/// a product with -1.
Value negationOf(Value v) {
  auto ew = matchArith(v);
  if (ew && ew->kind == Kind::Neg && isFullTensor(ew->operands[0], ew->shape()))
    return ew->operands[0].tensor;
  double sign = 1.0;
  Value x = peelScalars(v, sign);
  return sign == -1.0 ? x : Value();
}

/// The x of `v` = rotate_half(x) = concat(-x[..., D/2:], x[..., :D/2]) on
/// the last axis.
Value rotateHalfOf(Value v) {
  ArrayRef<int64_t> shape = shapeOf(v);
  if (shape.empty() || shape.back() % 2 != 0)
    return {};
  int64_t depth = shape.back();
  auto halves = halvesOf(v);
  if (!halves)
    return {};
  Value upper = negationOf(halves->first);
  if (!upper)
    return {};
  Value x = halfOf(upper, depth / 2, depth);
  if (!x || halfOf(halves->second, 0, depth) != x || x.getType() != v.getType())
    return {};
  return x;
}

/// Rotary embedding, rotate-half form: x * cos + rotate_half(x) * sin, the
/// two products in either order, cos and sin broadcasting to x ->
/// attn.rope.
struct RaiseRope : RewritePattern {
  RaiseRope(MLIRContext *context)
      : RewritePattern(MatchAnyOpTypeTag(), /*benefit=*/2, context) {}

  LogicalResult matchAndRewrite(Operation *op,
                                PatternRewriter &rewriter) const override {
    if (!isa<tosa::AddOp, linalg::GenericOp, AddOp>(op))
      return failure();
    Value result = op->getResult(0);
    auto sum = matchArith(result);
    if (!isF32Tensor(result) || !sum || sum->kind != Kind::Add ||
        !isFullTensor(sum->operands[0], sum->shape()) ||
        !isFullTensor(sum->operands[1], sum->shape()))
      return failure();
    // The factors (x, t) of a term x * t, t broadcasting to x, with x the
    // first full-shape factor that `isX` accepts.
    auto factors = [&](Value v, function_ref<bool(Value)> isX)
        -> std::optional<std::pair<Value, Operand>> {
      auto product = matchArith(v);
      if (!product || product->kind != Kind::Mul)
        return std::nullopt;
      for (int i = 0; i < 2; ++i) {
        const Operand &x = product->operands[i], &t = product->operands[1 - i];
        if (isFullTensor(x, product->shape()) && t.tensor &&
            canMaterialize(t) && isX(x.tensor))
          return std::make_pair(x.tensor, t);
      }
      return std::nullopt;
    };
    for (int i = 0; i < 2; ++i) {
      auto rotated = factors(sum->operands[1 - i].tensor,
                             [](Value r) { return bool(rotateHalfOf(r)); });
      if (!rotated)
        continue;
      Value x = rotateHalfOf(rotated->first);
      auto plain =
          factors(sum->operands[i].tensor, [&](Value v) { return v == x; });
      const Operand &sin = rotated->second;
      if (!plain || x.getType() != result.getType() ||
          plain->second.shape != sin.shape)
        continue;
      Location loc = op->getLoc();
      Value c = materialize(rewriter, loc, plain->second);
      Value s = materialize(rewriter, loc, sin);
      rewriter.replaceOpWithNewOp<RopeOp>(op, result.getType(), x, c, s);
      return success();
    }
    return rewriter.notifyMatchFailure(op, "not a rotary embedding");
  }
};

/// Rows [offset, offset + count) of the weight [Nout, K] of a projection: a
/// transposed [K, Nout] weight (Conv1D) is sliced before the transpose, so
/// the code generator still reads it in place.
Value weightRows(PatternRewriter &rewriter, Location loc, Value weight,
                 int64_t offset, int64_t count) {
  ArrayRef<int64_t> w = shapeOf(weight);
  auto transpose = weight.getDefiningOp<TransposeOp>();
  if (transpose && transpose.getPermutation() == ArrayRef<int64_t>({1, 0})) {
    Value columns = SliceOp::create(
        rewriter, loc, withShape(weight, {w[1], count}), transpose.getInput(),
        rewriter.getDenseI64ArrayAttr({0, offset}));
    return TransposeOp::create(rewriter, loc, withShape(weight, {count, w[1]}),
                               columns, rewriter.getDenseI64ArrayAttr({1, 0}));
  }
  return SliceOp::create(rewriter, loc, withShape(weight, {count, w[1]}),
                         weight, rewriter.getDenseI64ArrayAttr({offset, 0}));
}

/// The output features [offset, offset + n) that `slice` takes from a
/// projection, when it keeps every other dimension whole.
std::optional<std::pair<int64_t, int64_t>> featureSlice(SliceOp slice) {
  ArrayRef<int64_t> in = shapeOf(slice.getInput()), out = shapeOf(slice);
  ArrayRef<int64_t> offsets = slice.getOffsets();
  for (size_t d = 0; d + 1 < in.size(); ++d)
    if (offsets[d] != 0 || out[d] != in[d])
      return std::nullopt;
  return std::make_pair(offsets.back(), out.back());
}

/// slice(linear(x, W, b), features [o, o + n)) -> linear(x, W[o:o+n],
/// b[o:o+n]) when every use of the projection is such a slice (GPT-2's
/// c_attn(x).split(E, dim=2)): each slice becomes its own projection, so
/// --attn-fuse sees separate q, k and v projections.
struct SliceProjection : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    auto linear = op.getInput().getDefiningOp<LinearOp>();
    if (!linear || !featureSlice(op))
      return rewriter.notifyMatchFailure(op, "not a slice of the features of "
                                             "a projection");
    for (Operation *user : linear->getUsers()) {
      auto other = dyn_cast<SliceOp>(user);
      if (!other || !featureSlice(other))
        return rewriter.notifyMatchFailure(op, "the projection has other uses");
    }
    auto [offset, count] = *featureSlice(op);
    Location loc = op.getLoc();
    Value weight = weightRows(rewriter, loc, linear.getWeight(), offset, count);
    Value bias;
    if (Value b = linear.getBias())
      bias = SliceOp::create(rewriter, loc, withShape(b, {count}), b,
                             rewriter.getDenseI64ArrayAttr({offset}));
    rewriter.replaceOpWithNewOp<LinearOp>(op, op.getType(), linear.getInput(),
                                          weight, bias);
    return success();
  }
};

/// timm's qkv(x).reshape(B, N, 3, H, D).permute(2, 0, 3, 1, 4).unbind(0):
/// a slice of a transpose of a reshape that splits x's last dimension
/// [..., F] -> [..., c0, ..., cm] is a slice of x's features when it keeps
/// the leading dimensions whole and takes a contiguous block of F (size 1
/// along the split dimensions before the block's, whole after it):
///   slice(transpose(reshape(x), perm))
///     -> reshape(transpose(reshape(slice(x, [o, o + n))), perm'))
/// The split dimensions sliced to size 1 before the block (the "3") are
/// dropped from the inner reshape, so the head split reappears as
/// transpose(reshape(x [B, N, H*D] -> [B, N, H, D]), [0, 2, 1, 3]), and a
/// projection's slice as SliceProjection's. Applied when every use of the
/// transpose is a slice and the reshape has no other use, so that the packed
/// tensor disappears once all slices are rewritten.
struct SliceOfSplitFeatures : OpRewritePattern<SliceOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(SliceOp op,
                                PatternRewriter &rewriter) const override {
    auto transpose = op.getInput().getDefiningOp<TransposeOp>();
    auto reshape =
        transpose ? transpose.getInput().getDefiningOp<ReshapeOp>() : nullptr;
    if (!reshape || !reshape->hasOneUse() || !isF32Tensor(op.getResult()) ||
        !llvm::all_of(transpose->getUsers(),
                      [](Operation *user) { return isa<SliceOp>(user); }))
      return rewriter.notifyMatchFailure(op, "not a slice of a transposed "
                                             "reshape");
    Value x = reshape.getInput();
    ArrayRef<int64_t> from = shapeOf(x), r = shapeOf(reshape);
    size_t lead = from.size() - 1, rank = r.size();
    if (from.empty() || rank <= lead || r.take_front(lead) != from.drop_back())
      return rewriter.notifyMatchFailure(op, "the reshape does not split the "
                                             "last dimension");
    // The box in the reshape's dimensions.
    ArrayRef<int64_t> perm = transpose.getPermutation();
    Shape offset(rank), size(rank);
    for (size_t i = 0; i < rank; ++i) {
      offset[perm[i]] = op.getOffsets()[i];
      size[perm[i]] = shapeOf(op)[i];
    }
    auto whole = [&](size_t d) { return offset[d] == 0 && size[d] == r[d]; };
    for (size_t d = 0; d < lead; ++d)
      if (!whole(d))
        return rewriter.notifyMatchFailure(op, "a leading dimension is cut");
    size_t block = lead;
    for (size_t d = lead; d < rank; ++d)
      if (!whole(d))
        block = d;
    int64_t start = 0, stride = 1;
    for (size_t d = rank; d-- > lead;) {
      if (d < block && size[d] != 1)
        return rewriter.notifyMatchFailure(op, "not a contiguous block");
      start += offset[d] * stride;
      stride *= r[d];
    }
    int64_t count = size[block];
    for (size_t d = block + 1; d < rank; ++d)
      count *= r[d];

    // Drop the split dimensions of size 1 up to the block's.
    Shape kept(from.drop_back()), index(rank, -1);
    for (size_t d = 0; d < rank; ++d) {
      if (d >= lead && d <= block && size[d] == 1)
        continue;
      if (d >= lead)
        kept.push_back(size[d]);
      index[d] = static_cast<int64_t>(d < lead ? d : kept.size() - 1);
    }
    SmallVector<int64_t> keptPerm;
    Shape transposed;
    for (int64_t p : perm)
      if (index[p] >= 0) {
        keptPerm.push_back(index[p]);
        transposed.push_back(kept[index[p]]);
      }

    Location loc = op.getLoc();
    Shape sliced(from.drop_back());
    sliced.push_back(count);
    SmallVector<int64_t> offsets(lead, 0);
    offsets.push_back(start);
    Value v = SliceOp::create(rewriter, loc, withShape(x, sliced), x,
                              rewriter.getDenseI64ArrayAttr(offsets));
    // [B, N, H*D] -> [B, N, H, D] -> [B, H, N, D] is built as the head split
    // itself: a transpose would fold into the key's transpose first.
    if (sliced.size() == 3 && kept.size() == 4 &&
        ArrayRef<int64_t>(keptPerm) == ArrayRef<int64_t>({0, 2, 1, 3})) {
      v = SplitHeadsOp::create(rewriter, loc, withShape(x, transposed), v);
    } else {
      if (ArrayRef<int64_t>(kept) != ArrayRef<int64_t>(sliced))
        v = ReshapeOp::create(rewriter, loc, withShape(x, kept), v);
      if (!llvm::equal(keptPerm, llvm::seq<int64_t>(0, keptPerm.size())))
        v = TransposeOp::create(rewriter, loc, withShape(x, transposed), v,
                                rewriter.getDenseI64ArrayAttr(keptPerm));
    }
    if (v.getType() != op.getType())
      v = ReshapeOp::create(rewriter, loc, op.getType(), v);
    rewriter.replaceOp(op, v);
    return success();
  }
};

struct AttnRaise : mlir::attn::impl::AttnRaisePassBase<AttnRaise> {
  void runOnOperation() override {
    MLIRContext *context = &getContext();
    RewritePatternSet patterns(context);
    patterns.add<RaiseElementwise, RaiseMatmul, RaiseLinalgSoftmax,
                 RaiseTranspose, RaiseReshape, RaiseTile, RaiseConst>(context);
    patterns.add<ComposeReshapes, UnflattenMatmulBatch, SinkReshapeThroughScale,
                 SinkReshapeThroughSoftmax, SinkReshapeThroughBias<AddOp>,
                 SinkReshapeThroughBias<MaskOp>, DropMatmulBroadcast,
                 RaiseLinear, SinkReshapeThroughLinear, FoldBiasIntoLinear,
                 RaiseSplitHeads, RaiseMergeHeads, RaiseSingleHeadMerge>(
        context);
    patterns.add<RaiseLayerNorm, FoldLayerNormAffine, RaiseGelu, RaiseRope,
                 RaiseSlice, SliceProjection, SliceOfSplitFeatures>(context);
    // Transposes of the last two dimensions become matmul flags, so that a
    // transposed key reaches DropMatmulBroadcast as the operand itself.
    MatmulOp::getCanonicalizationPatterns(patterns, context);
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
