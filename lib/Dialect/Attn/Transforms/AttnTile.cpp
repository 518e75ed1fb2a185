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
    getOperation().walk([&](AttentionOp op) {
      if (op.getTilingAttr() && !overridden)
        return;
      auto queryShape =
          cast<RankedTensorType>(op.getQuery().getType()).getShape();
      auto keyShape = cast<RankedTensorType>(op.getKey().getType()).getShape();
      TilingAttr chosen =
          op.getTilingAttr()
              ? op.getTilingAttr()
              : chooseTiling(&getContext(), queryShape, keyShape);
      op.setTilingAttr(TilingAttr::get(
          &getContext(), queryTile ? queryTile : chosen.getQueryTile(),
          kvTile ? kvTile : chosen.getKvTile(),
          kvSplits ? kvSplits : chosen.getKvSplits()));
    });
  }
};

} // namespace
