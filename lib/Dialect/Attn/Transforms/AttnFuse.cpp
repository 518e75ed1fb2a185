//===- AttnFuse.cpp - graph-op attention chains to attn.attention ---------===//

#include "attn/Dialect/Attn/Transforms/Passes.h"

#include "mlir/IR/Matchers.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <cmath>

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNFUSEPASS
#include "Attn/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

ArrayRef<int64_t> shapeOf(Value v) {
  return cast<RankedTensorType>(v.getType()).getShape();
}

/// Swaps the last two dimensions of a rank-4 tensor with attn.transpose.
Value transposeLastTwo(PatternRewriter &rewriter, Location loc, Value v) {
  SmallVector<int64_t> shape(shapeOf(v));
  std::swap(shape[shape.size() - 2], shape[shape.size() - 1]);
  SmallVector<int64_t> permutation = {0, 1, 2, 3};
  permutation.resize(shape.size());
  std::swap(permutation[shape.size() - 2], permutation[shape.size() - 1]);
  auto type = RankedTensorType::get(
      shape, cast<RankedTensorType>(v.getType()).getElementType());
  return TransposeOp::create(rewriter, loc, type, v,
                             rewriter.getDenseI64ArrayAttr(permutation));
}

/// [G, S, D] -> [1, G, S, D]: a rank-3 chain is attention over G heads.
Value addBatchDim(PatternRewriter &rewriter, Location loc, Value v) {
  SmallVector<int64_t> shape = {1};
  llvm::append_range(shape, shapeOf(v));
  auto type = RankedTensorType::get(
      shape, cast<RankedTensorType>(v.getType()).getElementType());
  return ReshapeOp::create(rewriter, loc, type, v);
}

/// Looks through single-use constant scales of a matmul operand, multiplying
/// their factors into `scale`.
Value stripScales(Value v, float &scale) {
  while (auto op = v.getDefiningOp<ScaleOp>()) {
    if (!v.hasOneUse())
      break;
    scale *= op.getFactor().convertToFloat();
    v = op.getInput();
  }
  return v;
}

/// Anchored on the P·V matmul; walks back through softmax, masks and scales
/// to the QKᵀ matmul.
struct FuseAttentionChain : OpRewritePattern<MatmulOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(MatmulOp pv,
                                PatternRewriter &rewriter) const override {
    auto softmax = pv.getLhs().getDefiningOp<SoftmaxOp>();
    if (!softmax || pv.getTransposeLhs() || !softmax->hasOneUse())
      return rewriter.notifyMatchFailure(pv, "lhs is not a single-use softmax");
    int64_t rank = shapeOf(softmax).size();
    if ((rank != 3 && rank != 4) || softmax.getNormalizedAxis() != rank - 1)
      return rewriter.notifyMatchFailure(pv, "softmax is not over the keys");

    // Walking backwards, `scale` is the product of the scales seen so far,
    // i.e. of those applied after the current op.
    float scale = 1.0f;
    Value mask;
    float maskScale = 1.0f;
    // A boolean mask's finite fill, times the scales after it.
    std::optional<float> fill;
    Value scores = softmax.getInput();
    MatmulOp qk;
    while (!qk) {
      Operation *def = scores.getDefiningOp();
      if (!def || !scores.hasOneUse())
        return rewriter.notifyMatchFailure(pv, "scores are used elsewhere");
      if (auto s = dyn_cast<ScaleOp>(def)) {
        scale *= s.getFactor().convertToFloat();
        scores = s.getInput();
      } else if (auto m = dyn_cast<MaskOp>(def)) {
        bool isBool = cast<RankedTensorType>(m.getMask().getType())
                          .getElementType()
                          .isSignlessInteger(1);
        // A masked -inf stays -inf only under positive scales.
        if (mask || (isBool && !m.getFill() && scale <= 0.0f))
          return rewriter.notifyMatchFailure(pv, "unsupported mask chain");
        if (FloatAttr f = m.getFillAttr()) {
          float scaled = f.getValueAsDouble() * scale;
          if (std::isnan(scaled) || scaled == INFINITY)
            return rewriter.notifyMatchFailure(pv, "fill scaled past float");
          // At or below -1e30 a score counts as -inf: a plain mask.
          if (scaled > -1e30f)
            fill = scaled;
        }
        mask = m.getMask();
        maskScale = isBool ? 1.0f : scale;
        scores = m.getInput();
      } else if (auto a = dyn_cast<AddOp>(def)) {
        // The operand with the full score shape continues the chain; the
        // other is an additive mask.
        Value lhs = a.getLhs(), rhs = a.getRhs();
        bool lhsIsScores =
            shapeOf(lhs) == shapeOf(a.getResult()) && !isa<BlockArgument>(lhs);
        if (!lhsIsScores)
          std::swap(lhs, rhs);
        if (mask || shapeOf(lhs) != shapeOf(a.getResult()))
          return rewriter.notifyMatchFailure(pv, "unsupported additive mask");
        mask = rhs;
        maskScale = scale;
        scores = lhs;
      } else if (auto m = dyn_cast<MatmulOp>(def)) {
        qk = m;
      } else {
        return rewriter.notifyMatchFailure(pv, "scores are not from a matmul");
      }
    }
    if (qk.getTransposeLhs())
      return rewriter.notifyMatchFailure(pv, "query is transposed");

    Value query = stripScales(qk.getLhs(), scale);
    Value key = stripScales(qk.getRhs(), scale);
    Value value = pv.getRhs();
    if (static_cast<int64_t>(shapeOf(query).size()) != rank ||
        static_cast<int64_t>(shapeOf(key).size()) != rank ||
        static_cast<int64_t>(shapeOf(value).size()) != rank)
      return rewriter.notifyMatchFailure(pv, "operands differ in rank");
    // Rank 3 is [heads, seq, dim]; rank 4 is [batch, heads, seq, dim].
    ArrayRef<int64_t> q = shapeOf(query), k = shapeOf(key), v = shapeOf(value);
    int64_t h = rank - 3;
    if ((rank == 4 && (k[0] != q[0] || v[0] != q[0])) || k[h] != v[h] ||
        q[h] % k[h] != 0)
      return rewriter.notifyMatchFailure(pv, "batch or head counts differ");

    Location loc = pv.getLoc();
    if (!qk.getTransposeRhs())
      key = transposeLastTwo(rewriter, loc, key);
    if (pv.getTransposeRhs())
      value = transposeLastTwo(rewriter, loc, value);
    if (mask && maskScale != 1.0f)
      mask = ScaleOp::create(rewriter, loc, mask.getType(), mask,
                             rewriter.getF32FloatAttr(maskScale));
    Type resultType = pv.getResult().getType();
    if (rank == 3) {
      query = addBatchDim(rewriter, loc, query);
      key = addBatchDim(rewriter, loc, key);
      value = addBatchDim(rewriter, loc, value);
      SmallVector<int64_t> shape = {1};
      llvm::append_range(shape, shapeOf(pv.getResult()));
      resultType = RankedTensorType::get(shape, rewriter.getF32Type());
    }
    auto fused =
        AttentionOp::create(rewriter, loc, resultType, query, key, value, mask,
                            rewriter.getF32FloatAttr(scale));
    if (fill)
      fused.setMaskFillAttr(rewriter.getF32FloatAttr(*fill));
    Value attention = fused;
    if (rank == 3)
      attention =
          ReshapeOp::create(rewriter, loc, pv.getResult().getType(), attention);
    rewriter.replaceOp(pv, attention);
    return success();
  }
};

