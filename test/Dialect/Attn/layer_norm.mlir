// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s

// Round trip of attn.layer_norm with every combination of its optional
// weight and bias, on ranks 1 to 4, and as RMSNorm (rms).

// CHECK-LABEL: func.func @layer_norm_affine
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x128x768xf32>, %[[W:.+]]: tensor<768xf32>, %[[B:.+]]: tensor<768xf32>)
//       CHECK:   attn.layer_norm %[[X]] weight(%[[W]] : tensor<768xf32>) bias(%[[B]] : tensor<768xf32>) eps(9.99999974E-6) : tensor<1x128x768xf32>
func.func @layer_norm_affine(%x: tensor<1x128x768xf32>, %w: tensor<768xf32>, %b: tensor<768xf32>) -> tensor<1x128x768xf32> {
  %0 = attn.layer_norm %x weight(%w : tensor<768xf32>) bias(%b : tensor<768xf32>) eps(1.0e-05) : tensor<1x128x768xf32>
  return %0 : tensor<1x128x768xf32>
}

// CHECK-LABEL: func.func @layer_norm_plain
//  CHECK-SAME:   (%[[X:.+]]: tensor<7xf32>)
//       CHECK:   attn.layer_norm %[[X]] eps(0.000000e+00) : tensor<7xf32>
func.func @layer_norm_plain(%x: tensor<7xf32>) -> tensor<7xf32> {
  %0 = attn.layer_norm %x eps(0.0) : tensor<7xf32>
  return %0 : tensor<7xf32>
}

// CHECK-LABEL: func.func @layer_norm_weight_only
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x3x4x5xf32>, %[[W:.+]]: tensor<5xf32>)
//       CHECK:   attn.layer_norm %[[X]] weight(%[[W]] : tensor<5xf32>) eps(1.000000e-03) : tensor<2x3x4x5xf32>
//   CHECK-NOT:   bias
func.func @layer_norm_weight_only(%x: tensor<2x3x4x5xf32>, %w: tensor<5xf32>) -> tensor<2x3x4x5xf32> {
  %0 = attn.layer_norm %x weight(%w : tensor<5xf32>) eps(1.0e-03) : tensor<2x3x4x5xf32>
  return %0 : tensor<2x3x4x5xf32>
}

// CHECK-LABEL: func.func @layer_norm_bias_only
//  CHECK-SAME:   (%[[X:.+]]: tensor<3x5xf32>, %[[B:.+]]: tensor<5xf32>)
//       CHECK:   attn.layer_norm %[[X]] bias(%[[B]] : tensor<5xf32>) eps(9.99999974E-6) : tensor<3x5xf32>
func.func @layer_norm_bias_only(%x: tensor<3x5xf32>, %b: tensor<5xf32>) -> tensor<3x5xf32> {
  %0 = attn.layer_norm %x bias(%b : tensor<5xf32>) eps(1.000000e-05) : tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}

// CHECK-LABEL: func.func @rms_norm
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x4x64xf32>, %[[W:.+]]: tensor<64xf32>)
//       CHECK:   attn.layer_norm %[[X]] rms weight(%[[W]] : tensor<64xf32>) eps(9.99999997E-7) : tensor<2x4x64xf32>
func.func @rms_norm(%x: tensor<2x4x64xf32>, %w: tensor<64xf32>) -> tensor<2x4x64xf32> {
  %0 = attn.layer_norm %x rms weight(%w : tensor<64xf32>) eps(1.0e-06) : tensor<2x4x64xf32>
  return %0 : tensor<2x4x64xf32>
}
