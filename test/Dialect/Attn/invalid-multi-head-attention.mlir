// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of attn.multi_head_attention's verifier.

func.func @rank(%x: tensor<16x64xf32>, %w: tensor<64x64xf32>) -> tensor<16x64xf32> {
  // expected-error @+1 {{'attn.multi_head_attention' op query must have rank 3 ([B, sequence, features]), got rank 2}}
  %y = attn.multi_head_attention %x, %x, %x heads(4) q_proj(%w : tensor<64x64xf32>) k_proj(%w : tensor<64x64xf32>) v_proj(%w : tensor<64x64xf32>) o_proj(%w : tensor<64x64xf32>) : tensor<16x64xf32>, tensor<16x64xf32>, tensor<16x64xf32> -> tensor<16x64xf32>
  return %y : tensor<16x64xf32>
}

// -----

func.func @batch(%q: tensor<2x4x8xf32>, %k: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> tensor<2x4x8xf32> {
  // expected-error @+1 {{batch sizes differ: query 2, key 1, value 1}}
  %y = attn.multi_head_attention %q, %k, %k heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<2x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<2x4x8xf32>
  return %y : tensor<2x4x8xf32>
}

// -----

func.func @kv_length(%q: tensor<1x4x8xf32>, %k: tensor<1x5x8xf32>, %v: tensor<1x6x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{value sequence length 6 does not match key sequence length 5}}
  %y = attn.multi_head_attention %q, %k, %v heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<1x4x8xf32>, tensor<1x5x8xf32>, tensor<1x6x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @zero_heads(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{head counts must be positive}}
  %y = attn.multi_head_attention %x, %x, %x heads(0) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @kv_heads_not_dividing(%x: tensor<1x4x12xf32>, %wq: tensor<12x12xf32>, %wk: tensor<8x12xf32>) -> tensor<1x4x12xf32> {
  // expected-error @+1 {{query heads (3) must be a multiple of key/value heads (2)}}
  %y = attn.multi_head_attention %x, %x, %x heads(3, 2) q_proj(%wq : tensor<12x12xf32>) k_proj(%wk : tensor<8x12xf32>) v_proj(%wk : tensor<8x12xf32>) o_proj(%wq : tensor<12x12xf32>) : tensor<1x4x12xf32>, tensor<1x4x12xf32>, tensor<1x4x12xf32> -> tensor<1x4x12xf32>
  return %y : tensor<1x4x12xf32>
}

// -----

func.func @weight_rank(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>, %w3: tensor<1x8x8xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{k_weight must have rank 2 ([out, in]), got rank 3}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w3 : tensor<1x8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @in_features(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>, %wv: tensor<8x6xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{v_weight has 6 input features, its input has 8}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%wv : tensor<8x6xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @bias_size(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>, %b: tensor<6xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{q_bias has 6 elements, q_weight has 8 rows}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32> bias %b : tensor<6xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @bias_f16(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>, %b: tensor<8xf16>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{o_bias element type must be f32, got 'f16'}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32> bias %b : tensor<8xf16>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @q_rows_not_heads(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>, %wq: tensor<9x8xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{q_weight rows (9) are not a multiple of the 2 heads}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%wq : tensor<9x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @k_rows(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>, %wk: tensor<6x8xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{k_weight rows (6) must be 2 key/value heads x head dim 4}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%wk : tensor<6x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @v_rows(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>, %wv: tensor<7x8xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{v_weight rows (7) are not a multiple of the 2 key/value heads}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%wv : tensor<7x8xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @o_in_features(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>, %wv: tensor<6x8xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{o_weight has 8 input features, its input has 6}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%wv : tensor<6x8xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @mask_shape(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>, %m: tensor<3x4xi1>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{mask of shape [3, 4] does not broadcast to the scores [B, H, N, M] = [1, 2, 4, 4]}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) mask(%m : tensor<3x4xi1>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @scale_inf(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{scale must be finite, got inf}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) scale(0x7F800000) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}

// -----

func.func @result_shape(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x6xf32> {
  // expected-error @+1 {{result shape [1, 4, 6] does not match the expected shape [1, 4, 8]}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x6xf32>
  return %y : tensor<1x4x6xf32>
}

// -----

func.func @mask_fill_without_mask(%x: tensor<1x4x8xf32>, %w: tensor<8x8xf32>) -> tensor<1x4x8xf32> {
  // expected-error @+1 {{mask_fill needs a mask}}
  %y = attn.multi_head_attention %x, %x, %x heads(2) q_proj(%w : tensor<8x8xf32>) k_proj(%w : tensor<8x8xf32>) v_proj(%w : tensor<8x8xf32>) o_proj(%w : tensor<8x8xf32>) mask_fill(-1.0e9) : tensor<1x4x8xf32>, tensor<1x4x8xf32>, tensor<1x4x8xf32> -> tensor<1x4x8xf32>
  return %y : tensor<1x4x8xf32>
}
