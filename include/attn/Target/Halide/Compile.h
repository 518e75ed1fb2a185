//===- Compile.h - attn modules to native libraries -------------*- C++ -*-===//

#ifndef ATTN_TARGET_HALIDE_COMPILE_H
#define ATTN_TARGET_HALIDE_COMPILE_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LLVM.h"

#include <string>

namespace mlir::attn {

enum class EmitKind { Mlir, HalideStmt, GpuSource, Object, Shared };

struct CompileOptions {
  /// "host", "cuda", "cuda-smNN", "opencl", or a Halide target string such
  /// as "x86-64-linux-avx2".
  std::string target = "host";
  EmitKind emit = EmitKind::Shared;
  /// Where the result goes; for Shared the header goes beside it (".h").
  std::string outputPath;
  /// The C compiler driver that compiles the entry points and links.
  std::string cCompiler = "cc";
  /// Keep the temporary folder (objects, generated C) for inspection.
  bool keepTemps = false;
};

/// Whether `target` (a CompileOptions::target) names a GPU target (CUDA or
/// OpenCL); false for CPU targets and for names that are not targets.
bool isGpuTarget(StringRef target);

/// Compiles every public function of `module` as `options` say. Errors are
/// reported as diagnostics on the module's context; on failure no output file
/// is left behind.
LogicalResult compileModule(ModuleOp module, const CompileOptions &options);

} // namespace mlir::attn

#endif // ATTN_TARGET_HALIDE_COMPILE_H
