// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the attn.linear_attention verifier
// (lib/Dialect/Attn/IR/AttnOps.cpp), then the attribute and parser errors
// a user can hit with its feature map.

// Element types.
func.func @query_f16(%q: tensor<1x2x8x16xf16>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op query element type must be f32, got 'f16' (other element types are not supported yet)}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf16>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @key_bf16(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xbf16>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op key element type must be f32, got 'bf16' (other element types are not supported yet)}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xbf16>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @value_i1(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xi1>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op value element type must be f32, got 'i1' (other element types are not supported yet)}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xi1> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @result_i32(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xi32> {
  // expected-error @+1 {{'attn.linear_attention' op result element type must be f32, got 'i32' (other element types are not supported yet)}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xi32>
  return %0 : tensor<1x2x8x16xi32>
}

// -----

// Ranks.
func.func @query_rank3(%q: tensor<2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op query must have rank 4 ([B, H, N, D]), got rank 3}}
  %0 = attn.linear_attention %q, %k, %v : tensor<2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @key_rank5(%q: tensor<1x2x8x16xf32>, %k: tensor<1x1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op key must have rank 4 ([B, Hkv, M, D]), got rank 5}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @value_rank2(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op value must have rank 4 ([B, Hkv, M, Dv]), got rank 2}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @result_rank3(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op result must have rank 4 ([B, H, N, Dv]), got rank 3}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<2x8x16xf32>
  return %0 : tensor<2x8x16xf32>
}

// -----

// Static, non-empty shapes.
func.func @query_dynamic(%q: tensor<1x2x?x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x?x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op query must have a static shape (dynamic dimensions are not supported yet)}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x?x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x?x16xf32>
  return %0 : tensor<1x2x?x16xf32>
}

// -----

func.func @value_zero_dim(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x0xf32>) -> tensor<1x2x8x0xf32> {
  // expected-error @+1 {{'attn.linear_attention' op value has a zero-sized dimension}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x0xf32> -> tensor<1x2x8x0xf32>
  return %0 : tensor<1x2x8x0xf32>
}

// -----

// Shapes that do not fit together.
func.func @batch_mismatch(%q: tensor<1x2x8x16xf32>, %k: tensor<2x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op batch sizes differ: query 1, key 2, value 1}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<2x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @kv_heads_mismatch(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x1x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op key and value head counts differ (2 vs 1)}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @gqa_not_multiple(%q: tensor<1x3x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x3x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op query heads (3) must be a multiple of key/value heads (2)}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x3x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x3x8x16xf32>
  return %0 : tensor<1x3x8x16xf32>
}

// -----

func.func @head_dim_mismatch(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x12xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op key head dim 12 does not match query head dim 16}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x12xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @value_length_mismatch(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x10x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op value sequence length 8 does not match key sequence length 10}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x10x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @result_shape(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x8xf32> {
  // expected-error @+1 {{'attn.linear_attention' op result shape [1, 2, 8, 8] does not match the expected shape [1, 2, 8, 16]}}
  %0 = attn.linear_attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x8xf32>
  return %0 : tensor<1x2x8x8xf32>
}

// -----

// causal is top-left over one sequence: N must equal M.
func.func @causal_n_ne_m(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x12x16xf32>, %v: tensor<1x2x12x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.linear_attention' op causal requires as many queries as keys (N == M), got N = 8, M = 12}}
  %0 = attn.linear_attention %q, %k, %v causal : tensor<1x2x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}
// -----

// Only elu_plus_one exists so far.
func.func @feature_map_unknown(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'feature_map' [elu_plus_one]}}
  %0 = attn.linear_attention %q, %k, %v feature_map(relu) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @feature_map_generic_out_of_range(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{invalid properties {feature_map = 3 : i32} for op attn.linear_attention: Invalid attribute `feature_map` in property conversion: 3 : i32}}
  %0 = "attn.linear_attention"(%q, %k, %v) <{feature_map = 3 : i32}> : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

// causal takes no alignment: it is always top-left.
func.func @causal_alignment(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{expected ':'}}
  %0 = attn.linear_attention %q, %k, %v causal(bottom_right) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}
