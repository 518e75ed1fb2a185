// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the attn verifiers (lib/Dialect/Attn/IR/AttnOps.cpp),
// then the ODS constraints and parser errors a user can hit.

//===----------------------------------------------------------------------===//
// Tensor checks shared by every op
//===----------------------------------------------------------------------===//

func.func @attention_f64(%q: tensor<1x2x8x16xf64>) -> tensor<1x2x8x16xf64> {
  // expected-error @+1 {{'attn.attention' op query element type must be f32, f16 or bf16, got 'f64' (other element types are not supported yet)}}
  %0 = attn.attention %q, %q, %q : tensor<1x2x8x16xf64>, tensor<1x2x8x16xf64>, tensor<1x2x8x16xf64> -> tensor<1x2x8x16xf64>
  return %0 : tensor<1x2x8x16xf64>
}

// -----

// Query, key, value and result share one element type.
func.func @attention_f16_key_f32(%q: tensor<1x2x8x16xf16>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf16> {
  // expected-error @+1 {{'attn.attention' op key element type 'f32' differs from the query's 'f16' (query, key, value and result share one)}}
  %0 = attn.attention %q, %k, %v : tensor<1x2x8x16xf16>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf16>
  return %0 : tensor<1x2x8x16xf16>
}

// -----

func.func @attention_bf16_value_f16(%q: tensor<1x2x8x16xbf16>, %v: tensor<1x2x8x16xf16>) -> tensor<1x2x8x16xbf16> {
  // expected-error @+1 {{'attn.attention' op value element type 'f16' differs from the query's 'bf16' (query, key, value and result share one)}}
  %0 = attn.attention %q, %q, %v : tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16>, tensor<1x2x8x16xf16> -> tensor<1x2x8x16xbf16>
  return %0 : tensor<1x2x8x16xbf16>
}

// -----

// The result is stored like the inputs (accumulation is f32 inside).
func.func @attention_f16_result_f32(%q: tensor<1x2x8x16xf16>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op result element type 'f32' differs from the query's 'f16' (query, key, value and result share one)}}
  %0 = attn.attention %q, %q, %q : tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @attention_f32_result_bf16(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xbf16> {
  // expected-error @+1 {{'attn.attention' op result element type 'bf16' differs from the query's 'f32' (query, key, value and result share one)}}
  %0 = attn.attention %q, %q, %q : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xbf16>
  return %0 : tensor<1x2x8x16xbf16>
}

// -----

// An additive mask is f32 or the query's type: not another narrow type.
func.func @attention_f16_mask_bf16(%q: tensor<1x2x8x16xf16>, %m: tensor<8x8xbf16>) -> tensor<1x2x8x16xf16> {
  // expected-error @+1 {{'attn.attention' op mask element type must be f32, 'f16' (the query's) or i1, got 'bf16'}}
  %0 = attn.attention %q, %q, %q mask(%m : tensor<8x8xbf16>) : tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16> -> tensor<1x2x8x16xf16>
  return %0 : tensor<1x2x8x16xf16>
}

// -----

func.func @attention_f32_mask_f16(%q: tensor<1x2x8x16xf32>, %m: tensor<8x8xf16>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op mask element type must be f32 or i1, got 'f16'}}
  %0 = attn.attention %q, %q, %q mask(%m : tensor<8x8xf16>) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @online_attention_f16_key_bf16(%q: tensor<1x2x4x8xf16>, %k: tensor<1x2x4x8xbf16>) -> tensor<2x1x2x4x8xf32> {
  // expected-error @+1 {{'attn.online_attention' op key element type 'bf16' differs from the query's 'f16' (query, key, value and result share one)}}
  %acc, %max, %sum = attn.online_attention %q, %k, %k scale(1.0) tiling <query_tile = 4, kv_tile = 2, kv_splits = 2> : tensor<1x2x4x8xf16>, tensor<1x2x4x8xbf16>, tensor<1x2x4x8xbf16> -> tensor<2x1x2x4x8xf32>, tensor<2x1x2x4xf32>, tensor<2x1x2x4xf32>
  return %acc : tensor<2x1x2x4x8xf32>
}

// -----

// The running (acc, max, sum) of narrow inputs stay f32.
func.func @online_attention_f16_acc(%q: tensor<1x2x4x8xf16>) -> tensor<2x1x2x4x8xf16> {
  // expected-error @+1 {{'attn.online_attention' op acc element type must be f32, got 'f16' (other element types are not supported yet)}}
  %acc, %max, %sum = attn.online_attention %q, %q, %q scale(1.0) tiling <query_tile = 4, kv_tile = 2, kv_splits = 2> : tensor<1x2x4x8xf16>, tensor<1x2x4x8xf16>, tensor<1x2x4x8xf16> -> tensor<2x1x2x4x8xf16>, tensor<2x1x2x4xf32>, tensor<2x1x2x4xf32>
  return %acc : tensor<2x1x2x4x8xf16>
}

// -----

func.func @online_finalize_type(%q: tensor<1x2x4x8xbf16>) -> tensor<1x2x4x8xf16> {
  %acc, %max, %sum = attn.online_attention %q, %q, %q scale(1.0) tiling <query_tile = 4, kv_tile = 2, kv_splits = 2> : tensor<1x2x4x8xbf16>, tensor<1x2x4x8xbf16>, tensor<1x2x4x8xbf16> -> tensor<2x1x2x4x8xf32>, tensor<2x1x2x4xf32>, tensor<2x1x2x4xf32>
  // expected-error @+1 {{'attn.online_finalize' op result element type 'f16' differs from the query's 'bf16' (query, key, value and result share one)}}
  %o = attn.online_finalize %acc, %max, %sum : tensor<2x1x2x4x8xf32>, tensor<2x1x2x4xf32>, tensor<2x1x2x4xf32> -> tensor<1x2x4x8xf16>
  return %o : tensor<1x2x4x8xf16>
}

// -----

func.func @online_finalize_f64(%acc: tensor<2x1x2x4x8xf32>, %max: tensor<2x1x2x4xf32>) -> tensor<1x2x4x8xf64> {
  // expected-error @+1 {{'attn.online_finalize' op result element type must be f32, f16 or bf16, got 'f64' (other element types are not supported yet)}}
  %o = attn.online_finalize %acc, %max, %max : tensor<2x1x2x4x8xf32>, tensor<2x1x2x4xf32>, tensor<2x1x2x4xf32> -> tensor<1x2x4x8xf64>
  return %o : tensor<1x2x4x8xf64>
}

// -----

// Graph ops stay f32: an f16 attention result cannot feed them.
func.func @scale_f16_attention(%q: tensor<1x2x8x16xf16>) -> tensor<1x2x8x16xf16> {
  %0 = attn.attention %q, %q, %q : tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16>, tensor<1x2x8x16xf16> -> tensor<1x2x8x16xf16>
  // expected-error @+1 {{'attn.scale' op input element type must be f32, got 'f16' (other element types are not supported yet)}}
  %1 = attn.scale %0 by 2.0 : tensor<1x2x8x16xf16>
  return %1 : tensor<1x2x8x16xf16>
}

// -----

func.func @mha_f16(%x: tensor<2x8x32xf16>, %w: tensor<32x32xf32>) -> tensor<2x8x32xf32> {
  // expected-error @+1 {{'attn.multi_head_attention' op query element type must be f32, got 'f16' (other element types are not supported yet)}}
  %0 = attn.multi_head_attention %x, %x, %x heads(4) q_proj(%w : tensor<32x32xf32>) k_proj(%w : tensor<32x32xf32>) v_proj(%w : tensor<32x32xf32>) o_proj(%w : tensor<32x32xf32>) : tensor<2x8x32xf16>, tensor<2x8x32xf16>, tensor<2x8x32xf16> -> tensor<2x8x32xf32>
  return %0 : tensor<2x8x32xf32>
}

// -----

func.func @linear_attention_bf16(%q: tensor<1x2x8x16xbf16>) -> tensor<1x2x8x16xbf16> {
  // expected-error @+1 {{'attn.linear_attention' op query element type must be f32, got 'bf16' (other element types are not supported yet)}}
  %0 = attn.linear_attention %q, %q, %q : tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16>, tensor<1x2x8x16xbf16> -> tensor<1x2x8x16xbf16>
  return %0 : tensor<1x2x8x16xbf16>
}

// -----

func.func @matmul_bf16(%a: tensor<4x8xf32>, %b: tensor<8x4xbf16>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'attn.matmul' op rhs element type must be f32, got 'bf16'}}
  %0 = attn.matmul %a, %b : tensor<4x8xf32>, tensor<8x4xbf16> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @add_i32_result(%a: tensor<4x8xf32>, %b: tensor<4x8xf32>) -> tensor<4x8xi32> {
  // expected-error @+1 {{'attn.add' op result element type must be f32, got 'i32'}}
  %0 = attn.add %a, %b : tensor<4x8xf32>, tensor<4x8xf32> -> tensor<4x8xi32>
  return %0 : tensor<4x8xi32>
}

// -----

func.func @attention_key_rank(%q: tensor<1x2x8x16xf32>, %k: tensor<2x8x16xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op key must have rank 4 ([B, Hkv, M, D]), got rank 3}}
  %0 = attn.attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @attention_result_rank(%q: tensor<1x2x8x16xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op result must have rank 4 ([B, Hq, N, Dv]), got rank 3}}
  %0 = attn.attention %q, %q, %q : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<2x8x16xf32>
  return %0 : tensor<2x8x16xf32>
}

