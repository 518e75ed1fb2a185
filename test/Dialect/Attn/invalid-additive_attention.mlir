// RUN: attn-opt %s -split-input-file -verify-diagnostics

// One case per diagnostic of the attn.additive_attention verifier
// (lib/Dialect/Attn/IR/AttnOps.cpp), with the valid shapes
// q [2, 13, 7], k [2, 29, 5], v [2, 29, 3], Wq [11, 7], Wk [11, 5], v [11]
// changed in one place each.

func.func @query_rank(%q: tensor<2x1x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op query must have rank 3 ([B, N, Dq]), got rank 4}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x1x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @key_f16(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf16>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op key element type must be f32, got 'f16' (other element types are not supported yet)}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf16>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @value_rank(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op value must have rank 3 ([B, M, Dv]), got rank 2}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @result_rank(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op result must have rank 3 ([B, N, Dv]), got rank 2}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<13x3xf32>
  return %0 : tensor<13x3xf32>
}

// -----

func.func @batch(%q: tensor<2x13x7xf32>, %k: tensor<3x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op batch sizes differ: query 2, key 3, value 2}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<3x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @value_length(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x28x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op value sequence length 28 does not match key sequence length 29}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x28x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @mask_f32(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>, %m: tensor<13x29xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op mask element type must be i1 (true keeps a key), got 'f32'}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va mask(%m : tensor<13x29xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @mask_dynamic(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>, %m: tensor<?x29xi1>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op mask must have a static shape (dynamic dimensions are not supported yet)}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va mask(%m : tensor<?x29xi1>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @mask_broadcast(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>, %m: tensor<2x13x28xi1>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op mask of shape [2, 13, 28] does not broadcast to the scores [B, N, M] = [2, 13, 29]}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va mask(%m : tensor<2x13x28xi1>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

// A rank-4 mask has a dimension too many, even when it is 1.
func.func @mask_rank4(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>, %m: tensor<1x2x13x29xi1>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op mask of shape [1, 2, 13, 29] does not broadcast to the scores [B, N, M] = [2, 13, 29]}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va mask(%m : tensor<1x2x13x29xi1>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @result_shape(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x5xf32> {
  // expected-error @+1 {{'attn.additive_attention' op result shape [2, 13, 5] does not match the expected shape [2, 13, 3]}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x5xf32>
  return %0 : tensor<2x13x5xf32>
}

// -----

func.func @query_weight_rank(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op query_weight must have rank 2 ([A, Dq]), got rank 1}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @key_weight_rank(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<1x11x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op key_weight must have rank 2 ([A, Dk]), got rank 3}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<1x11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @query_weight_cols(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x5xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op query_weight has 5 columns, the query has 7 features}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x5xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @key_weight_cols(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x7xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op key_weight has 7 columns, the key has 5 features}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x7xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @weight_rows(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<12x5xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op query_weight and key_weight have different attention sizes (rows): 11 vs 12}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<12x5xf32>, tensor<11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @score_vector_rank(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<1x11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op score_vector must have rank 1 ([A]), got rank 2}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<1x11xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @score_vector_size(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<10xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.additive_attention' op score_vector has 10 elements, query_weight has 11 rows (A)}}
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<10xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}
