// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of attn.gelu's verifier, and its parser errors.

func.func @gelu_f16(%x: tensor<4x8xf16>) -> tensor<4x8xf16> {
  // expected-error @+1 {{'attn.gelu' op input element type must be f32, got 'f16' (other element types are not supported yet)}}
  %0 = attn.gelu %x approximate(tanh) : tensor<4x8xf16>
  return %0 : tensor<4x8xf16>
}

// -----

func.func @gelu_dynamic(%x: tensor<4x?xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{'attn.gelu' op input must have a static shape (dynamic dimensions are not supported yet)}}
  %0 = attn.gelu %x approximate(none) : tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}

// -----

func.func @gelu_empty(%x: tensor<0xf32>) -> tensor<0xf32> {
  // expected-error @+1 {{'attn.gelu' op input has a zero-sized dimension}}
  %0 = attn.gelu %x approximate(none) : tensor<0xf32>
  return %0 : tensor<0xf32>
}

// -----

func.func @gelu_result_type(%x: tensor<4x8xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{'attn.gelu' op failed to verify that all of {input, result} have same type}}
  %0 = "attn.gelu"(%x) <{approximate = 1 : i32}> : (tensor<4x8xf32>) -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

func.func @gelu_unknown_approximation(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{custom op 'attn.gelu' expected string or keyword containing one of the following enum values for attribute 'approximate' [none, tanh]}}
  %0 = attn.gelu %x approximate(sigmoid) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}