// -----

func.func @attention_dynamic(%q: tensor<1x2x?x16xf32>, %k: tensor<1x2x8x16xf32>) -> tensor<1x2x?x16xf32> {
  // expected-error @+1 {{'attn.attention' op query must have a static shape (dynamic dimensions are not supported yet)}}
  %0 = attn.attention %q, %k, %k : tensor<1x2x?x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x?x16xf32>
  return %0 : tensor<1x2x?x16xf32>
}

// -----

func.func @reshape_zero_dim(%x: tensor<4x0xf32>) -> tensor<0xf32> {
  // expected-error @+1 {{'attn.reshape' op input has a zero-sized dimension}}
  %0 = attn.reshape %x : tensor<4x0xf32> -> tensor<0xf32>
  return %0 : tensor<0xf32>
}

//===----------------------------------------------------------------------===//
// attn.attention
//===----------------------------------------------------------------------===//

// -----

func.func @attention_batch(%q: tensor<2x2x8x16xf32>, %k: tensor<1x2x8x16xf32>) -> tensor<2x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op batch sizes differ: query 2, key 1, value 1}}
  %0 = attn.attention %q, %k, %k : tensor<2x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<2x2x8x16xf32>
  return %0 : tensor<2x2x8x16xf32>
}

// -----

func.func @attention_kv_heads(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x1x8x16xf32>) -> tensor<1x4x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op key and value head counts differ (2 vs 1)}}
  %0 = attn.attention %q, %k, %v : tensor<1x4x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32> -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @attention_gqa_not_multiple(%q: tensor<1x6x8x16xf32>, %k: tensor<1x4x8x16xf32>) -> tensor<1x6x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op query heads (6) must be a multiple of key/value heads (4)}}
  %0 = attn.attention %q, %k, %k : tensor<1x6x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x6x8x16xf32>
  return %0 : tensor<1x6x8x16xf32>
}

