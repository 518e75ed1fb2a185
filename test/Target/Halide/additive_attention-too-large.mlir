// RUN: not attn-compile %s --emit=halide-stmt 2>&1 | FileCheck %s

// Every tensor fits 32-bit indexing, but the projected keys [B, A, M]
// (8000 x 300032 padded keys) do not: a diagnostic, not a Halide failure.

// CHECK: error: 'attn.additive_attention' op needs a projection of 2400256000 elements, more than the 2^31-1 that the code generator can index
func.func @huge_projection(%q: tensor<1x1x1xf32>, %k: tensor<1x300000x1xf32>, %v: tensor<1x300000x1xf32>,
                           %wq: tensor<8000x1xf32>, %wk: tensor<8000x1xf32>, %va: tensor<8000xf32>) -> tensor<1x1x1xf32> {
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va
      : tensor<1x1x1xf32>, tensor<1x300000x1xf32>, tensor<1x300000x1xf32>, tensor<8000x1xf32>, tensor<8000x1xf32>, tensor<8000xf32> -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}
