//===- Semantics.h - numeric rules shared by the IR and the code generator ===//
//
// Header-only and free of MLIR and Halide, so that the verifiers, the
// raising patterns and the Halide kernels read the same constants.
//
//===----------------------------------------------------------------------===//

#ifndef ATTN_SEMANTICS_H
#define ATTN_SEMANTICS_H

// Global, not in ::attn: MLIR code names mlir::attn as `attn`, and a second
// top-level attn namespace would make that ambiguous.

/// Scores and mask values at or below this count as -inf.
inline constexpr float kAttnMaskedThreshold = -1e30f;

#endif // ATTN_SEMANTICS_H