// -----

func.func @attention_fewer_query_heads(%q: tensor<1x2x8x16xf32>, %k: tensor<1x4x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op query heads (2) must be a multiple of key/value heads (4)}}
  %0 = attn.attention %q, %k, %k : tensor<1x2x8x16xf32>, tensor<1x4x8x16xf32>, tensor<1x4x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @attention_head_dim(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x32xf32>, %v: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op key head dim 32 does not match query head dim 16}}
  %0 = attn.attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x32xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @attention_kv_seq(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x12x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op value sequence length 12 does not match key sequence length 8}}
  %0 = attn.attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x12x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

// The result takes the value head dim (Dv = 24), not the query head dim.
func.func @attention_result_shape(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x8x16xf32>, %v: tensor<1x2x8x24xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op result shape [1, 2, 8, 16] does not match the expected shape [1, 2, 8, 24]}}
  %0 = attn.attention %q, %k, %v : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x24xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @attention_mask_type(%q: tensor<1x2x8x16xf32>, %m: tensor<8x8xi8>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op mask element type must be f32 or i1, got 'i8'}}
  %0 = attn.attention %q, %q, %q mask(%m : tensor<8x8xi8>) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

// The mask is [N, M] = [8, 12] transposed.
func.func @attention_mask_broadcast(%q: tensor<1x2x8x16xf32>, %k: tensor<1x2x12x16xf32>, %m: tensor<12x8xi1>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op mask of shape [12, 8] does not broadcast to the scores [B, Hq, N, M] = [1, 2, 8, 12]}}
  %0 = attn.attention %q, %k, %k mask(%m : tensor<12x8xi1>) : tensor<1x2x8x16xf32>, tensor<1x2x12x16xf32>, tensor<1x2x12x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

// A mask of rank 5 never broadcasts to the rank-4 scores, even with unit dims.
func.func @attention_mask_rank(%q: tensor<1x2x8x16xf32>, %m: tensor<1x1x2x8x8xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op mask of shape [1, 1, 2, 8, 8] does not broadcast to the scores}}
  %0 = attn.attention %q, %q, %q mask(%m : tensor<1x1x2x8x8xf32>) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

// A mask with the key/value head count (2) instead of the query head count (4).
func.func @attention_mask_kv_heads(%q: tensor<1x4x8x16xf32>, %k: tensor<1x2x8x16xf32>, %m: tensor<2x8x8xi1>) -> tensor<1x4x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op mask of shape [2, 8, 8] does not broadcast to the scores [B, Hq, N, M] = [1, 4, 8, 8]}}
  %0 = attn.attention %q, %k, %k mask(%m : tensor<2x8x8xi1>) : tensor<1x4x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x4x8x16xf32>
  return %0 : tensor<1x4x8x16xf32>
}

// -----

func.func @attention_scale_inf(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op scale must be finite, got inf}}
  %0 = attn.attention %q, %q, %q scale(0x7F800000) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

// -----

func.func @attention_scale_nan(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op scale must be finite, got nan}}
  %0 = attn.attention %q, %q, %q scale(0x7FC00000) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %0 : tensor<1x2x8x16xf32>
}

//===----------------------------------------------------------------------===//
// attn.matmul
//===----------------------------------------------------------------------===//

// -----

func.func @matmul_rank1(%a: tensor<8xf32>, %b: tensor<8x4xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'attn.matmul' op operands must have rank 2 or more}}
  %0 = attn.matmul %a, %b : tensor<8xf32>, tensor<8x4xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @matmul_contraction(%a: tensor<4x8xf32>, %b: tensor<6x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'attn.matmul' op contraction dimensions differ: lhs has 8, rhs has 6}}
  %0 = attn.matmul %a, %b : tensor<4x8xf32>, tensor<6x4xf32> -> tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// Q Kᵀ without transpose_rhs: K's sequence length is taken as the contraction.
func.func @matmul_missing_transpose(%q: tensor<2x16x64xf32>, %k: tensor<2x32x64xf32>) -> tensor<2x16x32xf32> {
  // expected-error @+1 {{'attn.matmul' op contraction dimensions differ: lhs has 64, rhs has 32}}
  %0 = attn.matmul %q, %k : tensor<2x16x64xf32>, tensor<2x32x64xf32> -> tensor<2x16x32xf32>
  return %0 : tensor<2x16x32xf32>
}

// -----

// transpose_lhs makes lhs [K, M] = [4, 8], so K = 4 against rhs's 8.
func.func @matmul_transpose_lhs_contraction(%a: tensor<4x8xf32>, %b: tensor<8x4xf32>) -> tensor<8x4xf32> {
  // expected-error @+1 {{'attn.matmul' op contraction dimensions differ: lhs has 4, rhs has 8}}
  %0 = attn.matmul %a, %b transpose_lhs : tensor<4x8xf32>, tensor<8x4xf32> -> tensor<8x4xf32>
  return %0 : tensor<8x4xf32>
}

// -----

