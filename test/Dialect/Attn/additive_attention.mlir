// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// Round trip of attn.additive_attention with and without its mask clause.
// Each CHECK matches the op through its type list, so a clause dropped or
// invented on the way fails the test.

// CHECK-LABEL: func.func @additive_plain
//  CHECK-SAME:   (%[[Q:.+]]: tensor<2x13x7xf32>, %[[K:.+]]: tensor<2x29x5xf32>, %[[V:.+]]: tensor<2x29x3xf32>, %[[WQ:.+]]: tensor<11x7xf32>, %[[WK:.+]]: tensor<11x5xf32>, %[[VA:.+]]: tensor<11xf32>)
//       CHECK:   %[[R:.+]] = attn.additive_attention %[[Q]], %[[K]], %[[V]], %[[WQ]], %[[WK]], %[[VA]] : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
//       CHECK:   return %[[R]]
func.func @additive_plain(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>,
                          %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va
      : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// A key-padding mask [B, 1, M].
// CHECK-LABEL: func.func @additive_mask
//  CHECK-SAME:   %[[M:[^:]+]]: tensor<2x1x29xi1>
//       CHECK:   attn.additive_attention %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} mask(%[[M]] : tensor<2x1x29xi1>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
func.func @additive_mask(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>,
                         %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>,
                         %m: tensor<2x1x29xi1>) -> tensor<2x13x3xf32> {
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va mask(%m : tensor<2x1x29xi1>)
      : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// Size-1 dimensions everywhere, and a rank-1 mask over the keys.
// CHECK-LABEL: func.func @additive_unit_dims
//       CHECK:   attn.additive_attention %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}}, %{{.+}} mask(%{{.+}} : tensor<1xi1>) : tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<1xf32> -> tensor<1x1x1xf32>
func.func @additive_unit_dims(%x: tensor<1x1x1xf32>, %w: tensor<1x1xf32>, %va: tensor<1xf32>, %m: tensor<1xi1>) -> tensor<1x1x1xf32> {
  %0 = attn.additive_attention %x, %x, %x, %w, %w, %va mask(%m : tensor<1xi1>)
      : tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1x1xf32>, tensor<1x1xf32>, tensor<1x1xf32>, tensor<1xf32> -> tensor<1x1x1xf32>
  return %0 : tensor<1x1x1xf32>
}