/// The sizes of `shape` other than 1, with their positions.
SmallVector<std::pair<int64_t, size_t>> nonUnitDims(ArrayRef<int64_t> shape) {
  SmallVector<std::pair<int64_t, size_t>> dims;
  for (auto [i, d] : llvm::enumerate(shape))
    if (d != 1)
      dims.push_back({d, i});
  return dims;
}

/// If `v` repeats each head of a [B, Hkv, M, D] tensor G times in place
/// (repeat_interleave over heads: a reshape that inserts unit dims, an add
/// of zeros that broadcasts one of them to G, a reshape to
/// [B, Hkv·G, M, D]), returns the unrepeated tensor and G.
std::optional<std::pair<Value, int64_t>> matchRepeatedHeads(Value v) {
  auto merge = v.getDefiningOp<ReshapeOp>();
  if (!merge)
    return std::nullopt;
  auto add = merge.getInput().getDefiningOp<AddOp>();
  if (!add)
    return std::nullopt;
  for (auto [data, zeros] : {std::pair(add.getLhs(), add.getRhs()),
                             std::pair(add.getRhs(), add.getLhs())}) {
    DenseElementsAttr constant;
    auto split = data.getDefiningOp<ReshapeOp>();
    if (!split || !matchPattern(zeros, m_Constant(&constant)) ||
        !constant.isSplat() || !constant.getSplatValue<APFloat>().isZero())
      continue;
    Value heads = split.getInput();
    ArrayRef<int64_t> in = shapeOf(heads), expanded = shapeOf(split),
                      repeated = shapeOf(add);
    if (in.size() != 4 || expanded.size() != repeated.size())
      continue;
    // Exactly one unit dim of the expanded tensor is broadcast to G.
    std::optional<size_t> axis;
    bool ok = true;
    for (size_t i = 0; i < expanded.size(); ++i) {
      if (expanded[i] == repeated[i])
        continue;
      ok &= expanded[i] == 1 && !axis;
      axis = i;
    }
    if (!ok || !axis)
      continue;
    int64_t group = repeated[*axis];
    // The expanded tensor only inserts unit dims, and G sits between the
    // head dim and the sequence dim: head h = hk·G + g.
    auto source = nonUnitDims(in);
    auto inserted = nonUnitDims(expanded);
    if (source.size() != inserted.size())
      continue;
    for (auto [s, e] : llvm::zip(source, inserted))
      ok &= s.first == e.first && (e.second < *axis) == (s.second <= 1);
    SmallVector<int64_t> wantOut = {in[0], in[1] * group, in[2], in[3]};
    if (ok && shapeOf(merge) == ArrayRef<int64_t>(wantOut))
      return std::make_pair(heads, group);
  }
  return std::nullopt;
}