func.func @matmul_batch(%a: tensor<2x4x8xf32>, %b: tensor<3x8x4xf32>) -> tensor<2x4x4xf32> {
  // expected-error @+1 {{'attn.matmul' op batch dimensions [2] and [3] do not broadcast}}
  %0 = attn.matmul %a, %b : tensor<2x4x8xf32>, tensor<3x8x4xf32> -> tensor<2x4x4xf32>
  return %0 : tensor<2x4x4xf32>
}

// -----

func.func @matmul_result(%a: tensor<2x1x4x8xf32>, %b: tensor<3x8x6xf32>) -> tensor<2x1x4x6xf32> {
  // expected-error @+1 {{'attn.matmul' op result shape [2, 1, 4, 6] does not match the expected shape [2, 3, 4, 6]}}
  %0 = attn.matmul %a, %b : tensor<2x1x4x8xf32>, tensor<3x8x6xf32> -> tensor<2x1x4x6xf32>
  return %0 : tensor<2x1x4x6xf32>
}

//===----------------------------------------------------------------------===//
// attn.scale, attn.add, attn.mask, attn.softmax
//===----------------------------------------------------------------------===//

// -----

func.func @scale_neg_inf(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'attn.scale' op factor must be finite, got -inf}}
  %0 = attn.scale %x by 0xFF800000 : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

// 1e39 does not fit in f32: it becomes +inf and is rejected.
func.func @scale_overflow(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{'attn.scale' op factor must be finite, got inf}}
  %0 = attn.scale %x by 1.0e39 : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @scale_f16(%x: tensor<4x4xf16>) -> tensor<4x4xf16> {
  // expected-error @+1 {{'attn.scale' op input element type must be f32, got 'f16'}}
  %0 = attn.scale %x by 2.0 : tensor<4x4xf16>
  return %0 : tensor<4x4xf16>
}

// -----

func.func @add_broadcast(%a: tensor<2x8x16xf32>, %b: tensor<8x15xf32>) -> tensor<2x8x16xf32> {
  // expected-error @+1 {{'attn.add' op operand shapes [2, 8, 16] and [8, 15] do not broadcast}}
  %0 = attn.add %a, %b : tensor<2x8x16xf32>, tensor<8x15xf32> -> tensor<2x8x16xf32>
  return %0 : tensor<2x8x16xf32>
}

// -----

func.func @add_result(%a: tensor<2x1x16xf32>, %b: tensor<8x1xf32>) -> tensor<2x1x16xf32> {
  // expected-error @+1 {{'attn.add' op result shape [2, 1, 16] does not match the expected shape [2, 8, 16]}}
  %0 = attn.add %a, %b : tensor<2x1x16xf32>, tensor<8x1xf32> -> tensor<2x1x16xf32>
  return %0 : tensor<2x1x16xf32>
}

// -----

func.func @add_i32_operand(%a: tensor<4xf32>, %b: tensor<4xi32>) -> tensor<4xf32> {
  // expected-error @+1 {{'attn.add' op rhs element type must be f32, got 'i32'}}
  %0 = attn.add %a, %b : tensor<4xf32>, tensor<4xi32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @mask_type(%s: tensor<2x8x8xf32>, %m: tensor<8x8xi32>) -> tensor<2x8x8xf32> {
  // expected-error @+1 {{'attn.mask' op mask element type must be f32 or i1, got 'i32'}}
  %0 = attn.mask %s, %m : tensor<2x8x8xf32>, tensor<8x8xi32>
  return %0 : tensor<2x8x8xf32>
}

// -----

func.func @mask_input_i1(%s: tensor<8x8xi1>, %m: tensor<8x8xi1>) -> tensor<8x8xi1> {
  // expected-error @+1 {{'attn.mask' op input element type must be f32, got 'i1'}}
  %0 = attn.mask %s, %m : tensor<8x8xi1>, tensor<8x8xi1>
  return %0 : tensor<8x8xi1>
}

// -----

func.func @mask_broadcast(%s: tensor<2x8x8xf32>, %m: tensor<4x8xi1>) -> tensor<2x8x8xf32> {
  // expected-error @+1 {{'attn.mask' op mask of shape [4, 8] does not broadcast to the input shape [2, 8, 8]}}
  %0 = attn.mask %s, %m : tensor<2x8x8xf32>, tensor<4x8xi1>
  return %0 : tensor<2x8x8xf32>
}

// -----

// The mask may not grow the input: [2, 8, 8] would need a broadcast result.
func.func @mask_larger_than_input(%s: tensor<8x8xf32>, %m: tensor<2x8x8xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{'attn.mask' op mask of shape [2, 8, 8] does not broadcast to the input shape [8, 8]}}
  %0 = attn.mask %s, %m : tensor<8x8xf32>, tensor<2x8x8xf32>
  return %0 : tensor<8x8xf32>
}

// -----

func.func @mask_fill_on_additive(%s: tensor<8x8xf32>, %m: tensor<8x8xf32>) -> tensor<8x8xf32> {
  // expected-error @+1 {{'attn.mask' op fill needs an i1 mask (an f32 mask is added)}}
  %0 = attn.mask %s, %m fill(-1.0e9) : tensor<8x8xf32>, tensor<8x8xf32>
  return %0 : tensor<8x8xf32>
}

// -----

func.func @mask_fill_inf(%s: tensor<8x8xf32>, %m: tensor<8x8xi1>) -> tensor<8x8xf32> {
  // expected-error @+1 {{'attn.mask' op fill must be finite, got -inf}}
  %0 = attn.mask %s, %m fill(0xFF800000) : tensor<8x8xf32>, tensor<8x8xi1>
  return %0 : tensor<8x8xf32>
}

