// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of attn.rope's verifier.

func.func @rope_odd_dim(%x: tensor<1x2x4x7xf32>, %t: tensor<4x7xf32>) -> tensor<1x2x4x7xf32> {
  // expected-error @+1 {{'attn.rope' op rotates pairs of the last dimension, which must have an even size; the input is [1, 2, 4, 7]}}
  %0 = attn.rope %x, %t, %t : tensor<1x2x4x7xf32>, tensor<4x7xf32>
  return %0 : tensor<1x2x4x7xf32>
}

// -----

func.func @rope_table_not_broadcast(%x: tensor<1x2x4x8xf32>, %t: tensor<5x8xf32>) -> tensor<1x2x4x8xf32> {
  // expected-error @+1 {{'attn.rope' op cos and sin of shape [5, 8] do not broadcast to the input shape [1, 2, 4, 8]}}
  %0 = attn.rope %x, %t, %t : tensor<1x2x4x8xf32>, tensor<5x8xf32>
  return %0 : tensor<1x2x4x8xf32>
}

// -----

func.func @rope_cos_sin_differ(%x: tensor<1x2x4x8xf32>, %c: tensor<4x8xf32>, %s: tensor<1x4x8xf32>) -> tensor<1x2x4x8xf32> {
  // expected-error @+1 {{'attn.rope' op failed to verify that all of {cos, sin} have same type}}
  %0 = "attn.rope"(%x, %c, %s) : (tensor<1x2x4x8xf32>, tensor<4x8xf32>, tensor<1x4x8xf32>) -> tensor<1x2x4x8xf32>
  return %0 : tensor<1x2x4x8xf32>
}

// -----

func.func @rope_result_type(%x: tensor<1x2x4x8xf32>, %t: tensor<4x8xf32>) -> tensor<1x2x8x4xf32> {
  // expected-error @+1 {{'attn.rope' op failed to verify that all of {input, result} have same type}}
  %0 = "attn.rope"(%x, %t, %t) : (tensor<1x2x4x8xf32>, tensor<4x8xf32>, tensor<4x8xf32>) -> tensor<1x2x8x4xf32>
  return %0 : tensor<1x2x8x4xf32>
}

// -----

func.func @rope_f16(%x: tensor<1x2x4x8xf16>, %t: tensor<4x8xf16>) -> tensor<1x2x4x8xf16> {
  // expected-error @+1 {{'attn.rope' op input element type must be f32, got 'f16' (other element types are not supported yet)}}
  %0 = attn.rope %x, %t, %t : tensor<1x2x4x8xf16>, tensor<4x8xf16>
  return %0 : tensor<1x2x4x8xf16>
}

// -----

func.func @rope_table_f16(%x: tensor<1x2x4x8xf32>, %t: tensor<4x8xf16>) -> tensor<1x2x4x8xf32> {
  // expected-error @+1 {{'attn.rope' op cos element type must be f32, got 'f16' (other element types are not supported yet)}}
  %0 = attn.rope %x, %t, %t : tensor<1x2x4x8xf32>, tensor<4x8xf16>
  return %0 : tensor<1x2x4x8xf32>
}

// -----

func.func @rope_dynamic(%x: tensor<1x2x?x8xf32>, %t: tensor<4x8xf32>) -> tensor<1x2x?x8xf32> {
  // expected-error @+1 {{'attn.rope' op input must have a static shape (dynamic dimensions are not supported yet)}}
  %0 = attn.rope %x, %t, %t : tensor<1x2x?x8xf32>, tensor<4x8xf32>
  return %0 : tensor<1x2x?x8xf32>
}
