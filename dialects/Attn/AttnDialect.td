//===- AttnDialect.td - the attn dialect -------------------*- tablegen -*-===//

#ifndef ATTN_DIALECT_TD
#define ATTN_DIALECT_TD

include "mlir/IR/OpBase.td"

def Attn_Dialect : Dialect {
  let name = "attn";
  let cppNamespace = "::mlir::attn";
  let useDefaultAttributePrinterParser = 1;
  let summary = "Attention graphs and fused attention";
  let description = [{
    The `attn` dialect captures attention as models write it, with graph ops
    (matmul, scale, add, mask, softmax, linear projections, head split/merge,
    transpose, reshape), and as one fused op, `attn.attention`, with the
    semantics of PyTorch's `scaled_dot_product_attention`.

    All ops work on ranked, statically shaped tensors of `f32`; masks may also
    be `i1`. Other element types are rejected by the verifiers until the code
    generator supports them.

    Masked scores are `-inf`. Softmax treats every value at or below `-1e30`
    as `-inf`; a row in which every value is masked yields zeros (not NaN),
    both in `attn.softmax` and in `attn.attention`.
  }];
}

class Attn_Op<string mnemonic, list<Trait> traits = []>
    : Op<Attn_Dialect, mnemonic, traits>;

#endif // ATTN_DIALECT_TD