// -----

func.func @softmax_axis(%x: tensor<2x8x8xf32>) -> tensor<2x8x8xf32> {
  // expected-error @+1 {{'attn.softmax' op axis 3 is out of range for rank 3 (expected [-3, 3))}}
  %0 = attn.softmax %x axis(3) : tensor<2x8x8xf32>
  return %0 : tensor<2x8x8xf32>
}

// -----

func.func @softmax_negative_axis(%x: tensor<2x8x8xf32>) -> tensor<2x8x8xf32> {
  // expected-error @+1 {{'attn.softmax' op axis -4 is out of range for rank 3 (expected [-3, 3))}}
  %0 = attn.softmax %x axis(-4) : tensor<2x8x8xf32>
  return %0 : tensor<2x8x8xf32>
}

//===----------------------------------------------------------------------===//
// attn.linear
//===----------------------------------------------------------------------===//

// -----

func.func @linear_weight_rank(%x: tensor<2x16xf32>, %w: tensor<1x8x16xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'attn.linear' op weight must have rank 2 ([Nout, K]), got rank 3}}
  %0 = attn.linear %x, %w : tensor<2x16xf32>, tensor<1x8x16xf32> -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

// A weight written [K, Nout] instead of torch's [Nout, K].
func.func @linear_weight_features(%x: tensor<2x16xf32>, %w: tensor<16x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'attn.linear' op weight has 8 input features, the input has 16}}
  %0 = attn.linear %x, %w : tensor<2x16xf32>, tensor<16x8xf32> -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @linear_scalar_input(%x: tensor<f32>, %w: tensor<4x1xf32>) -> tensor<4xf32> {
  // expected-error @+1 {{'attn.linear' op input must have rank 1 or more ([..., K])}}
  %0 = attn.linear %x, %w : tensor<f32>, tensor<4x1xf32> -> tensor<4xf32>
  return %0 : tensor<4xf32>
}

// -----

func.func @linear_bias_rank(%x: tensor<2x16xf32>, %w: tensor<8x16xf32>, %b: tensor<1x8xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'attn.linear' op bias must have rank 1 ([Nout]), got rank 2}}
  %0 = attn.linear %x, %w bias(%b : tensor<1x8xf32>) : tensor<2x16xf32>, tensor<8x16xf32> -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @linear_bias_size(%x: tensor<2x16xf32>, %w: tensor<8x16xf32>, %b: tensor<16xf32>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'attn.linear' op bias has 16 elements, the weight has 8 output features}}
  %0 = attn.linear %x, %w bias(%b : tensor<16xf32>) : tensor<2x16xf32>, tensor<8x16xf32> -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @linear_bias_type(%x: tensor<2x16xf32>, %w: tensor<8x16xf32>, %b: tensor<8xbf16>) -> tensor<2x8xf32> {
  // expected-error @+1 {{'attn.linear' op bias element type must be f32, got 'bf16'}}
  %0 = attn.linear %x, %w bias(%b : tensor<8xbf16>) : tensor<2x16xf32>, tensor<8x16xf32> -> tensor<2x8xf32>
  return %0 : tensor<2x8xf32>
}

// -----

func.func @linear_result(%x: tensor<2x3x16xf32>, %w: tensor<8x16xf32>) -> tensor<2x3x16xf32> {
  // expected-error @+1 {{'attn.linear' op result shape [2, 3, 16] does not match the expected shape [2, 3, 8]}}
  %0 = attn.linear %x, %w : tensor<2x3x16xf32>, tensor<8x16xf32> -> tensor<2x3x16xf32>
  return %0 : tensor<2x3x16xf32>
}

//===----------------------------------------------------------------------===//
// attn.split_heads, attn.merge_heads
//===----------------------------------------------------------------------===//

// -----

func.func @split_heads_input_rank(%x: tensor<2x16x8x64xf32>) -> tensor<2x8x16x64xf32> {
  // expected-error @+1 {{'attn.split_heads' op input must have rank 3 ([B, N, H*D]), got rank 4}}
  %0 = attn.split_heads %x : tensor<2x16x8x64xf32> -> tensor<2x8x16x64xf32>
  return %0 : tensor<2x8x16x64xf32>
}

// -----

func.func @split_heads_result_rank(%x: tensor<2x16x512xf32>) -> tensor<2x16x512xf32> {
  // expected-error @+1 {{'attn.split_heads' op result must have rank 4 ([B, H, N, D]), got rank 3}}
  %0 = attn.split_heads %x : tensor<2x16x512xf32> -> tensor<2x16x512xf32>
  return %0 : tensor<2x16x512xf32>
}

// -----

func.func @split_heads_divisible(%x: tensor<2x16x100xf32>) -> tensor<2x8x16x12xf32> {
  // expected-error @+1 {{'attn.split_heads' op feature size 100 is not divisible by the head count 8}}
  %0 = attn.split_heads %x : tensor<2x16x100xf32> -> tensor<2x8x16x12xf32>
  return %0 : tensor<2x8x16x12xf32>
}

// -----

// The result is [B, H, N, D], not [B, N, H, D].
func.func @split_heads_result(%x: tensor<2x16x512xf32>) -> tensor<2x16x8x64xf32> {
  // expected-error @+1 {{'attn.split_heads' op result shape [2, 16, 8, 64] does not match the expected shape [2, 16, 16, 32]}}
  %0 = attn.split_heads %x : tensor<2x16x512xf32> -> tensor<2x16x8x64xf32>
  return %0 : tensor<2x16x8x64xf32>
}

