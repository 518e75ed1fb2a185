//===- AttnOps.h - attn dialect operations ----------------------*- C++ -*-===//

#ifndef ATTN_DIALECT_ATTN_ATTNOPS_H
#define ATTN_DIALECT_ATTN_ATTNOPS_H

#include "attn/Dialect/Attn/AttnDialect.h"
#include "attn/Semantics.h"
#include "mlir/Bytecode/BytecodeOpInterface.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/OpDefinition.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

#include "Attn/AttnEnums.h.inc"

#define GET_ATTRDEF_CLASSES
#include "Attn/AttnAttrs.h.inc"

#define GET_OP_CLASSES
#include "Attn/AttnOps.h.inc"

#include <optional>
#include <vector>

namespace mlir::attn {

/// Broadcasts `a` and `b` as numpy does; fails when a dimension pair differs
/// and neither is 1.
FailureOr<SmallVector<int64_t>> broadcastShapes(ArrayRef<int64_t> a,
                                                ArrayRef<int64_t> b);

/// The tiling --attn-tile picks for attention on these shapes: query tiles
/// of 64 rows; the whole key range as one block (two-pass) up to 256 keys,
/// online blocks of 256 beyond; KV splits when there are fewer than 16
/// parallel tasks (decode). With a block layout, tiles that divide its cells
/// (when such tiles of at least 16 rows / keys exist), so that no tile
/// straddles a kept and a dropped cell.
TilingAttr chooseTiling(MLIRContext *context, ArrayRef<int64_t> queryShape,
                        ArrayRef<int64_t> keyShape,
                        BlockLayoutAttr layout = {});

/// Which elements of a constant mask keep their pair (row-major, one byte
/// each): an i1 mask's true values, an f32 mask's values above the masked
/// threshold. With `structureOnly`, an f32 mask must hold only 0 and -inf
/// (values that change scores are no structure): nullopt otherwise, and for
/// element types other than i1 and f32.
std::optional<std::vector<uint8_t>>
constantMaskKeep(DenseElementsAttr mask, bool structureOnly = false);

/// The values at or below this count as -inf in masks and softmax.
constexpr float kMaskedThreshold = kAttnMaskedThreshold;

} // namespace mlir::attn

#endif // ATTN_DIALECT_ATTN_ATTNOPS_H
