// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// Round trip of attn.rope: tables broadcast over batch and heads, per
// batch, and of rank 2.

// CHECK-LABEL: func.func @rope_llama
//  CHECK-SAME:   (%[[Q:.+]]: tensor<1x32x128x64xf32>, %[[C:.+]]: tensor<1x1x128x64xf32>, %[[S:.+]]: tensor<1x1x128x64xf32>)
//       CHECK:   attn.rope %[[Q]], %[[C]], %[[S]] : tensor<1x32x128x64xf32>, tensor<1x1x128x64xf32>
func.func @rope_llama(%q: tensor<1x32x128x64xf32>, %cos: tensor<1x1x128x64xf32>,
                      %sin: tensor<1x1x128x64xf32>) -> tensor<1x32x128x64xf32> {
  %0 = attn.rope %q, %cos, %sin : tensor<1x32x128x64xf32>, tensor<1x1x128x64xf32>
  return %0 : tensor<1x32x128x64xf32>
}

// CHECK-LABEL: func.func @rope_per_batch
//       CHECK:   attn.rope %{{.+}}, %{{.+}}, %{{.+}} : tensor<2x8x16x32xf32>, tensor<2x1x16x32xf32>
func.func @rope_per_batch(%k: tensor<2x8x16x32xf32>, %cos: tensor<2x1x16x32xf32>,
                          %sin: tensor<2x1x16x32xf32>) -> tensor<2x8x16x32xf32> {
  %0 = attn.rope %k, %cos, %sin : tensor<2x8x16x32xf32>, tensor<2x1x16x32xf32>
  return %0 : tensor<2x8x16x32xf32>
}

// CHECK-LABEL: func.func @rope_rank2_table
//       CHECK:   attn.rope %{{.+}}, %{{.+}}, %{{.+}} : tensor<1x4x16x8xf32>, tensor<16x8xf32>
func.func @rope_rank2_table(%k: tensor<1x4x16x8xf32>, %cos: tensor<16x8xf32>,
                            %sin: tensor<16x8xf32>) -> tensor<1x4x16x8xf32> {
  %0 = attn.rope %k, %cos, %sin : tensor<1x4x16x8xf32>, tensor<16x8xf32>
  return %0 : tensor<1x4x16x8xf32>
}
