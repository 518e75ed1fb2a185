//===- Lowering.h - attn functions to Halide pipelines ----------*- C++ -*-===//
//
// Private to lib/Target/Halide: the lowered form of one public function, and
// the writer that turns lowered functions into objects and libraries.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_TARGET_HALIDE_LOWERING_H
#define ATTN_LIB_TARGET_HALIDE_LOWERING_H

#include "attn/Target/Halide/Kernels.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"

#include <string>
#include <vector>

namespace mlir::attn {

/// Element types that cross the C ABI. The values are the runtime's
/// ATTN_DTYPE_* codes. F16 and BF16 cross as their raw 16 bits (uint16_t in
/// C); the kernels widen them to f32 at each load and round at the store.
enum class ElementKind { F32 = 0, I1 = 1, I32 = 2, F16 = 3, BF16 = 4 };

/// One argument or result of a generated entry point.
struct TensorSignature {
  std::string name;
  std::vector<int64_t> shape;
  ElementKind kind = ElementKind::F32;

  bool isBool() const { return kind == ElementKind::I1; }
  bool isNarrowFloat() const {
    return kind == ElementKind::F16 || kind == ElementKind::BF16;
  }
  /// The manifest's dtype: "f32", "f16", "bf16", "i1" or "i32".
  const char *dtypeName() const;
  /// The C element type of the dense-pointer entry point.
  const char *cElementType() const;
  /// The element type of the pipeline's buffer: UInt(16) raw bits for f16
  /// and bf16 (the entry point passes a retyped view of the caller's
  /// buffer).
  Halide::Type halideType() const;
  /// How the kernels widen and round the elements.
  ::attn::halide::Storage storage() const;
};

/// A pipeline the entry point runs before the function's own, making a
/// table the function's pipeline takes as an extra input (GPU attention
/// with segment ids or a run-time mask: the tile kinds of this call).
struct TablePass {
  std::string name;
  Halide::Pipeline pipeline;
  /// The function inputs the pass reads (`in_<name>` ImageParams), in the
  /// order of the function's arguments; their indices in `inputs`.
  std::vector<Halide::Argument> halideArgs;
  std::vector<size_t> inputIndices;
  /// The table: uint8, row-major extents.
  std::vector<int64_t> shape;

  std::string symbol() const { return "attn_table_" + name; }
};

struct LoweredFunction {
  std::string name;
  Halide::Pipeline pipeline;
  /// The pipeline's inputs: the function's arguments, then one table per
  /// entry of `tables` (the outputs follow in the compiled signature).
  std::vector<Halide::Argument> halideArgs;
  std::vector<TensorSignature> inputs, outputs;
  std::vector<TablePass> tables;
  /// JSON objects describing the schedule of each fused op, and of each
  /// product (matmul, linear, the projections of multi-head attention).
  std::vector<std::string> schedules, productSchedules;

  std::string pipelineSymbol() const { return "attn_pipeline_" + name; }
};

/// Builds the Halide pipeline of `func`; emits diagnostics on failure.
FailureOr<LoweredFunction> lowerFunction(func::FuncOp func,
                                         const Halide::Target &target);

} // namespace mlir::attn

#endif // ATTN_LIB_TARGET_HALIDE_LOWERING_H
