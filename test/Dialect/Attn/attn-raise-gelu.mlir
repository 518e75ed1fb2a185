// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s
// RUN: attn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --split-input-file --attn-raise | FileCheck %s

// GELU, decomposed, raised to attn.gelu; each case also through
// --tosa-to-linalg. Near-misses stay as they are.

// GPT-2's gelu_new (NewGELUActivation) as torch-mlir lowers it: each torch
// scalar a rank-0 tosa.const reshaped to [1, 1, 1], x³ as tosa.pow.
// CHECK-LABEL: func.func @gelu_new_torch_mlir
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<1x4x12xf32>
//       CHECK:   %[[Y:.+]] = attn.gelu %[[X]] approximate(tanh) : tensor<1x4x12xf32>
//  CHECK-NEXT:   return %[[Y]]
func.func @gelu_new_torch_mlir(%x: tensor<1x4x12xf32>) -> tensor<1x4x12xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %ones = tosa.const_shape {values = dense<1> : tensor<3xindex>} : () -> !tosa.shape<3>
  %half0 = "tosa.const"() <{values = dense<5.000000e-01> : tensor<f32>}> : () -> tensor<f32>
  %half = tosa.reshape %half0, %ones : (tensor<f32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %three0 = "tosa.const"() <{values = dense<3.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  %three = tosa.reshape %three0, %ones : (tensor<f32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %coef0 = "tosa.const"() <{values = dense<4.471500e-02> : tensor<f32>}> : () -> tensor<f32>
  %coef = tosa.reshape %coef0, %ones : (tensor<f32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %k0 = "tosa.const"() <{values = dense<0.797884583> : tensor<f32>}> : () -> tensor<f32>
  %k = tosa.reshape %k0, %ones : (tensor<f32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %one0 = "tosa.const"() <{values = dense<1.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  %one = tosa.reshape %one0, %ones : (tensor<f32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %h = tosa.mul %x, %half, %shift : (tensor<1x4x12xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x12xf32>
  %cube = tosa.pow %x, %three : (tensor<1x4x12xf32>, tensor<1x1x1xf32>) -> tensor<1x4x12xf32>
  %q = tosa.mul %cube, %coef, %shift : (tensor<1x4x12xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x12xf32>
  %s = tosa.add %x, %q : (tensor<1x4x12xf32>, tensor<1x4x12xf32>) -> tensor<1x4x12xf32>
  %u = tosa.mul %s, %k, %shift : (tensor<1x4x12xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<1x4x12xf32>
  %t = tosa.tanh %u : (tensor<1x4x12xf32>) -> tensor<1x4x12xf32>
  %v = tosa.add %t, %one : (tensor<1x4x12xf32>, tensor<1x1x1xf32>) -> tensor<1x4x12xf32>
  %y = tosa.mul %h, %v, %shift : (tensor<1x4x12xf32>, tensor<1x4x12xf32>, tensor<1xi8>) -> tensor<1x4x12xf32>
  return %y : tensor<1x4x12xf32>
}

// -----

// The same written otherwise: x·x·x, the constants on the other side, the
// 0.5 applied to the product last, the 1 added first.
// CHECK-LABEL: func.func @gelu_tanh_reordered
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<3x7xf32>
//       CHECK:   %[[Y:.+]] = attn.gelu %[[X]] approximate(tanh) : tensor<3x7xf32>
//  CHECK-NEXT:   return %[[Y]]
func.func @gelu_tanh_reordered(%x: tensor<3x7xf32>) -> tensor<3x7xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %half = "tosa.const"() <{values = dense<5.000000e-01> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %coef = "tosa.const"() <{values = dense<4.471500e-02> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %k = "tosa.const"() <{values = dense<0.797884583> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %one = "tosa.const"() <{values = dense<1.000000e+00> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %x2 = tosa.mul %x, %x, %shift : (tensor<3x7xf32>, tensor<3x7xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %x3 = tosa.mul %x2, %x, %shift : (tensor<3x7xf32>, tensor<3x7xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %q = tosa.mul %coef, %x3, %shift : (tensor<1x1xf32>, tensor<3x7xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %s = tosa.add %q, %x : (tensor<3x7xf32>, tensor<3x7xf32>) -> tensor<3x7xf32>
  %u = tosa.mul %k, %s, %shift : (tensor<1x1xf32>, tensor<3x7xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %t = tosa.tanh %u : (tensor<3x7xf32>) -> tensor<3x7xf32>
  %v = tosa.add %one, %t : (tensor<1x1xf32>, tensor<3x7xf32>) -> tensor<3x7xf32>
  %p = tosa.mul %v, %x, %shift : (tensor<3x7xf32>, tensor<3x7xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %y = tosa.mul %p, %half, %shift : (tensor<3x7xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  return %y : tensor<3x7xf32>
}

// -----

// The exact GELU, x · 0.5·(1 + erf(x · 1/√2)) (torch's gelu with
// approximate='none').
// CHECK-LABEL: func.func @gelu_erf
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x9xf32>
//       CHECK:   %[[Y:.+]] = attn.gelu %[[X]] approximate(none) : tensor<2x9xf32>
//  CHECK-NEXT:   return %[[Y]]
func.func @gelu_erf(%x: tensor<2x9xf32>) -> tensor<2x9xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %half = "tosa.const"() <{values = dense<5.000000e-01> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %rsqrt2 = "tosa.const"() <{values = dense<0.707106769> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %one = "tosa.const"() <{values = dense<1.000000e+00> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %u = tosa.mul %x, %rsqrt2, %shift : (tensor<2x9xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x9xf32>
  %e = tosa.erf %u : (tensor<2x9xf32>) -> tensor<2x9xf32>
  %v = tosa.add %e, %one : (tensor<2x9xf32>, tensor<1x1xf32>) -> tensor<2x9xf32>
  %cdf = tosa.mul %v, %half, %shift : (tensor<2x9xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<2x9xf32>
  %y = tosa.mul %x, %cdf, %shift : (tensor<2x9xf32>, tensor<2x9xf32>, tensor<1xi8>) -> tensor<2x9xf32>
  return %y : tensor<2x9xf32>
}

// -----

// torch-mlir's nn.GELU() (approximate='none'), as written for ViT's MLP:
// the unit normal CDF with its mean 0 subtracted, every scalar a rank-0
// constant reshaped: x · (0.5 · (1 + erf((x - 0) · 0.70710678))).
// CHECK-LABEL: func.func @gelu_erf_torch_mlir
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<1x3x10xf32>
//       CHECK:   %[[Y:.+]] = attn.gelu %[[X]] approximate(none) : tensor<1x3x10xf32>
//  CHECK-NEXT:   return %[[Y]]
func.func @gelu_erf_torch_mlir(%x: tensor<1x3x10xf32>) -> tensor<1x3x10xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %ones = tosa.const_shape {values = dense<[1, 1, 1]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %zero0 = "tosa.const"() <{values = dense<0.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  %one0 = "tosa.const"() <{values = dense<1.000000e+00> : tensor<f32>}> : () -> tensor<f32>
  %half0 = "tosa.const"() <{values = dense<5.000000e-01> : tensor<f32>}> : () -> tensor<f32>
  %rsqrt20 = "tosa.const"() <{values = dense<0.707106769> : tensor<f32>}> : () -> tensor<f32>
  %zero = tosa.reshape %zero0, %ones : (tensor<f32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %one = tosa.reshape %one0, %ones : (tensor<f32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %half = tosa.reshape %half0, %ones : (tensor<f32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %rsqrt2 = tosa.reshape %rsqrt20, %ones : (tensor<f32>, !tosa.shape<3>) -> tensor<1x1x1xf32>
  %c = tosa.sub %x, %zero : (tensor<1x3x10xf32>, tensor<1x1x1xf32>) -> tensor<1x3x10xf32>
  %u = tosa.mul %c, %rsqrt2, %shift : (tensor<1x3x10xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<1x3x10xf32>
  %e = tosa.erf %u : (tensor<1x3x10xf32>) -> tensor<1x3x10xf32>
  %v = tosa.add %one, %e : (tensor<1x1x1xf32>, tensor<1x3x10xf32>) -> tensor<1x3x10xf32>
  %cdf = tosa.mul %half, %v, %shift : (tensor<1x1x1xf32>, tensor<1x3x10xf32>, tensor<1xi8>) -> tensor<1x3x10xf32>
  %y = tosa.mul %x, %cdf, %shift : (tensor<1x3x10xf32>, tensor<1x3x10xf32>, tensor<1xi8>) -> tensor<1x3x10xf32>
  return %y : tensor<1x3x10xf32>
}

// -----

// The normal CDF around a mean of 0.5, x · Φ(x - 0.5): not GELU.
// CHECK-LABEL: func.func @negative_shifted_cdf
//   CHECK-NOT:   attn.gelu
//       CHECK:   {{tosa.erf|math.erf}}
//   CHECK-NOT:   attn.gelu
func.func @negative_shifted_cdf(%x: tensor<1x3x10xf32>) -> tensor<1x3x10xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %mean = "tosa.const"() <{values = dense<5.000000e-01> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %one = "tosa.const"() <{values = dense<1.000000e+00> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %half = "tosa.const"() <{values = dense<5.000000e-01> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %rsqrt2 = "tosa.const"() <{values = dense<0.707106769> : tensor<1x1x1xf32>}> : () -> tensor<1x1x1xf32>
  %c = tosa.sub %x, %mean : (tensor<1x3x10xf32>, tensor<1x1x1xf32>) -> tensor<1x3x10xf32>
  %u = tosa.mul %c, %rsqrt2, %shift : (tensor<1x3x10xf32>, tensor<1x1x1xf32>, tensor<1xi8>) -> tensor<1x3x10xf32>
  %e = tosa.erf %u : (tensor<1x3x10xf32>) -> tensor<1x3x10xf32>
  %v = tosa.add %one, %e : (tensor<1x1x1xf32>, tensor<1x3x10xf32>) -> tensor<1x3x10xf32>
  %cdf = tosa.mul %half, %v, %shift : (tensor<1x1x1xf32>, tensor<1x3x10xf32>, tensor<1xi8>) -> tensor<1x3x10xf32>
  %y = tosa.mul %x, %cdf, %shift : (tensor<1x3x10xf32>, tensor<1x3x10xf32>, tensor<1xi8>) -> tensor<1x3x10xf32>
  return %y : tensor<1x3x10xf32>
}

// -----

// 0.044 instead of 0.044715: not GELU.
// CHECK-LABEL: func.func @negative_wrong_constant
//   CHECK-NOT:   attn.gelu
//       CHECK:   {{tosa.tanh|math.tanh}}
//   CHECK-NOT:   attn.gelu
func.func @negative_wrong_constant(%x: tensor<3x7xf32>) -> tensor<3x7xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %half = "tosa.const"() <{values = dense<5.000000e-01> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %three = "tosa.const"() <{values = dense<3.000000e+00> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %coef = "tosa.const"() <{values = dense<4.400000e-02> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %k = "tosa.const"() <{values = dense<0.797884583> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %one = "tosa.const"() <{values = dense<1.000000e+00> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %h = tosa.mul %x, %half, %shift : (tensor<3x7xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %cube = tosa.pow %x, %three : (tensor<3x7xf32>, tensor<1x1xf32>) -> tensor<3x7xf32>
  %q = tosa.mul %cube, %coef, %shift : (tensor<3x7xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %s = tosa.add %x, %q : (tensor<3x7xf32>, tensor<3x7xf32>) -> tensor<3x7xf32>
  %u = tosa.mul %s, %k, %shift : (tensor<3x7xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %t = tosa.tanh %u : (tensor<3x7xf32>) -> tensor<3x7xf32>
  %v = tosa.add %t, %one : (tensor<3x7xf32>, tensor<1x1xf32>) -> tensor<3x7xf32>
  %y = tosa.mul %h, %v, %shift : (tensor<3x7xf32>, tensor<3x7xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  return %y : tensor<3x7xf32>
}

// -----

// x^2 instead of x^3 inside the tanh.
// CHECK-LABEL: func.func @negative_square
//   CHECK-NOT:   attn.gelu
func.func @negative_square(%x: tensor<3x7xf32>) -> tensor<3x7xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %half = "tosa.const"() <{values = dense<5.000000e-01> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %two = "tosa.const"() <{values = dense<2.000000e+00> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %coef = "tosa.const"() <{values = dense<4.471500e-02> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %k = "tosa.const"() <{values = dense<0.797884583> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %one = "tosa.const"() <{values = dense<1.000000e+00> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %h = tosa.mul %x, %half, %shift : (tensor<3x7xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %sq = tosa.pow %x, %two : (tensor<3x7xf32>, tensor<1x1xf32>) -> tensor<3x7xf32>
  %q = tosa.mul %sq, %coef, %shift : (tensor<3x7xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %s = tosa.add %x, %q : (tensor<3x7xf32>, tensor<3x7xf32>) -> tensor<3x7xf32>
  %u = tosa.mul %s, %k, %shift : (tensor<3x7xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %t = tosa.tanh %u : (tensor<3x7xf32>) -> tensor<3x7xf32>
  %v = tosa.add %t, %one : (tensor<3x7xf32>, tensor<1x1xf32>) -> tensor<3x7xf32>
  %y = tosa.mul %h, %v, %shift : (tensor<3x7xf32>, tensor<3x7xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  return %y : tensor<3x7xf32>
}

// -----

// The gate computed from another tensor than the one it multiplies
// (x · 0.5·(1 + tanh(k·(z + c·z³)))): not GELU.
// CHECK-LABEL: func.func @negative_other_gate
//   CHECK-NOT:   attn.gelu
func.func @negative_other_gate(%x: tensor<3x7xf32>, %z: tensor<3x7xf32>) -> tensor<3x7xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %half = "tosa.const"() <{values = dense<5.000000e-01> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %three = "tosa.const"() <{values = dense<3.000000e+00> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %coef = "tosa.const"() <{values = dense<4.471500e-02> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %k = "tosa.const"() <{values = dense<0.797884583> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %one = "tosa.const"() <{values = dense<1.000000e+00> : tensor<1x1xf32>}> : () -> tensor<1x1xf32>
  %h = tosa.mul %x, %half, %shift : (tensor<3x7xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %cube = tosa.pow %z, %three : (tensor<3x7xf32>, tensor<1x1xf32>) -> tensor<3x7xf32>
  %q = tosa.mul %cube, %coef, %shift : (tensor<3x7xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %s = tosa.add %z, %q : (tensor<3x7xf32>, tensor<3x7xf32>) -> tensor<3x7xf32>
  %u = tosa.mul %s, %k, %shift : (tensor<3x7xf32>, tensor<1x1xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  %t = tosa.tanh %u : (tensor<3x7xf32>) -> tensor<3x7xf32>
  %v = tosa.add %t, %one : (tensor<3x7xf32>, tensor<1x1xf32>) -> tensor<3x7xf32>
  %y = tosa.mul %h, %v, %shift : (tensor<3x7xf32>, tensor<3x7xf32>, tensor<1xi8>) -> tensor<3x7xf32>
  return %y : tensor<3x7xf32>
}