// -----

func.func @merge_heads_input_rank(%x: tensor<2x16x512xf32>) -> tensor<2x16x512xf32> {
  // expected-error @+1 {{'attn.merge_heads' op input must have rank 4 ([B, H, N, D]), got rank 3}}
  %0 = attn.merge_heads %x : tensor<2x16x512xf32> -> tensor<2x16x512xf32>
  return %0 : tensor<2x16x512xf32>
}

// -----

func.func @merge_heads_result_rank(%x: tensor<2x8x16x64xf32>) -> tensor<32x512xf32> {
  // expected-error @+1 {{'attn.merge_heads' op result must have rank 3 ([B, N, H*D]), got rank 2}}
  %0 = attn.merge_heads %x : tensor<2x8x16x64xf32> -> tensor<32x512xf32>
  return %0 : tensor<32x512xf32>
}

// -----

func.func @merge_heads_result(%x: tensor<2x8x16x64xf32>) -> tensor<2x8x1024xf32> {
  // expected-error @+1 {{'attn.merge_heads' op result shape [2, 8, 1024] does not match the expected shape [2, 16, 512]}}
  %0 = attn.merge_heads %x : tensor<2x8x16x64xf32> -> tensor<2x8x1024xf32>
  return %0 : tensor<2x8x1024xf32>
}

//===----------------------------------------------------------------------===//
// attn.transpose, attn.reshape
//===----------------------------------------------------------------------===//

// -----

func.func @transpose_length(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error @+1 {{'attn.transpose' op permutation has 2 entries, the input has rank 3}}
  %0 = attn.transpose %x permutation [1, 0] : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

func.func @transpose_repeated(%x: tensor<2x3x4xf32>) -> tensor<3x3x4xf32> {
  // expected-error @+1 {{'attn.transpose' op permutation [1, 1, 2] is not a permutation of [0, 3)}}
  %0 = attn.transpose %x permutation [1, 1, 2] : tensor<2x3x4xf32> -> tensor<3x3x4xf32>
  return %0 : tensor<3x3x4xf32>
}

// -----

func.func @transpose_out_of_range(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error @+1 {{'attn.transpose' op permutation [1, 0, 3] is not a permutation of [0, 3)}}
  %0 = attn.transpose %x permutation [1, 0, 3] : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

func.func @transpose_negative(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  // expected-error @+1 {{'attn.transpose' op permutation [1, 0, -1] is not a permutation of [0, 3)}}
  %0 = attn.transpose %x permutation [1, 0, -1] : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
  return %0 : tensor<3x2x4xf32>
}

// -----

func.func @transpose_result(%x: tensor<2x3x4xf32>) -> tensor<2x4x3xf32> {
  // expected-error @+1 {{'attn.transpose' op result shape [2, 4, 3] does not match the expected shape [3, 2, 4]}}
  %0 = attn.transpose %x permutation [1, 0, 2] : tensor<2x3x4xf32> -> tensor<2x4x3xf32>
  return %0 : tensor<2x4x3xf32>
}

// -----

func.func @reshape_count(%x: tensor<2x16x512xf32>) -> tensor<2x16x8x32xf32> {
  // expected-error @+1 {{'attn.reshape' op reshape changes the element count from 16384 to 8192}}
  %0 = attn.reshape %x : tensor<2x16x512xf32> -> tensor<2x16x8x32xf32>
  return %0 : tensor<2x16x8x32xf32>
}

// -----

func.func @reshape_dynamic_result(%x: tensor<2x16xf32>) -> tensor<?xf32> {
  // expected-error @+1 {{'attn.reshape' op result must have a static shape}}
  %0 = attn.reshape %x : tensor<2x16xf32> -> tensor<?xf32>
  return %0 : tensor<?xf32>
}

//===----------------------------------------------------------------------===//
// ODS constraints (generic form) and parser errors
//===----------------------------------------------------------------------===//

// -----

// An out-of-range enum value as a property (as --mlir-print-op-generic writes
// inherent attributes) fails in property conversion ...
func.func @generic_bad_causal_property(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{invalid properties {causal = 7 : i32} for op attn.attention: Invalid attribute `causal` in property conversion: 7 : i32}}
  %0 = "attn.attention"(%q, %q, %q) <{causal = 7 : i32}> : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  return %0 : tensor<1x1x4x8xf32>
}

// -----

// ... and in the attribute dictionary it fails the ODS constraint.
func.func @generic_bad_causal_attr(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{'attn.attention' op attribute 'causal' failed to satisfy constraint: which diagonal a causal mask keeps}}
  %0 = "attn.attention"(%q, %q, %q) {causal = 7 : i32} : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  return %0 : tensor<1x1x4x8xf32>
}

// -----

func.func @generic_f64_scale(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{'attn.attention' op attribute 'scale' failed to satisfy constraint: 32-bit float attribute}}
  %0 = "attn.attention"(%q, %q, %q) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 0, 0>, scale = 5.000000e-01 : f64}> : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  return %0 : tensor<1x1x4x8xf32>
}

// -----

func.func @generic_scale_result_type(%x: tensor<4x4xf32>) -> tensor<4x8xf32> {
  // expected-error @+1 {{'attn.scale' op failed to verify that all of {input, result} have same type}}
  %0 = "attn.scale"(%x) <{factor = 2.000000e+00 : f32}> : (tensor<4x4xf32>) -> tensor<4x8xf32>
  return %0 : tensor<4x8xf32>
}

