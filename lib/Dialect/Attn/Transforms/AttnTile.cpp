//===- AttnTile.cpp - tile sizes for attention ----------------------------===//

#include "attn/Dialect/Attn/Transforms/Passes.h"

namespace mlir::attn {
#define GEN_PASS_DEF_ATTNTILEPASS
#include "Attn/Passes.h.inc"
} // namespace mlir::attn

using namespace mlir;
using namespace mlir::attn;

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
                    ArrayRef<int64_t> keyShape, BlockLayoutAttr layout = {}) {
      if (op.getTilingAttr() && !overridden)
        return;
      TilingAttr chosen =
          op.getTilingAttr()
              ? op.getTilingAttr()
              : chooseTiling(&getContext(), queryShape, keyShape, layout);
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
             attention.getBlockLayoutAttr());
      else if (auto multiHead = dyn_cast<MultiHeadAttentionOp>(op))
        tile(multiHead, multiHead.getQueryHeadsShape(),
             multiHead.getKeyHeadsShape());
    });
  }
};

} // namespace
