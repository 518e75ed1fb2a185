//===- GpuLibrary.h - GPU targets and their library glue --------*- C++ -*-===//
//
// Private to lib/Target/Halide: the `cuda`, `cuda-smNN` and `opencl` target
// names, the C glue a GPU library adds to its entry points (device buffers,
// the CUDA context), and the kernel source Halide embeds in an object.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_LIB_TARGET_HALIDE_GPULIBRARY_H
#define ATTN_LIB_TARGET_HALIDE_GPULIBRARY_H

#include "mlir/Support/LLVM.h"
#include "llvm/Support/raw_ostream.h"

#include <Halide.h>

#include <optional>
#include <string>
#include <vector>

namespace mlir::attn {

struct GpuTarget {
  /// Set when the name is a GPU shorthand; std::nullopt for other names.
  std::optional<Halide::Target> target;
  /// The compute capability asked for (e.g. 90) and the one Halide emits
  /// PTX for (at most 86 in Halide 14); 0 when none applies.
  int requestedCapability = 0, capability = 0;
};

/// `cuda`, `cuda-smNN`, `opencl`: a baseline x86-64 host (the library runs
/// on whatever CPU drives the GPU) with the GPU API. Failure when a name
/// starts like one of them but is malformed.
FailureOr<GpuTarget> parseGpuTarget(StringRef name);

/// The manifest's description of a GPU target ("api", capabilities), or
/// an empty string for CPU targets.
std::string gpuManifestJson(const Halide::Target &target,
                            StringRef requestedName);

/// C definitions every GPU library adds to its entry points: exported
/// device-buffer helpers and, for CUDA, the context the runtime uses.
void writeGpuSupport(llvm::raw_ostream &os, const Halide::Target &target);

/// The names writeGpuSupport exports (for the version script).
std::vector<std::string> gpuExportedSymbols();

/// The kernel source (PTX for CUDA, OpenCL C) that Halide embeds for
/// `pipeline`, read from its LLVM assembly at `llPath`; empty if none.
std::string extractGpuSource(StringRef llText);

} // namespace mlir::attn

#endif // ATTN_LIB_TARGET_HALIDE_GPULIBRARY_H
