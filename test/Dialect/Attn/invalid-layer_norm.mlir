// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of attn.layer_norm's verifier.

func.func @input_f16(%x: tensor<4x8xf16>) -> tensor<4x8xf16> {
  // expected-error @+1 {{'attn.layer_norm' op input element type must be f32, got 'f16' (other element types are not supported yet)}}
  %0 = attn.layer_norm %x eps(1.0e-05) : tensor<4x8xf16>
  return %0 : tensor<4x8xf16>
}

// -----

func.func @input_dynamic(%x: tensor<?x8xf32>) -> tensor<?x8xf32> {
  // expected-error @+1 {{'attn.layer_norm' op input must have a static shape (dynamic dimensions are not supported yet)}}
  %0 = attn.layer_norm %x eps(1.0e-05) : tensor<?x8xf32>
  return %0 : tensor<?x8xf32>
}

// -----

func.func @input_empty(%x: tensor<4x0xf32>) -> tensor<4x0xf32> {
  // expected-error @+1 {{'attn.layer_norm' op input has a zero-sized dimension}}
  %0 = attn.layer_norm %x eps(1.0e-05) : tensor<4x0xf32>
  return %0 : tensor<4x0xf32>
}

// -----

func.func @input_rank0(%x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'attn.layer_norm' op input must have rank 1 or more ([..., E])}}
  %0 = attn.layer_norm %x eps(1.0e-05) : tensor<f32>
  return %0 : tensor<f32>
}

// -----

func.func @weight_rank2(%x: tensor<4x8xf32>, %w: tensor<1x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'attn.layer_norm' op weight must have rank 1 ([E]), got rank 2}}
  %0 = attn.layer_norm %x weight(%w : tensor<1x8xf32>) eps(1.0e-05) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @weight_size(%x: tensor<4x8xf32>, %w: tensor<4xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'attn.layer_norm' op weight has 4 elements, the normalized dimension has 8}}
  %0 = attn.layer_norm %x weight(%w : tensor<4xf32>) eps(1.0e-05) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @bias_size(%x: tensor<4x8xf32>, %b: tensor<9xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'attn.layer_norm' op bias has 9 elements, the normalized dimension has 8}}
  %0 = attn.layer_norm %x bias(%b : tensor<9xf32>) eps(1.0e-05) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @bias_i1(%x: tensor<4x8xf32>, %b: tensor<8xi1>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'attn.layer_norm' op bias element type must be f32, got 'i1'}}
  %0 = attn.layer_norm %x bias(%b : tensor<8xi1>) eps(1.0e-05) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @eps_negative(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'attn.layer_norm' op eps must be non-negative, got -1.000000e-05}}
  %0 = attn.layer_norm %x eps(-1.0e-05) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @eps_inf(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'attn.layer_norm' op eps must be finite, got inf}}
  %0 = attn.layer_norm %x eps(0x7F800000) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @eps_nan(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'attn.layer_norm' op eps must be finite, got nan}}
  %0 = attn.layer_norm %x eps(0x7FC00000) : tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

// The result type is the input's (ODS: AllTypesMatch).
func.func @result_type(%x: tensor<4x8xf32>) -> tensor<4x9xf32> {
  // expected-error @+1 {{'attn.layer_norm' op failed to verify that all of {input, result} have same type}}
  %0 = "attn.layer_norm"(%x) <{eps = 1.0e-05 : f32, operandSegmentSizes = array<i32: 1, 0, 0>}> : (tensor<4x8xf32>) -> tensor<4x9xf32>
  return %0 : tensor<4x9xf32>
}
