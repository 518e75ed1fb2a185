//===- Passes.td - attn passes -----------------------------*- tablegen -*-===//

#ifndef ATTN_PASSES_TD
#define ATTN_PASSES_TD

include "mlir/Pass/PassBase.td"

def AttnFusePass : Pass<"attn-fuse", "func::FuncOp"> {
  let summary = "Fuse matmul-scale-mask-softmax-matmul chains into attn.attention";
  let description = [{
    Rewrites attention written with graph ops into one `attn.attention`:

    ```mlir
    %s = attn.matmul %q, %k transpose_rhs   // [B, Hq, N, M]
    %t = attn.scale %s by 0.125             // any number of constant scales
    %u = attn.mask %t, %m                   // optional: i1 or f32 mask, or
                                            // attn.add of an additive mask
    %p = attn.softmax %u axis(3)            // over the key axis
    %o = attn.matmul %p, %v                 // [B, Hq, N, Dv]
    =>
    %o = attn.attention %q, %k, %v mask(%m : ...) scale(0.125) ...
    ```

    The constant scales multiply into the attention scale; an additive mask
    followed by a scale is scaled by it. A key operand given untransposed
    (`attn.matmul %q, %kT` with `%kT : [B, H, D, M]`), or a value operand
    given transposed, gets an `attn.transpose`. Key/value heads that
    broadcast (one head against Hq query heads) become multi-query attention.

    Nothing is fused unless the chain is exactly attention: every
    intermediate has one use, the softmax runs over the last axis, there is
    at most one mask, a boolean mask is followed only by positive scales, and
    the shapes meet `attn.attention`'s verifier (same batch, key and value
    heads equal and dividing the query heads).
  }];
  let dependentDialects = ["::mlir::attn::AttnDialect"];
}

def AttnRaisePass : Pass<"attn-raise", "func::FuncOp"> {
  let summary = "Raise TOSA and linalg attention subgraphs to attn graph ops";
  let description = [{
    Rewrites the ops that frontends (torch-mlir, onnx-mlir, TFLite) emit for
    attention into attn graph ops, so that `--attn-fuse` can turn them into
    `attn.attention`. See docs/Raising.md for each recognized pattern with
    its IR before and after.
  }];
  let dependentDialects = ["::mlir::attn::AttnDialect",
                           "::mlir::arith::ArithDialect"];
}

#endif // ATTN_PASSES_TD
