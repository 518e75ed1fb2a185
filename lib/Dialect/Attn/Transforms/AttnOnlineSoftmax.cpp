//===- AttnOnlineSoftmax.cpp - attention to its online form ---------------===//

#include "attn/Dialect/Attn/Transforms/Passes.h"

#include "mlir/IR/Builders.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNONLINESOFTMAXPASS
#include "Attn/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

namespace {

struct AttnOnlineSoftmax
    : mlir::attn::impl::AttnOnlineSoftmaxPassBase<AttnOnlineSoftmax> {
  void runOnOperation() override {
    SmallVector<AttentionOp> ops;
    getOperation().walk([&](AttentionOp op) { ops.push_back(op); });
    for (AttentionOp op : ops)
      rewrite(op);
  }

  void rewrite(AttentionOp op) {
    auto queryType = cast<RankedTensorType>(op.getQuery().getType());
    auto resultType = cast<RankedTensorType>(op.getResult().getType());
    int64_t keys = cast<RankedTensorType>(op.getKey().getType()).getShape()[2];
    TilingAttr tiling = op.getTilingAttr();
    if (!tiling)
      tiling =
          chooseTiling(&getContext(), queryType.getShape(),
                       cast<RankedTensorType>(op.getKey().getType()).getShape(),
                       op.getBlockLayoutAttr());
    if (tiling.getKvTile() >= keys && tiling.getKvSplits() == 1) {
      op.setTilingAttr(tiling); // the two-pass form
      return;
    }

    OpBuilder builder(op);
    SmallVector<int64_t> rows = {tiling.getKvSplits()};
    llvm::append_range(rows, queryType.getShape().drop_back());
    SmallVector<int64_t> acc(rows);
    acc.push_back(resultType.getShape()[3]);
    Type f32 = builder.getF32Type();
    auto online = OnlineAttentionOp::create(
        builder, op.getLoc(), RankedTensorType::get(acc, f32),
        RankedTensorType::get(rows, f32), RankedTensorType::get(rows, f32),
        op.getQuery(), op.getKey(), op.getValue(), op.getMask(),
        op.getQuerySegments(), op.getKeySegments(),
        builder.getF32FloatAttr(op.getEffectiveScale()), tiling,
        op.getCausalAttr(), op.getWindowAttr(), op.getChunkAttr(),
        op.getPrefixAttr(), op.getBlockLayoutAttr(), op.getAlibiAttr(),
        op.getSoftcapAttr(), op.getMaskFillAttr());
    // Discardable attributes (the block classification) stay with the op.
    for (NamedAttribute attr : op->getDiscardableAttrs())
      online->setAttr(attr.getName(), attr.getValue());
    auto finalize = OnlineFinalizeOp::create(builder, op.getLoc(), resultType,
                                             online.getAcc(), online.getMax(),
                                             online.getSum());
    op.replaceAllUsesWith(finalize.getResult());
    op.erase();
  }
};

} // namespace