/// GQA written as repeated K and V heads: attention reads head h / G of the
/// unrepeated K and V itself, so the repeated copies are never made.
struct FoldRepeatedKVHeads : OpRewritePattern<AttentionOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(AttentionOp op,
                                PatternRewriter &rewriter) const override {
    auto key = matchRepeatedHeads(op.getKey());
    auto value = matchRepeatedHeads(op.getValue());
    if (!key || !value || key->second != value->second)
      return rewriter.notifyMatchFailure(op, "K and V are not repeated alike");
    rewriter.modifyOpInPlace(op, [&] {
      op.getKeyMutable().assign(key->first);
      op.getValueMutable().assign(value->first);
    });
    return success();
  }
};

/// The projection feeding one attention operand: split_heads(linear(x)),
/// both with that single use.
struct HeadProjection {
  LinearOp linear;
  SplitHeadsOp split;
};

std::optional<HeadProjection> matchHeadProjection(Value operand) {
  auto split = operand.getDefiningOp<SplitHeadsOp>();
  if (!split || !operand.hasOneUse())
    return std::nullopt;
  auto linear = split.getInput().getDefiningOp<LinearOp>();
  if (!linear || !split.getInput().hasOneUse())
    return std::nullopt;
  return HeadProjection{linear, split};
}

/// Anchored on the output projection: linear(merge_heads(attention(
/// split_heads(linear(.)) x 3))) becomes one attn.multi_head_attention.
struct FormMultiHeadAttention : OpRewritePattern<LinearOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(LinearOp out,
                                PatternRewriter &rewriter) const override {
    auto merge = out.getInput().getDefiningOp<MergeHeadsOp>();
    if (!merge || !out.getInput().hasOneUse())
      return rewriter.notifyMatchFailure(out, "input is not merged heads");
    auto attention = merge.getInput().getDefiningOp<AttentionOp>();
    if (!attention || !merge.getInput().hasOneUse())
      return rewriter.notifyMatchFailure(out, "heads are not one attention");
    // Its clauses are the mask, causal and mask_fill: the others would be
    // lost.
    if (attention.getWindowAttr() || attention.getChunkAttr() ||
        attention.getPrefixAttr() || attention.getBlockLayoutAttr() ||
        attention.getAlibiAttr() || attention.getSoftcapAttr() ||
        attention.getQuerySegments())
      return rewriter.notifyMatchFailure(
          out, "attn.multi_head_attention has no window, chunk, prefix, block "
               "layout, ALiBi, softcap or segments");
    auto q = matchHeadProjection(attention.getQuery());
    auto k = matchHeadProjection(attention.getKey());
    auto v = matchHeadProjection(attention.getValue());
    if (!q || !k || !v)
      return rewriter.notifyMatchFailure(
          out, "Q, K and V are not single-use projections split into heads");
    // The op's operands are [B, S, E] inputs with 2-D weights.
    for (LinearOp linear : {q->linear, k->linear, v->linear, out})
      if (shapeOf(linear.getInput()).size() != 3)
        return rewriter.notifyMatchFailure(out, "projection input not rank 3");
    int64_t heads = shapeOf(attention.getQuery())[1];
    int64_t kvHeads = shapeOf(attention.getKey())[1];
    auto op = MultiHeadAttentionOp::create(
        rewriter, out.getLoc(), out.getType(), q->linear.getInput(),
        k->linear.getInput(), v->linear.getInput(), q->linear.getWeight(),
        q->linear.getBias(), k->linear.getWeight(), k->linear.getBias(),
        v->linear.getWeight(), v->linear.getBias(), out.getWeight(),
        out.getBias(), attention.getMask(), rewriter.getI64IntegerAttr(heads),
        kvHeads == heads ? IntegerAttr() : rewriter.getI64IntegerAttr(kvHeads),
        attention.getScaleAttr(), attention.getCausalAttr(),
        attention.getMaskFillAttr(), attention.getTilingAttr());
    rewriter.replaceOp(out, op.getResult());
    return success();
  }
};

struct AttnFuse : mlir::attn::impl::AttnFusePassBase<AttnFuse> {
  using AttnFusePassBase::AttnFusePassBase;

  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<FuseAttentionChain, FoldRepeatedKVHeads>(&getContext());
    if (multiHead)
      patterns.add<FormMultiHeadAttention>(&getContext());
    // Transposes folded into matmul flags expose more chains.
    MatmulOp::getCanonicalizationPatterns(patterns, &getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace
