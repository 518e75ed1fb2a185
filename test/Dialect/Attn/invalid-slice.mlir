// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of attn.slice's verifier.

func.func @slice_rank(%x: tensor<4x8xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'attn.slice' op result rank 1 differs from the input rank 2}}
  %0 = attn.slice %x offsets [0, 0] : tensor<4x8xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @slice_offset_count(%x: tensor<4x8xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'attn.slice' op has 3 offsets, the input has rank 2}}
  %0 = attn.slice %x offsets [0, 0, 4] : tensor<4x8xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @slice_past_end(%x: tensor<4x8xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'attn.slice' op dimension 1: [5, 9) is not inside the input's [0, 8)}}
  %0 = attn.slice %x offsets [0, 5] : tensor<4x8xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @slice_negative(%x: tensor<4x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'attn.slice' op dimension 0: [-1, 1) is not inside the input's [0, 4)}}
  %0 = attn.slice %x offsets [-1, 0] : tensor<4x8xf32> -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @slice_element_type(%x: tensor<4x8xf32>) -> tensor<4x4xi1> {
  // expected-error @+1 {{'attn.slice' op result element type 'i1' differs from the input's 'f32'}}
  %0 = attn.slice %x offsets [0, 0] : tensor<4x8xf32> -> tensor<4x4xi1>
  return %0 : tensor<4x4xi1>
}

// -----

func.func @slice_f16(%x: tensor<4x8xf16>) -> tensor<4x4xf16> {
  // expected-error @+1 {{'attn.slice' op input element type must be f32 or i1, got 'f16'}}
  %0 = attn.slice %x offsets [0, 0] : tensor<4x8xf16> -> tensor<4x4xf16>
  return %0 : tensor<4x4xf16>
}

// -----

func.func @slice_dynamic_result(%x: tensor<4x8xf32>) -> tensor<4x?xf32> {
  // expected-error @+1 {{'attn.slice' op result must have a static shape}}
  %0 = attn.slice %x offsets [0, 0] : tensor<4x8xf32> -> tensor<4x?xf32>
  return %0 : tensor<4x?xf32>
}
