//===- AttnDecomposeLuong.cpp - global Luong attention to attn.attention --===//

#include "attn/Dialect/Attn/Transforms/Passes.h"

#include "mlir/IR/Builders.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNDECOMPOSELUONGPASS
#include "Attn/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

/// [B, S, D] -> [B, 1, S, D] (or back): attention over one head.
Value reshapeTo(OpBuilder &builder, Location loc, Value v,
                ArrayRef<int64_t> shape) {
  auto type = RankedTensorType::get(
      shape, cast<RankedTensorType>(v.getType()).getElementType());
  return ReshapeOp::create(builder, loc, type, v);
}

Value addHeadDim(OpBuilder &builder, Location loc, Value v) {
  ArrayRef<int64_t> shape = cast<RankedTensorType>(v.getType()).getShape();
  return reshapeTo(builder, loc, v, {shape[0], 1, shape[1], shape[2]});
}

struct AttnDecomposeLuong
    : mlir::attn::impl::AttnDecomposeLuongPassBase<AttnDecomposeLuong> {
  void runOnOperation() override {
    SmallVector<LuongAttentionOp> ops;
    getOperation().walk([&](LuongAttentionOp op) {
      if (op.isGlobalDotProduct())
        ops.push_back(op);
    });
    for (LuongAttentionOp op : ops)
      rewrite(op);
  }

  void rewrite(LuongAttentionOp op) {
    OpBuilder builder(op);
    Location loc = op.getLoc();
    Value query = op.getQuery();
    if (op.getScore() == LuongScore::general) {
      // q' = q·W: [B, N, Dq] x [Dq, Dk] -> [B, N, Dk].
      Value weight = op.getScoreWeights()[0];
      ArrayRef<int64_t> q = cast<RankedTensorType>(query.getType()).getShape();
      int64_t dk = cast<RankedTensorType>(weight.getType()).getShape()[1];
      auto type = RankedTensorType::get({q[0], q[1], dk}, builder.getF32Type());
      query = MatmulOp::create(builder, loc, type, query, weight);
    }
    Value q4 = addHeadDim(builder, loc, query);
    Value k4 = addHeadDim(builder, loc, op.getKey());
    Value v4 = addHeadDim(builder, loc, op.getValue());
    // [B, N, M] -> [B, 1, N, M]; a mask of rank <= 2 broadcasts as it is.
    Value mask = op.getMask();
    if (mask && cast<RankedTensorType>(mask.getType()).getRank() == 3)
      mask = addHeadDim(builder, loc, mask);
    ArrayRef<int64_t> out =
        cast<RankedTensorType>(op.getResult().getType()).getShape();
    auto type4 = RankedTensorType::get({out[0], 1, out[1], out[2]},
                                       builder.getF32Type());
    auto attention = AttentionOp::create(builder, loc, type4, q4, k4, v4, mask,
                                         builder.getF32FloatAttr(1.0f));
    op.replaceAllUsesWith(reshapeTo(builder, loc, attention, out));
    op.erase();
  }
};

} // namespace
