// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC

// Round trip of attn.linear_attention and each of its clauses. Each CHECK
// matches the op from its name through its type list, so a clause that is
// dropped or invented on the way fails the test. The generic form shows the
// feature map recorded on every op, written or not (elu_plus_one = 0).

// GENERIC-COUNT-5: "attn.linear_attention"({{.+}}) <{{[{]}}{{(causal, )?}}feature_map = 0 : i32}>

// CHECK-LABEL: func.func @linear_plain
//  CHECK-SAME:   (%[[Q:.+]]: tensor<2x4x16x32xf32>, %[[K:.+]]: tensor<2x4x24x32xf32>, %[[V:.+]]: tensor<2x4x24x8xf32>)
//       CHECK:   %[[R:.+]] = attn.linear_attention %[[Q]], %[[K]], %[[V]] : tensor<2x4x16x32xf32>, tensor<2x4x24x32xf32>, tensor<2x4x24x8xf32> -> tensor<2x4x16x8xf32>
//       CHECK:   return %[[R]]
func.func @linear_plain(%q: tensor<2x4x16x32xf32>, %k: tensor<2x4x24x32xf32>, %v: tensor<2x4x24x8xf32>) -> tensor<2x4x16x8xf32> {
  %0 = attn.linear_attention %q, %k, %v : tensor<2x4x16x32xf32>, tensor<2x4x24x32xf32>, tensor<2x4x24x8xf32> -> tensor<2x4x16x8xf32>
  return %0 : tensor<2x4x16x8xf32>
}

// The default feature map, written out, prints as the default (elided).
// CHECK-LABEL: func.func @linear_feature_map
//       CHECK:   attn.linear_attention %{{.+}}, %{{.+}}, %{{.+}} : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
func.func @linear_feature_map(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %0 = attn.linear_attention %q, %k, %v feature_map(elu_plus_one) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// CHECK-LABEL: func.func @linear_causal
//  CHECK-SAME:   (%[[Q:.+]]: tensor<1x2x8x16xf32>, %[[K:.+]]: tensor<1x2x8x16xf32>, %[[V:.+]]: tensor<1x2x8x16xf32>)
//       CHECK:   attn.linear_attention %[[Q]], %[[K]], %[[V]] causal : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
func.func @linear_causal(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %0 = attn.linear_attention %q, %k, %v causal : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// Both clauses; grouped-query heads (8 query heads share 2 key/value heads).
// CHECK-LABEL: func.func @linear_feature_map_causal_gqa
//       CHECK:   attn.linear_attention %{{.+}}, %{{.+}}, %{{.+}} causal : tensor<1x8x32x5xf32>, tensor<1x2x32x5xf32>, tensor<1x2x32x33xf32> -> tensor<1x8x32x33xf32>
func.func @linear_feature_map_causal_gqa(%q: tensor<1x8x32x5xf32>, %k: tensor<1x2x32x5xf32>, %v: tensor<1x2x32x33xf32>) -> tensor<1x8x32x33xf32> {
  %0 = attn.linear_attention %q, %k, %v feature_map(elu_plus_one) causal : tensor<1x8x32x5xf32>, tensor<1x2x32x5xf32>, tensor<1x2x32x33xf32> -> tensor<1x8x32x33xf32>
  return %0 : tensor<1x8x32x33xf32>
}

// Multi-query attention: one key/value head.
// CHECK-LABEL: func.func @linear_mqa
//       CHECK:   attn.linear_attention %{{.+}}, %{{.+}}, %{{.+}} : tensor<2x6x1x64xf32>, tensor<2x1x100x64xf32>, tensor<2x1x100x64xf32> -> tensor<2x6x1x64xf32>
func.func @linear_mqa(%q: tensor<2x6x1x64xf32>, %k: tensor<2x1x100x64xf32>, %v: tensor<2x1x100x64xf32>) -> tensor<2x6x1x64xf32> {
  %0 = attn.linear_attention %q, %k, %v : tensor<2x6x1x64xf32>, tensor<2x1x100x64xf32>, tensor<2x1x100x64xf32> -> tensor<2x6x1x64xf32>
  return %0 : tensor<2x6x1x64xf32>
}