// -----

func.func @unranked(%x: tensor<*xf32>) -> tensor<*xf32> {
  // expected-error @+1 {{'attn.softmax' op operand #0 must be ranked tensor of any type values, but got 'tensor<*xf32>'}}
  %0 = "attn.softmax"(%x) <{axis = 0 : i64}> : (tensor<*xf32>) -> tensor<*xf32>
  return %0 : tensor<*xf32>
}

// -----

func.func @parse_bad_causal(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'causal' [top_left, bottom_right]}}
  %0 = attn.attention %q, %q, %q causal(diagonal) : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %0 : tensor<1x1x4x8xf32>
}

// -----

// The optional clauses have a fixed order: mask, scale, causal.
func.func @parse_clause_order(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{expected ':'}}
  %0 = attn.attention %q, %q, %q causal(top_left) scale(0.5) : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %0 : tensor<1x1x4x8xf32>
}

// -----

func.func @parse_softmax_float_axis(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{floating point value not valid for specified type}}
  %0 = attn.softmax %x axis(1.5) : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @parse_scale_missing_by(%x: tensor<4x4xf32>) -> tensor<4x4xf32> {
  // expected-error @+1 {{custom op 'attn.scale' expected 'by'}}
  %0 = attn.scale %x 2.0 : tensor<4x4xf32>
  return %0 : tensor<4x4xf32>
}

// -----

