//===- AttnTile.cpp - tile sizes for attention ----------------------------===//

#include "attn/Dialect/Attn/Transforms/Passes.h"

#include "attn/GpuSchedule.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNTILEPASS
#include "Attn/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;
using ::attn::chooseGpuAttentionSchedule;
using ::attn::GpuAttentionSchedule;

namespace {

struct AttnTile : mlir::attn::impl::AttnTilePassBase<AttnTile> {
  using AttnTilePassBase::AttnTilePassBase;

  void runOnOperation() override {
    if (queryTile < 0 || kvTile < 0 || kvSplits < 0) {
      getOperation().emitError("attn-tile options must not be negative");
      return signalPassFailure();
    }
    bool overridden = queryTile || kvTile || kvSplits;
    auto tile = [&](auto op, ArrayRef<int64_t> queryShape,
                    ArrayRef<int64_t> keyShape, BlockLayoutAttr layout = {},
                    int64_t valueDim = 0) {
      if (op.getTilingAttr() && !overridden)
        return;
      TilingAttr chosen = op.getTilingAttr();
      if (!chosen && gpu && valueDim) {
        GpuAttentionSchedule schedule = chooseGpuAttentionSchedule(
            queryShape[0], queryShape[1], queryShape[2], queryShape[3],
            keyShape[2], valueDim);
        chosen = TilingAttr::get(&getContext(), schedule.queryTile,
                                 schedule.kvTile, schedule.kvSplits);
      }
      if (!chosen)
        chosen = chooseTiling(&getContext(), queryShape, keyShape, layout);
      op.setTilingAttr(TilingAttr::get(
          &getContext(), queryTile ? queryTile : chosen.getQueryTile(),
          kvTile ? kvTile : chosen.getKvTile(),
          kvSplits ? kvSplits : chosen.getKvSplits()));
    };
    getOperation().walk([&](Operation *op) {
      if (auto attention = dyn_cast<AttentionOp>(op))
        tile(attention,
             cast<RankedTensorType>(attention.getQuery().getType()).getShape(),
             cast<RankedTensorType>(attention.getKey().getType()).getShape(),
             attention.getBlockLayoutAttr(),
             cast<RankedTensorType>(attention.getValue().getType())
                 .getShape()[3]);
      else if (auto multiHead = dyn_cast<MultiHeadAttentionOp>(op))
        tile(multiHead, multiHead.getQueryHeadsShape(),
             multiHead.getKeyHeadsShape());
    });
  }
};

} // namespace
