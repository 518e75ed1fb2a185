// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// Round trip of attn.luong_attention: every score kind, global and both
// local alignments, with and without a mask. Each CHECK matches the op
// through its type list, so a clause dropped or invented fails the test.

// CHECK-LABEL: func.func @luong_dot
//  CHECK-SAME:   (%[[Q:.+]]: tensor<2x13x8xf32>, %[[K:.+]]: tensor<2x29x8xf32>, %[[V:.+]]: tensor<2x29x3xf32>)
//       CHECK:   %[[R:.+]] = attn.luong_attention %[[Q]], %[[K]], %[[V]] score(dot) : tensor<2x13x8xf32>, tensor<2x29x8xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
//       CHECK:   return %[[R]]
func.func @luong_dot(%q: tensor<2x13x8xf32>, %k: tensor<2x29x8xf32>, %v: tensor<2x29x3xf32>) -> tensor<2x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(dot)
      : tensor<2x13x8xf32>, tensor<2x29x8xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// CHECK-LABEL: func.func @luong_general_mask
//  CHECK-SAME:   %[[W:[^:]+]]: tensor<7x5xf32>, %[[M:[^:]+]]: tensor<13x29xi1>
//       CHECK:   attn.luong_attention %{{.+}}, %{{.+}}, %{{.+}} score(general %[[W]] : tensor<7x5xf32>) mask(%[[M]] : tensor<13x29xi1>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
func.func @luong_general_mask(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>,
                              %w: tensor<7x5xf32>, %m: tensor<13x29xi1>) -> tensor<2x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) mask(%m : tensor<13x29xi1>)
      : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// CHECK-LABEL: func.func @luong_concat
//  CHECK-SAME:   %[[WA:[^:]+]]: tensor<11x12xf32>, %[[VA:[^:]+]]: tensor<11xf32>
//       CHECK:   attn.luong_attention %{{.+}}, %{{.+}}, %{{.+}} score(concat %[[WA]], %[[VA]] : tensor<11x12xf32>, tensor<11xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
func.func @luong_concat(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>,
                        %wa: tensor<11x12xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(concat %wa, %va : tensor<11x12xf32>, tensor<11xf32>)
      : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// CHECK-LABEL: func.func @luong_local_monotonic
//       CHECK:   attn.luong_attention %{{.+}}, %{{.+}}, %{{.+}} score(dot) local(monotonic, 4) : tensor<1x13x8xf32>, tensor<1x29x8xf32>, tensor<1x29x3xf32> -> tensor<1x13x3xf32>
func.func @luong_local_monotonic(%q: tensor<1x13x8xf32>, %k: tensor<1x29x8xf32>, %v: tensor<1x29x3xf32>) -> tensor<1x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(dot) local(monotonic, 4)
      : tensor<1x13x8xf32>, tensor<1x29x8xf32>, tensor<1x29x3xf32> -> tensor<1x13x3xf32>
  return %0 : tensor<1x13x3xf32>
}

// A half-width of 0 (one key per query) with a general score and a mask.
// CHECK-LABEL: func.func @luong_local_monotonic_zero_general_mask
//  CHECK-SAME:   %[[W:[^:]+]]: tensor<7x5xf32>, %[[M:[^:]+]]: tensor<2x1x29xi1>
//       CHECK:   attn.luong_attention %{{.+}}, %{{.+}}, %{{.+}} score(general %[[W]] : tensor<7x5xf32>) local(monotonic, 0) mask(%[[M]] : tensor<2x1x29xi1>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
func.func @luong_local_monotonic_zero_general_mask(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>,
                                                   %w: tensor<7x5xf32>, %m: tensor<2x1x29xi1>) -> tensor<2x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) local(monotonic, 0) mask(%m : tensor<2x1x29xi1>)
      : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// CHECK-LABEL: func.func @luong_local_predictive_concat
//  CHECK-SAME:   %[[WA:[^:]+]]: tensor<11x12xf32>, %[[VA:[^:]+]]: tensor<11xf32>, %[[WP:[^:]+]]: tensor<4x7xf32>, %[[VP:[^:]+]]: tensor<4xf32>, %[[M:[^:]+]]: tensor<2x13x29xi1>
//       CHECK:   attn.luong_attention %{{.+}}, %{{.+}}, %{{.+}} score(concat %[[WA]], %[[VA]] : tensor<11x12xf32>, tensor<11xf32>) local(predictive, 3, %[[WP]], %[[VP]] : tensor<4x7xf32>, tensor<4xf32>) mask(%[[M]] : tensor<2x13x29xi1>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
func.func @luong_local_predictive_concat(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>,
                                         %wa: tensor<11x12xf32>, %va: tensor<11xf32>,
                                         %wp: tensor<4x7xf32>, %vp: tensor<4xf32>, %m: tensor<2x13x29xi1>) -> tensor<2x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(concat %wa, %va : tensor<11x12xf32>, tensor<11xf32>)
      local(predictive, 3, %wp, %vp : tensor<4x7xf32>, tensor<4xf32>) mask(%m : tensor<2x13x29xi1>)
      : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// A window wider than the keys (2D + 1 = 201 > M = 29) is valid.
// CHECK-LABEL: func.func @luong_local_predictive_wide
//       CHECK:   attn.luong_attention %{{.+}}, %{{.+}}, %{{.+}} score(dot) local(predictive, 100, %{{.+}}, %{{.+}} : tensor<4x8xf32>, tensor<4xf32>) : tensor<1x13x8xf32>, tensor<1x29x8xf32>, tensor<1x29x3xf32> -> tensor<1x13x3xf32>
func.func @luong_local_predictive_wide(%q: tensor<1x13x8xf32>, %k: tensor<1x29x8xf32>, %v: tensor<1x29x3xf32>,
                                       %wp: tensor<4x8xf32>, %vp: tensor<4xf32>) -> tensor<1x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(dot) local(predictive, 100, %wp, %vp : tensor<4x8xf32>, tensor<4xf32>)
      : tensor<1x13x8xf32>, tensor<1x29x8xf32>, tensor<1x29x3xf32> -> tensor<1x13x3xf32>
  return %0 : tensor<1x13x3xf32>
}
