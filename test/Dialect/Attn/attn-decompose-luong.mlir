// RUN: attn-opt %s --split-input-file --attn-decompose-luong | FileCheck %s

// Global dot: one-head attn.attention with scale 1 between reshapes.
// CHECK-LABEL: func.func @global_dot
//  CHECK-SAME:   (%[[Q:.+]]: tensor<2x13x8xf32>, %[[K:.+]]: tensor<2x29x8xf32>, %[[V:.+]]: tensor<2x29x3xf32>)
//       CHECK:   %[[Q4:.+]] = attn.reshape %[[Q]] : tensor<2x13x8xf32> -> tensor<2x1x13x8xf32>
//       CHECK:   %[[K4:.+]] = attn.reshape %[[K]] : tensor<2x29x8xf32> -> tensor<2x1x29x8xf32>
//       CHECK:   %[[V4:.+]] = attn.reshape %[[V]] : tensor<2x29x3xf32> -> tensor<2x1x29x3xf32>
//       CHECK:   %[[O4:.+]] = attn.attention %[[Q4]], %[[K4]], %[[V4]] scale(1.000000e+00) : tensor<2x1x13x8xf32>, tensor<2x1x29x8xf32>, tensor<2x1x29x3xf32> -> tensor<2x1x13x3xf32>
//       CHECK:   %[[O:.+]] = attn.reshape %[[O4]] : tensor<2x1x13x3xf32> -> tensor<2x13x3xf32>
//       CHECK:   return %[[O]]
//   CHECK-NOT:   attn.luong_attention
func.func @global_dot(%q: tensor<2x13x8xf32>, %k: tensor<2x29x8xf32>, %v: tensor<2x29x3xf32>) -> tensor<2x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(dot)
      : tensor<2x13x8xf32>, tensor<2x29x8xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

// Global general: the queries are multiplied by W first; a rank-3 mask gets
// the head dimension.
// CHECK-LABEL: func.func @global_general_mask
//  CHECK-SAME:   (%[[Q:.+]]: tensor<2x13x7xf32>, %[[K:.+]]: tensor<2x29x5xf32>, %[[V:.+]]: tensor<2x29x3xf32>, %[[W:.+]]: tensor<7x5xf32>, %[[M:.+]]: tensor<2x13x29xi1>)
//       CHECK:   %[[QW:.+]] = attn.matmul %[[Q]], %[[W]] : tensor<2x13x7xf32>, tensor<7x5xf32> -> tensor<2x13x5xf32>
//       CHECK:   %[[Q4:.+]] = attn.reshape %[[QW]] : tensor<2x13x5xf32> -> tensor<2x1x13x5xf32>
//       CHECK:   %[[K4:.+]] = attn.reshape %[[K]]
//       CHECK:   %[[V4:.+]] = attn.reshape %[[V]]
//       CHECK:   %[[M4:.+]] = attn.reshape %[[M]] : tensor<2x13x29xi1> -> tensor<2x1x13x29xi1>
//       CHECK:   attn.attention %[[Q4]], %[[K4]], %[[V4]] mask(%[[M4]] : tensor<2x1x13x29xi1>) scale(1.000000e+00) : tensor<2x1x13x5xf32>, tensor<2x1x29x5xf32>, tensor<2x1x29x3xf32> -> tensor<2x1x13x3xf32>
func.func @global_general_mask(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>,
                               %w: tensor<7x5xf32>, %m: tensor<2x13x29xi1>) -> tensor<2x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) mask(%m : tensor<2x13x29xi1>)
      : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

// A [N, M] mask already broadcasts to [B, 1, N, M]: kept as it is.
// CHECK-LABEL: func.func @global_dot_rank2_mask
//  CHECK-SAME:   %[[M:[^:]+]]: tensor<13x29xi1>
//   CHECK-NOT:   attn.reshape %[[M]]
//       CHECK:   attn.attention %{{.+}}, %{{.+}}, %{{.+}} mask(%[[M]] : tensor<13x29xi1>) scale(1.000000e+00)
func.func @global_dot_rank2_mask(%q: tensor<1x13x8xf32>, %k: tensor<1x29x8xf32>, %v: tensor<1x29x3xf32>,
                                 %m: tensor<13x29xi1>) -> tensor<1x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(dot) mask(%m : tensor<13x29xi1>)
      : tensor<1x13x8xf32>, tensor<1x29x8xf32>, tensor<1x29x3xf32> -> tensor<1x13x3xf32>
  return %0 : tensor<1x13x3xf32>
}

// -----

// Concat scores and local attention are left to the code generator.
// CHECK-LABEL: func.func @negative_concat_and_local
//   CHECK-NOT:   attn.attention
//       CHECK:   attn.luong_attention %{{.+}}, %{{.+}}, %{{.+}} score(concat
//       CHECK:   attn.luong_attention %{{.+}}, %{{.+}}, %{{.+}} score(dot) local(monotonic, 2)
//   CHECK-NOT:   attn.attention
func.func @negative_concat_and_local(%q: tensor<1x13x8xf32>, %k: tensor<1x29x8xf32>, %v: tensor<1x29x3xf32>,
                                     %wa: tensor<4x16xf32>, %va: tensor<4xf32>) -> (tensor<1x13x3xf32>, tensor<1x13x3xf32>) {
  %0 = attn.luong_attention %q, %k, %v score(concat %wa, %va : tensor<4x16xf32>, tensor<4xf32>)
      : tensor<1x13x8xf32>, tensor<1x29x8xf32>, tensor<1x29x3xf32> -> tensor<1x13x3xf32>
  %1 = attn.luong_attention %q, %k, %v score(dot) local(monotonic, 2)
      : tensor<1x13x8xf32>, tensor<1x29x8xf32>, tensor<1x29x3xf32> -> tensor<1x13x3xf32>
  return %0, %1 : tensor<1x13x3xf32>, tensor<1x13x3xf32>
}
