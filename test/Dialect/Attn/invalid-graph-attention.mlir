// RUN: attn-opt %s -split-input-file -verify-diagnostics

// Every diagnostic of the attn.graph_attention verifier
// (lib/Dialect/Attn/IR/AttnOps.cpp, GraphAttentionOp), one case each, and
// the parser's answer to an unknown heads mode.

func.func @h_f16(%h: tensor<7x5xf16>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op h element type must be f32, got 'f16' (other element types are not supported yet)}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf16>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @h_rank(%h: tensor<1x7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op h must have rank 2 ([Nn, F]), got rank 3}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<1x7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @h_dynamic(%h: tensor<?x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op h must have a static shape (dynamic dimensions are not supported yet)}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<?x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @h_zero(%h: tensor<7x0xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op h has a zero-sized dimension}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x0xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @w_rank(%h: tensor<7x5xf32>, %w: tensor<5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op w must have rank 3 ([H, F, Fo]), got rank 2}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @a_src_rank(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op a_src must have rank 2 ([H, Fo]), got rank 1}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @a_dst_bf16(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xbf16>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op a_dst element type must be f32, got 'bf16'}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xbf16> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @result_i32(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xi32> {
  // expected-error @+1 {{'attn.graph_attention' op result element type must be f32, got 'i32'}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xi32>
  return %0 : tensor<7x39xi32>
}

// -----

func.func @result_rank_concat(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x3x13xf32> {
  // expected-error @+1 {{'attn.graph_attention' op result must have rank 2 ([Nn, H*Fo]), got rank 3}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x3x13xf32>
  return %0 : tensor<7x3x13xf32>
}

// -----

func.func @result_rank_mean(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<13xf32> {
  // expected-error @+1 {{'attn.graph_attention' op result must have rank 2 ([Nn, Fo]), got rank 1}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) heads(mean) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<13xf32>
  return %0 : tensor<13xf32>
}

// -----

func.func @w_features(%h: tensor<7x5xf32>, %w: tensor<3x6x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op w has 6 input features ([H, F, Fo]), h has 5 ([Nn, F])}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<3x6x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @a_src_heads(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<2x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op a_src shape [2, 13] does not match [H, Fo] = [3, 13] from w}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<2x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @a_dst_features(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x12xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op a_dst shape [3, 12] does not match [H, Fo] = [3, 13] from w}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x12xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @no_neighbourhood(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>, %rp: tensor<8xi32>, %ci: tensor<20xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op needs a neighbourhood: adjacency(...) or csr(...)}}
  %0 = attn.graph_attention %h, %w, %as, %ad : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @both_neighbourhoods(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>, %rp: tensor<8xi32>, %ci: tensor<20xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op takes adjacency(...) or csr(...), not both}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) csr(%rp, %ci : tensor<8xi32>, tensor<20xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

// Only the generic form can give row_ptr without col_idx.
func.func @csr_missing_col_idx(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<20xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op csr needs both row_ptr and col_idx}}
  %0 = "attn.graph_attention"(%h, %w, %as, %ad, %rp) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 1, 0>}> : (tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32>, tensor<8xi32>) -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @adjacency_f32(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xf32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op adjacency element type must be i1, got 'f32'}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xf32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @adjacency_rank(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<1x7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op adjacency must have rank 2 ([Nn, Nn]), got rank 3}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<1x7x7xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @adjacency_dynamic(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x?xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op adjacency must have a static shape (dynamic dimensions are not supported yet)}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x?xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @adjacency_shape(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x6xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op adjacency shape [7, 6] does not match [Nn, Nn] = [7, 7]}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x6xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @row_ptr_i64(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi64>, %ci: tensor<20xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op row_ptr element type must be i32, got 'i64'}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi64>, tensor<20xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @col_idx_f32(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<20xf32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op col_idx element type must be i32, got 'f32'}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi32>, tensor<20xf32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @row_ptr_rank(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<1x8xi32>, %ci: tensor<20xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op row_ptr must have rank 1 ([Nn+1]), got rank 2}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<1x8xi32>, tensor<20xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @col_idx_rank(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<4x5xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op col_idx must have rank 1 ([nnz]), got rank 2}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi32>, tensor<4x5xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @row_ptr_size(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<7xi32>, %ci: tensor<20xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op row_ptr has 7 entries, expected Nn+1 = 8}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<7xi32>, tensor<20xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

// A graph without edges has no CSR form (zero-sized tensors are not supported).
func.func @col_idx_empty(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<0xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op col_idx has a zero-sized dimension}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi32>, tensor<0xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @col_idx_dynamic(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<?xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op col_idx must have a static shape (dynamic dimensions are not supported yet)}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi32>, tensor<?xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @col_idx_huge(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<3000000000xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op col_idx has 3000000000 entries, more than row_ptr's i32 can index}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi32>, tensor<3000000000xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @slope_nan(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op negative_slope must be finite, got nan}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) negative_slope(0x7FC00000) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @slope_inf(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<20xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op negative_slope must be finite, got -inf}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi32>, tensor<20xi32>) negative_slope(0xFF800000) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @result_concat_shape(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x13xf32> {
  // expected-error @+1 {{'attn.graph_attention' op result shape [7, 13] does not match the expected shape [7, 39] ([Nn, H*Fo] for heads(concat))}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x13xf32>
  return %0 : tensor<7x13xf32>
}

// -----

func.func @result_mean_shape(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<20xi32>) -> tensor<7x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op result shape [7, 39] does not match the expected shape [7, 13] ([Nn, Fo] for heads(mean))}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi32>, tensor<20xi32>) heads(mean) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x39xf32>
  return %0 : tensor<7x39xf32>
}

// -----

func.func @result_nodes(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %rp: tensor<8xi32>, %ci: tensor<20xi32>) -> tensor<8x39xf32> {
  // expected-error @+1 {{'attn.graph_attention' op result shape [8, 39] does not match the expected shape [7, 39] ([Nn, H*Fo] for heads(concat))}}
  %0 = attn.graph_attention %h, %w, %as, %ad csr(%rp, %ci : tensor<8xi32>, tensor<20xi32>) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<8x39xf32>
  return %0 : tensor<8x39xf32>
}

// -----

func.func @heads_unknown(%h: tensor<7x5xf32>, %w: tensor<3x5x13xf32>, %as: tensor<3x13xf32>, %ad: tensor<3x13xf32>, %adj: tensor<7x7xi1>) -> tensor<7x13xf32> {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'heads' [concat, mean]}}
  %0 = attn.graph_attention %h, %w, %as, %ad adjacency(%adj : tensor<7x7xi1>) heads(sum) : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>, tensor<3x13xf32> -> tensor<7x13xf32>
  return %0 : tensor<7x13xf32>
}
