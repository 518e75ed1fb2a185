// RUN: attn-compile %s --emit=mlir | FileCheck %s
// RUN: attn-compile %s --emit=mlir | attn-opt | FileCheck %s

// --emit=mlir prints the module handed to the code generator to stdout
// (nothing is compiled): the input, verified, with the tiling that
// --attn-tile records on the attention and the block classification of
// --attn-sparsity; the output parses again.

// CHECK: module {
// CHECK-NEXT: func.func @sdpa(%[[Q:.+]]: tensor<1x2x16x8xf32> {attn.name = "q"}, %[[K:.+]]: tensor<1x2x16x8xf32>, %[[V:.+]]: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
// CHECK-NEXT: %[[O:.+]] = attn.attention %[[Q]], %[[K]], %[[V]] causal(top_left) tiling <query_tile = {{[0-9]+}}, kv_tile = {{[0-9]+}}, kv_splits = {{[0-9]+}}> {attn.blocks = {{{.+}}}} : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>
// CHECK-NEXT: return %[[O]] : tensor<1x2x16x8xf32>
func.func @sdpa(%q: tensor<1x2x16x8xf32> {attn.name = "q"}, %k: tensor<1x2x16x8xf32>,
                %v: tensor<1x2x16x8xf32>) -> tensor<1x2x16x8xf32> {
  %o = attn.attention %q, %k, %v causal(top_left)
      : tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32>, tensor<1x2x16x8xf32> -> tensor<1x2x16x8xf32>
  return %o : tensor<1x2x16x8xf32>
}