func.func @parse_transpose_missing_keyword(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  // expected-error @+1 {{custom op 'attn.transpose' expected 'permutation'}}
  %0 = attn.transpose %x [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}

// -----

func.func @reshape_changes_element_type(%x: tensor<2x3xi1>) -> tensor<6xf32> {
  // expected-error @+1 {{'attn.reshape' op result element type 'f32' differs from the input's 'i1'}}
  %y = attn.reshape %x : tensor<2x3xi1> -> tensor<6xf32>
  return %y : tensor<6xf32>
}

// -----

func.func @transpose_changes_element_type(%x: tensor<2x3xf32>) -> tensor<3x2xi1> {
  // expected-error @+1 {{'attn.transpose' op result element type 'i1' differs from the input's 'f32'}}
  %y = attn.transpose %x permutation [1, 0] : tensor<2x3xf32> -> tensor<3x2xi1>
  return %y : tensor<3x2xi1>
}

// -----

func.func @window_negative(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{window extents must not be negative, got left = -1, right = 0}}
  %o = attn.attention %q, %q, %q window <left = -1, right = 0> : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// -----

func.func @tiling_not_positive(%q: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  // expected-error @+1 {{tile sizes and splits must be positive, got query_tile = 0, kv_tile = 16, kv_splits = 1}}
  %o = attn.attention %q, %q, %q tiling <query_tile = 0, kv_tile = 16, kv_splits = 1> : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// -----

func.func @online_acc_shape(%q: tensor<1x2x4x8xf32>) -> tensor<2x1x2x4x8xf32> {
  // expected-error @+1 {{'attn.online_attention' op acc shape [1, 1, 2, 4, 8] does not match the expected shape [2, 1, 2, 4, 8] ([kv_splits, B, Hq, N, Dv])}}
  %acc, %max, %sum = attn.online_attention %q, %q, %q scale(1.0) tiling <query_tile = 4, kv_tile = 2, kv_splits = 2> : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32> -> tensor<1x1x2x4x8xf32>, tensor<2x1x2x4xf32>, tensor<2x1x2x4xf32>
  return %acc : tensor<1x1x2x4x8xf32>
}

// -----

func.func @online_max_shape(%q: tensor<1x2x4x8xf32>) -> tensor<2x1x2x4x8xf32> {
  // expected-error @+1 {{'attn.online_attention' op max shape [2, 1, 2, 3] does not match the expected shape [2, 1, 2, 4] ([kv_splits, B, Hq, N])}}
  %acc, %max, %sum = attn.online_attention %q, %q, %q scale(1.0) tiling <query_tile = 4, kv_tile = 2, kv_splits = 2> : tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32>, tensor<1x2x4x8xf32> -> tensor<2x1x2x4x8xf32>, tensor<2x1x2x3xf32>, tensor<2x1x2x4xf32>
  return %acc : tensor<2x1x2x4x8xf32>
}

// -----

func.func @online_query_rank(%q: tensor<2x4x8xf32>) -> tensor<1x2x4x8xf32> {
  // expected-error @+1 {{'attn.online_attention' op query must have rank 4 ([B, Hq, N, D]), got rank 3}}
  %acc, %max, %sum = attn.online_attention %q, %q, %q scale(1.0) tiling <query_tile = 4, kv_tile = 2, kv_splits = 1> : tensor<2x4x8xf32>, tensor<2x4x8xf32>, tensor<2x4x8xf32> -> tensor<1x2x4x8xf32>, tensor<1x2x4xf32>, tensor<1x2x4xf32>
  return %acc : tensor<1x2x4x8xf32>
}

// -----

func.func @finalize_stats_shape(%acc: tensor<2x1x2x4x8xf32>, %max: tensor<2x1x2x4xf32>, %sum: tensor<2x1x2x5xf32>) -> tensor<1x2x4x8xf32> {
  // expected-error @+1 {{'attn.online_finalize' op max and sum must have the shape of acc without its last dimension, [2, 1, 2, 4]}}
  %o = attn.online_finalize %acc, %max, %sum : tensor<2x1x2x4x8xf32>, tensor<2x1x2x4xf32>, tensor<2x1x2x5xf32> -> tensor<1x2x4x8xf32>
  return %o : tensor<1x2x4x8xf32>
}

// -----

func.func @finalize_result_shape(%acc: tensor<2x1x2x4x8xf32>, %max: tensor<2x1x2x4xf32>, %sum: tensor<2x1x2x4xf32>) -> tensor<1x2x4x9xf32> {
  // expected-error @+1 {{'attn.online_finalize' op result shape [1, 2, 4, 9] does not match the expected shape [1, 2, 4, 8]}}
  %o = attn.online_finalize %acc, %max, %sum : tensor<2x1x2x4x8xf32>, tensor<2x1x2x4xf32>, tensor<2x1x2x4xf32> -> tensor<1x2x4x9xf32>
  return %o : tensor<1x2x4x9xf32>
}

// -----

func.func @window_dilation(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{window dilation must be at least 1, got 0}}
  %o = attn.attention %q, %q, %q window <left = 4, right = 0, dilation = 0> : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @segments_one_side(%q: tensor<1x2x8x16xf32>, %s: tensor<1x8xi32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op segments need both the query and the key ids}}
  %o = "attn.attention"(%q, %q, %q, %s) <{operandSegmentSizes = array<i32: 1, 1, 1, 0, 1, 0>}> : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x8xi32>) -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @segments_element_type(%q: tensor<1x2x8x16xf32>, %s: tensor<1x8xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op query segment ids element type must be i32, got 'f32' (other element types are not supported yet)}}
  %o = attn.attention %q, %q, %q segments(%s, %s : tensor<1x8xf32>, tensor<1x8xf32>) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @segments_rank(%q: tensor<1x2x8x16xf32>, %s: tensor<8xi32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op query segment ids must have rank 2 ([B, length]), got rank 1}}
  %o = attn.attention %q, %q, %q segments(%s, %s : tensor<8xi32>, tensor<8xi32>) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @segments_length(%q: tensor<1x2x8x16xf32>, %a: tensor<1x8xi32>, %b: tensor<2x7xi32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op key segment ids of shape [2, 7] must be [1, 8] ([B or 1, M])}}
  %o = attn.attention %q, %q, %q segments(%a, %b : tensor<1x8xi32>, tensor<2x7xi32>) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @chunk_zero(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op chunk must be at least 1, got 0}}
  %o = attn.attention %q, %q, %q chunk(0) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @prefix_zero(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op prefix must be at least 1, got 0}}
  %o = attn.attention %q, %q, %q causal(top_left) prefix(0) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @prefix_alone(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op prefix needs causal, window or chunk: without them every key is kept already}}
  %o = attn.attention %q, %q, %q prefix(4) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @layout_shape(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op block layout of shape [2, 3] must be [2, 2] (N = 8 by 4, M = 8 by 4), with an optional leading 2 or 1 (query heads)}}
  %o = attn.attention %q, %q, %q blocks <query_block = 4, key_block = 4, layout = dense<true> : tensor<2x3xi1>> : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @layout_heads(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op block layout of shape [3, 2, 2] must be [2, 2] (N = 8 by 4, M = 8 by 4), with an optional leading 2 or 1 (query heads)}}
  %o = attn.attention %q, %q, %q blocks <query_block = 4, key_block = 4, layout = dense<true> : tensor<3x2x2xi1>> : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @layout_block_size(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{block sizes must be positive, got query_block = 0, key_block = 4}}
  %o = attn.attention %q, %q, %q blocks <query_block = 0, key_block = 4, layout = dense<true> : tensor<2x2xi1>> : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @layout_element_type(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{block layout must be an i1 tensor of rank 2 ([query blocks, key blocks]) or 3 (per head), got 'tensor<2x2xi8>'}}
  %o = attn.attention %q, %q, %q blocks <query_block = 4, key_block = 4, layout = dense<1> : tensor<2x2xi8>> : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @alibi_count(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op alibi needs one slope per query head (2), got 1}}
  %o = attn.attention %q, %q, %q alibi [0.5] : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @softcap_negative(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op softcap must be positive, got -1}}
  %o = attn.attention %q, %q, %q softcap(-1.0) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @mask_fill_without_mask(%q: tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op mask_fill needs a mask}}
  %o = attn.attention %q, %q, %q mask_fill(-1.0e9) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @mask_fill_additive_mask(%q: tensor<1x2x8x16xf32>, %m: tensor<8x8xf32>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op mask_fill needs an i1 mask (an f32 mask is added)}}
  %o = attn.attention %q, %q, %q mask(%m : tensor<8x8xf32>) mask_fill(-1.0e9) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

func.func @mask_fill_nan(%q: tensor<1x2x8x16xf32>, %m: tensor<8x8xi1>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op mask_fill must be finite, got nan}}
  %o = attn.attention %q, %q, %q mask(%m : tensor<8x8xi1>) mask_fill(0x7FC00000) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}

// -----

// A fill at or below -1e30 is a plain -inf mask: one way to write it.
func.func @mask_fill_like_inf(%q: tensor<1x2x8x16xf32>, %m: tensor<8x8xi1>) -> tensor<1x2x8x16xf32> {
  // expected-error @+1 {{'attn.attention' op mask_fill of -1.000000e+30 masks like -inf (scores at or below -1e30 count as -inf): leave it out}}
  %o = attn.attention %q, %q, %q mask(%m : tensor<8x8xi1>) mask_fill(-1.0e30) : tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32> -> tensor<1x2x8x16xf32>
  return %o : tensor<1x2x8x16xf32>
}
