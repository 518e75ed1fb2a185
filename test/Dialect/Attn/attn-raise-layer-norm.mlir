// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s
// RUN: attn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --split-input-file --attn-raise | FileCheck %s

// LayerNorm over the last dimension, decomposed, raised to attn.layer_norm
// (then its weight and bias folded in); each case also through
// --tosa-to-linalg. Near-misses stay as they are.

// torch-mlir's native_layer_norm on [2, 5, 8] with normalized_shape [8]:
// the sum times reciprocal(8) reshaped, the centering computed twice, the
// variance as the mean of its square, + eps, rsqrt, then * weight + bias.
// CHECK-LABEL: func.func @layer_norm_torch_mlir
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x5x8xf32>, %[[W:[^:]+]]: tensor<8xf32>, %[[B:[^:]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = attn.layer_norm %[[X]] weight(%[[W]] : tensor<8xf32>) bias(%[[B]] : tensor<8xf32>) eps(9.99999974E-6) : tensor<2x5x8xf32>
//  CHECK-NEXT:   return %[[Y]]
func.func @layer_norm_torch_mlir(%x: tensor<2x5x8xf32>, %w: tensor<8xf32>, %b: tensor<8xf32>) -> tensor<2x5x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %ones = tosa.const_shape {values = dense<1> : tensor<3xindex>} : () -> !tosa.shape<3>
  %stat = tosa.const_shape {values = dense<[2, 5, 1]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %vec = tosa.const_shape {values = dense<[1, 1, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %n = "tosa.const"() <{values = dense<8.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %rn1 = tosa.reciprocal %n : (tensor<1xf32>) -> tensor<1xf32>
  %rn = tosa.reshape %rn1, %ones : (tensor<1xf32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %sum = tosa.reduce_sum %x {axis = 2 : i32} : (tensor<2x5x8xf32>) -> tensor<2x5x1xf32>
  %sumr = tosa.reshape %sum, %stat : (tensor<2x5x1xf32>, !tosa.shape<3>) -> tensor<2x5x1xf32>
  %mean = tosa.mul %sumr, %rn, %shift : (tensor<2x5x1xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<2x5x1xf32>
  %c = tosa.sub %x, %mean : (tensor<2x5x8xf32>, tensor<2x5x1xf32>) -> tensor<2x5x8xf32>
  %sq = tosa.mul %c, %c, %shift : (tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<1xi8>) -> tensor<2x5x8xf32>
  %vsum = tosa.reduce_sum %sq {axis = 2 : i32} : (tensor<2x5x8xf32>) -> tensor<2x5x1xf32>
  %vsumr = tosa.reshape %vsum, %stat : (tensor<2x5x1xf32>, !tosa.shape<3>) -> tensor<2x5x1xf32>
  %var = tosa.mul %vsumr, %rn, %shift : (tensor<2x5x1xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<2x5x1xf32>
  %w3 = tosa.reshape %w, %vec : (tensor<8xf32>, !tosa.shape<3>) -> tensor<1x1x8xf32>
  %b3 = tosa.reshape %b, %vec : (tensor<8xf32>, !tosa.shape<3>) -> tensor<1x1x8xf32>
  %eps0 = "tosa.const"() <{values = dense<1.0e-05> : tensor<f32>}> : () -> tensor<f32>
  %eps = tosa.reshape %eps0, %ones : (tensor<f32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %c2 = tosa.sub %x, %mean : (tensor<2x5x8xf32>, tensor<2x5x1xf32>) -> tensor<2x5x8xf32>
  %ve = tosa.add %var, %eps : (tensor<2x5x1xf32>, tensor<1x1x1xf32>) -> tensor<2x5x1xf32>
  %rstd = tosa.rsqrt %ve : (tensor<2x5x1xf32>) -> tensor<2x5x1xf32>
  %norm = tosa.mul %c2, %rstd, %shift : (tensor<2x5x8xf32>, tensor<2x5x1xf32>, tensor<1xi8>) -> tensor<2x5x8xf32>
  %scaled = tosa.mul %norm, %w3, %shift : (tensor<2x5x8xf32>, tensor<1x1x8xf32>, tensor<1xi8>) -> tensor<2x5x8xf32>
  %y = tosa.add %scaled, %b3 : (tensor<2x5x8xf32>, tensor<1x1x8xf32>) -> tensor<2x5x8xf32>
  return %y : tensor<2x5x8xf32>
}

// -----

// RMSNorm as Llama writes it (LlamaRMSNorm): x * rsqrt(mean(x²) + eps),
// the square with tosa.pow, the mean as sum times reciprocal(8), then
// weight * (normalized x). Raised to attn.layer_norm rms.
// CHECK-LABEL: func.func @rms_norm_llama
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x5x8xf32>, %[[W:[^:]+]]: tensor<8xf32>
//       CHECK:   %[[Y:.+]] = attn.layer_norm %[[X]] rms weight(%[[W]] : tensor<8xf32>) eps(9.99999997E-7) : tensor<2x5x8xf32>
//  CHECK-NEXT:   return %[[Y]]
func.func @rms_norm_llama(%x: tensor<2x5x8xf32>, %w: tensor<8xf32>) -> tensor<2x5x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %ones = tosa.const_shape {values = dense<1> : tensor<3xindex>} : () -> !tosa.shape<3>
  %vec = tosa.const_shape {values = dense<[1, 1, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %two = "tosa.const"() <{values = dense<2.0> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %n = "tosa.const"() <{values = dense<8.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %rn1 = tosa.reciprocal %n : (tensor<1xf32>) -> tensor<1xf32>
  %rn = tosa.reshape %rn1, %ones : (tensor<1xf32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %sq = tosa.pow %x, %two : (tensor<2x5x8xf32>, tensor<1x1x1xf32>) -> tensor<2x5x8xf32>
  %ssum = tosa.reduce_sum %sq {axis = 2 : i32} : (tensor<2x5x8xf32>) -> tensor<2x5x1xf32>
  %ms = tosa.mul %ssum, %rn, %shift : (tensor<2x5x1xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<2x5x1xf32>
  %eps = "tosa.const"() <{values = dense<1.0e-06> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %me = tosa.add %ms, %eps : (tensor<2x5x1xf32>, tensor<1x1x1xf32>) -> tensor<2x5x1xf32>
  %r = tosa.rsqrt %me : (tensor<2x5x1xf32>) -> tensor<2x5x1xf32>
  %norm = tosa.mul %x, %r, %shift : (tensor<2x5x8xf32>, tensor<2x5x1xf32>, tensor<1xi8>) -> tensor<2x5x8xf32>
  %w3 = tosa.reshape %w, %vec : (tensor<8xf32>, !tosa.shape<3>) -> tensor<1x1x8xf32>
  %y = tosa.mul %w3, %norm, %shift : (tensor<1x1x8xf32>, tensor<2x5x8xf32>, tensor<1xi8>) -> tensor<2x5x8xf32>
  return %y : tensor<2x5x8xf32>
}

// -----

// RMSNorm with the square as a product and the mean as a division, no
// weight.
// CHECK-LABEL: func.func @rms_norm_plain
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<6x3xf32>
//       CHECK:   %[[Y:.+]] = attn.layer_norm %[[X]] rms eps(9.99999974E-6) : tensor<6x3xf32>
//  CHECK-NEXT:   return %[[Y]]
func.func @rms_norm_plain(%x: tensor<6x3xf32>) -> tensor<6x3xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %sq = tosa.mul %x, %x, %shift : (tensor<6x3xf32>, tensor<6x3xf32>, tensor<1xi8>) -> tensor<6x3xf32>
  %ssum = tosa.reduce_sum %sq {axis = 1 : i32} : (tensor<6x3xf32>) -> tensor<6x1xf32>
  %n = "tosa.const"() <{values = dense<3.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %rn = tosa.reciprocal %n : (tensor<1x1xf32>) -> tensor<1x1xf32>
  %ms = tosa.mul %ssum, %rn, %shift : (tensor<6x1xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<6x1xf32>
  %eps = "tosa.const"() <{values = dense<1.0e-05> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %me = tosa.add %eps, %ms : (tensor<1x1xf32>, tensor<6x1xf32>) -> tensor<6x1xf32>
  %r = tosa.rsqrt %me : (tensor<6x1xf32>) -> tensor<6x1xf32>
  %y = tosa.mul %r, %x, %shift : (tensor<6x1xf32>, tensor<6x3xf32>, tensor<1xi8>) -> tensor<6x3xf32>
  return %y : tensor<6x3xf32>
}

// -----

// Negative: the mean of squares of another tensor than the one normalized
// is no RMSNorm.
// CHECK-LABEL: func.func @negative_rms_other_tensor
//   CHECK-NOT:   attn.layer_norm
func.func @negative_rms_other_tensor(%x: tensor<6x3xf32>, %z: tensor<6x3xf32>) -> tensor<6x3xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %sq = tosa.mul %z, %z, %shift : (tensor<6x3xf32>, tensor<6x3xf32>, tensor<1xi8>) -> tensor<6x3xf32>
  %ssum = tosa.reduce_sum %sq {axis = 1 : i32} : (tensor<6x3xf32>) -> tensor<6x1xf32>
  %n = "tosa.const"() <{values = dense<3.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %rn = tosa.reciprocal %n : (tensor<1x1xf32>) -> tensor<1x1xf32>
  %ms = tosa.mul %ssum, %rn, %shift : (tensor<6x1xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<6x1xf32>
  %eps = "tosa.const"() <{values = dense<1.0e-6> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %me = tosa.add %ms, %eps : (tensor<6x1xf32>, tensor<1x1xf32>) -> tensor<6x1xf32>
  %r = tosa.rsqrt %me : (tensor<6x1xf32>) -> tensor<6x1xf32>
  %y = tosa.mul %x, %r, %shift : (tensor<6x3xf32>, tensor<6x1xf32>, tensor<1xi8>) -> tensor<6x3xf32>
  return %y : tensor<6x3xf32>
}

// -----

// Without weight and bias; one centering, squared with tosa.pow, the means
// written as divisions by the count; the normalized product in the other
// order.
// CHECK-LABEL: func.func @layer_norm_plain_variants
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<6x3xf32>
//       CHECK:   %[[Y:.+]] = attn.layer_norm %[[X]] eps(1.000000e-03) : tensor<6x3xf32>
//  CHECK-NEXT:   return %[[Y]]
func.func @layer_norm_plain_variants(%x: tensor<6x3xf32>) -> tensor<6x3xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %n = "tosa.const"() <{values = dense<3.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %two = "tosa.const"() <{values = dense<2.0> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %eps = "tosa.const"() <{values = dense<1.0e-03> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %rn = tosa.reciprocal %n : (tensor<1x1xf32>) -> tensor<1x1xf32>
  %sum = tosa.reduce_sum %x {axis = 1 : i32} : (tensor<6x3xf32>) -> tensor<6x1xf32>
  %mean = tosa.mul %rn, %sum, %shift : (tensor<1x1xf32>, tensor<6x1xf32>, tensor<1xi8>) -> tensor<6x1xf32>
  %c = tosa.sub %x, %mean : (tensor<6x3xf32>, tensor<6x1xf32>) -> tensor<6x3xf32>
  %sq = tosa.pow %c, %two : (tensor<6x3xf32>, tensor<1x1xf32>) -> tensor<6x3xf32>
  %vsum = tosa.reduce_sum %sq {axis = 1 : i32} : (tensor<6x3xf32>) -> tensor<6x1xf32>
  %var = tosa.mul %vsum, %rn, %shift : (tensor<6x1xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<6x1xf32>
  %ve = tosa.add %eps, %var : (tensor<1x1xf32>, tensor<6x1xf32>) -> tensor<6x1xf32>
  %rstd = tosa.rsqrt %ve : (tensor<6x1xf32>) -> tensor<6x1xf32>
  %y = tosa.mul %rstd, %c, %shift : (tensor<6x1xf32>, tensor<6x3xf32>, tensor<1xi8>) -> tensor<6x3xf32>
  return %y : tensor<6x3xf32>
}

// -----

// Normalized over dimension 1 of [2, 5, 8] (InstanceNorm-like): not
// attn.layer_norm, which normalizes the last dimension.
// CHECK-LABEL: func.func @negative_other_axis
//   CHECK-NOT:   attn.layer_norm
//       CHECK:   {{tosa.rsqrt|math.rsqrt}}
//   CHECK-NOT:   attn.layer_norm
func.func @negative_other_axis(%x: tensor<2x5x8xf32>) -> tensor<2x5x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %rn = "tosa.const"() <{values = dense<0.2> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %eps = "tosa.const"() <{values = dense<1.0e-05> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %sum = tosa.reduce_sum %x {axis = 1 : i32} : (tensor<2x5x8xf32>) -> tensor<2x1x8xf32>
  %mean = tosa.mul %sum, %rn, %shift : (tensor<2x1x8xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<2x1x8xf32>
  %c = tosa.sub %x, %mean : (tensor<2x5x8xf32>, tensor<2x1x8xf32>) -> tensor<2x5x8xf32>
  %sq = tosa.mul %c, %c, %shift : (tensor<2x5x8xf32>, tensor<2x5x8xf32>, tensor<1xi8>) -> tensor<2x5x8xf32>
  %vsum = tosa.reduce_sum %sq {axis = 1 : i32} : (tensor<2x5x8xf32>) -> tensor<2x1x8xf32>
  %var = tosa.mul %vsum, %rn, %shift : (tensor<2x1x8xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<2x1x8xf32>
  %ve = tosa.add %var, %eps : (tensor<2x1x8xf32>, tensor<1x1x1xf32>) -> tensor<2x1x8xf32>
  %rstd = tosa.rsqrt %ve : (tensor<2x1x8xf32>) -> tensor<2x1x8xf32>
  %y = tosa.mul %c, %rstd, %shift : (tensor<2x5x8xf32>, tensor<2x1x8xf32>, tensor<1xi8>) -> tensor<2x5x8xf32>
  return %y : tensor<2x5x8xf32>
}

// -----

// The unbiased variance (sum / (E - 1), torch.var's default) is not
// LayerNorm's.
// CHECK-LABEL: func.func @negative_unbiased_variance
//   CHECK-NOT:   attn.layer_norm
//       CHECK:   {{tosa.rsqrt|math.rsqrt}}
//   CHECK-NOT:   attn.layer_norm
func.func @negative_unbiased_variance(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %rn = "tosa.const"() <{values = dense<0.125> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %rn1 = "tosa.const"() <{values = dense<0.142857149> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %eps = "tosa.const"() <{values = dense<1.0e-05> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %sum = tosa.reduce_sum %x {axis = 1 : i32} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  %mean = tosa.mul %sum, %rn, %shift : (tensor<4x1xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<4x1xf32>
  %c = tosa.sub %x, %mean : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %sq = tosa.mul %c, %c, %shift : (tensor<4x8xf32>, tensor<4x8xf32>, tensor<1xi8>) -> tensor<4x8xf32>
  %vsum = tosa.reduce_sum %sq {axis = 1 : i32} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  %var = tosa.mul %vsum, %rn1, %shift : (tensor<4x1xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<4x1xf32>
  %ve = tosa.add %var, %eps : (tensor<4x1xf32>, tensor<1x1xf32>) -> tensor<4x1xf32>
  %rstd = tosa.rsqrt %ve : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %y = tosa.mul %c, %rstd, %shift : (tensor<4x8xf32>, tensor<4x1xf32>, tensor<1xi8>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// The variance of another tensor than the one centered.
// CHECK-LABEL: func.func @negative_variance_of_other
//   CHECK-NOT:   attn.layer_norm
func.func @negative_variance_of_other(%x: tensor<4x8xf32>, %z: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %rn = "tosa.const"() <{values = dense<0.125> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %eps = "tosa.const"() <{values = dense<1.0e-05> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %sum = tosa.reduce_sum %x {axis = 1 : i32} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  %mean = tosa.mul %sum, %rn, %shift : (tensor<4x1xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<4x1xf32>
  %c = tosa.sub %x, %mean : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %zsum = tosa.reduce_sum %z {axis = 1 : i32} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  %zmean = tosa.mul %zsum, %rn, %shift : (tensor<4x1xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<4x1xf32>
  %zc = tosa.sub %z, %zmean : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %sq = tosa.mul %zc, %zc, %shift : (tensor<4x8xf32>, tensor<4x8xf32>, tensor<1xi8>) -> tensor<4x8xf32>
  %vsum = tosa.reduce_sum %sq {axis = 1 : i32} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  %var = tosa.mul %vsum, %rn, %shift : (tensor<4x1xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<4x1xf32>
  %ve = tosa.add %var, %eps : (tensor<4x1xf32>, tensor<1x1xf32>) -> tensor<4x1xf32>
  %rstd = tosa.rsqrt %ve : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %y = tosa.mul %c, %rstd, %shift : (tensor<4x8xf32>, tensor<4x1xf32>, tensor<1xi8>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}

// -----

// A per-row factor after the normalization is no weight: the layer norm is
// raised, the product stays.
// CHECK-LABEL: func.func @negative_row_scale
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<4x8xf32>, %[[S:[^:]+]]: tensor<4x1xf32>
//       CHECK:   %[[N:.+]] = attn.layer_norm %[[X]] eps(9.99999974E-6) : tensor<4x8xf32>
//       CHECK:   {{tosa.mul|linalg.generic}}
//   CHECK-NOT:   weight(
func.func @negative_row_scale(%x: tensor<4x8xf32>, %s: tensor<4x1xf32>) -> tensor<4x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %rn = "tosa.const"() <{values = dense<0.125> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %eps = "tosa.const"() <{values = dense<1.0e-05> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %sum = tosa.reduce_sum %x {axis = 1 : i32} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  %mean = tosa.mul %sum, %rn, %shift : (tensor<4x1xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<4x1xf32>
  %c = tosa.sub %x, %mean : (tensor<4x8xf32>, tensor<4x1xf32>) -> tensor<4x8xf32>
  %sq = tosa.mul %c, %c, %shift : (tensor<4x8xf32>, tensor<4x8xf32>, tensor<1xi8>) -> tensor<4x8xf32>
  %vsum = tosa.reduce_sum %sq {axis = 1 : i32} : (tensor<4x8xf32>) -> tensor<4x1xf32>
  %var = tosa.mul %vsum, %rn, %shift : (tensor<4x1xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<4x1xf32>
  %ve = tosa.add %var, %eps : (tensor<4x1xf32>, tensor<1x1xf32>) -> tensor<4x1xf32>
  %rstd = tosa.rsqrt %ve : (tensor<4x1xf32>) -> tensor<4x1xf32>
  %n = tosa.mul %c, %rstd, %shift : (tensor<4x8xf32>, tensor<4x1xf32>, tensor<1xi8>) -> tensor<4x8xf32>
  %y = tosa.mul %n, %s, %shift : (tensor<4x8xf32>, tensor<4x1xf32>, tensor<1xi8>) -> tensor<4x8xf32>
  return %y : tensor<4x8xf32>
}
