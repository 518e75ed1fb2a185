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
    // `choose` gives the default tiling; an existing one is kept, and the
    // options override any of its three values.
    auto tile = [&](auto op, auto choose) {
      if (op.getTilingAttr() && !overridden)
        return;
      TilingAttr chosen = op.getTilingAttr() ? op.getTilingAttr() : choose();
      op.setTilingAttr(TilingAttr::get(
          &getContext(), queryTile ? queryTile : chosen.getQueryTile(),
          kvTile ? kvTile : chosen.getKvTile(),
          kvSplits ? kvSplits : chosen.getKvSplits()));
    };
    auto shapeOf = [](Value v) {
      return cast<RankedTensorType>(v.getType()).getShape();
    };
    getOperation().walk([&](Operation *op) {
      if (auto attention = dyn_cast<AttentionOp>(op))
        tile(attention, [&] {
          ArrayRef<int64_t> q = shapeOf(attention.getQuery()),
                            k = shapeOf(attention.getKey());
          if (!gpu)
            return chooseTiling(&getContext(), q, k,
                                attention.getBlockLayoutAttr());
          GpuAttentionSchedule schedule = chooseGpuAttentionSchedule(
              q[0], q[1], q[2], q[3], k[2], shapeOf(attention.getValue())[3]);
          return TilingAttr::get(&getContext(), schedule.queryTile,
                                 schedule.kvTile, schedule.kvSplits);
        });
      else if (auto multiHead = dyn_cast<MultiHeadAttentionOp>(op))
        tile(multiHead, [&] {
          return chooseTiling(&getContext(), multiHead.getQueryHeadsShape(),
                              multiHead.getKeyHeadsShape());
        });
    });
  }
};

} // namespace
