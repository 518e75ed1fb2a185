// RUN: attn-opt %s -split-input-file -verify-diagnostics

// One case per diagnostic of the attn.luong_attention verifier
// (lib/Dialect/Attn/IR/AttnOps.cpp) on the valid shapes q [2, 13, 7],
// k [2, 29, 5], v [2, 29, 3] (score(general) with W [7, 5] where the case is
// not about the score), changed in one place each; then a parse error.

func.func @query_rank(%q: tensor<13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op query must have rank 3 ([B, N, Dq]), got rank 2}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) : tensor<13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @batch(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<1x29x3xf32>, %w: tensor<7x5xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op batch sizes differ: query 2, key 2, value 1}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<1x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @mask_f32(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>, %m: tensor<29xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op mask element type must be i1 (true keeps a key), got 'f32'}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) mask(%m : tensor<29xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @mask_broadcast(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>, %m: tensor<13x1x29xi1>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op mask of shape [13, 1, 29] does not broadcast to the scores [B, N, M] = [2, 13, 29]}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) mask(%m : tensor<13x1x29xi1>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @result_shape(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>) -> tensor<2x29x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op result shape [2, 29, 3] does not match the expected shape [2, 13, 3]}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x29x3xf32>
  return %0 : tensor<2x29x3xf32>
}

// -----

func.func @dot_with_weight(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score(dot) takes 0 weight operands (none), got 1}}
  %0 = attn.luong_attention %q, %k, %v score(dot %w : tensor<7x5xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @general_without_weight(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score(general) takes 1 weight operand (W: [Dq, Dk]), got 0}}
  %0 = attn.luong_attention %q, %k, %v score(general) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @concat_one_weight(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wa: tensor<11x12xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score(concat) takes 2 weight operands (Wa: [A, Dq + Dk], va: [A]), got 1}}
  %0 = attn.luong_attention %q, %k, %v score(concat %wa : tensor<11x12xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @dot_feature_sizes(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score(dot) needs equal query and key feature sizes, got Dq = 7, Dk = 5}}
  %0 = attn.luong_attention %q, %k, %v score(dot) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @general_rank(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<35xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score weight W must have rank 2 ([Dq, Dk]), got rank 1}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<35xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

// W is [Dq, Dk] (score = qᵀ W k), not its transpose.
func.func @general_shape(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<5x7xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score weight W has shape [5, 7], expected [Dq, Dk] = [7, 5]}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<5x7xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @general_f16(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf16>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score weight W element type must be f32, got 'f16' (other element types are not supported yet)}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf16>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @concat_wa_rank(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wa: tensor<1x11x12xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score weight Wa must have rank 2 ([A, Dq + Dk]), got rank 3}}
  %0 = attn.luong_attention %q, %k, %v score(concat %wa, %va : tensor<1x11x12xf32>, tensor<11xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @concat_wa_columns(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wa: tensor<11x11xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score weight Wa has 11 columns, expected Dq + Dk = 12}}
  %0 = attn.luong_attention %q, %k, %v score(concat %wa, %va : tensor<11x11xf32>, tensor<11xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @concat_va_rank(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wa: tensor<11x12xf32>, %va: tensor<11x1xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score vector va must have rank 1 ([A]), got rank 2}}
  %0 = attn.luong_attention %q, %k, %v score(concat %wa, %va : tensor<11x12xf32>, tensor<11x1xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @concat_va_size(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %wa: tensor<11x12xf32>, %va: tensor<12xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op score vector va has 12 elements, Wa has 11 rows (A)}}
  %0 = attn.luong_attention %q, %k, %v score(concat %wa, %va : tensor<11x12xf32>, tensor<12xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @half_width_negative(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op half_width must be >= 0, got -1}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) local(monotonic, -1) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @half_width_huge(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op half_width must be at most 2^30, got 1073741825}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) local(monotonic, 1073741825) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @monotonic_with_weights(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>, %wp: tensor<4x7xf32>, %vp: tensor<4xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op local(monotonic) takes no alignment weights, got 2}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) local(monotonic, 2, %wp, %vp : tensor<4x7xf32>, tensor<4xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @predictive_without_weights(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op local(predictive) takes 2 alignment weights (Wp: [Ap, Dq], vp: [Ap]), got 0}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) local(predictive, 2) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @predictive_one_weight(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>, %wp: tensor<4x7xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op local(predictive) takes 2 alignment weights (Wp: [Ap, Dq], vp: [Ap]), got 1}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) local(predictive, 2, %wp : tensor<4x7xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @predictive_wp_rank(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>, %wp: tensor<7xf32>, %vp: tensor<4xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op alignment weight Wp must have rank 2 ([Ap, Dq]), got rank 1}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) local(predictive, 2, %wp, %vp : tensor<7xf32>, tensor<4xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @predictive_wp_columns(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>, %wp: tensor<4x5xf32>, %vp: tensor<4xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op alignment weight Wp has 5 columns, the query has 7 features}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) local(predictive, 2, %wp, %vp : tensor<4x5xf32>, tensor<4xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @predictive_vp_rank(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>, %wp: tensor<4x7xf32>, %vp: tensor<f32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op alignment vector vp must have rank 1 ([A]), got rank 0}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) local(predictive, 2, %wp, %vp : tensor<4x7xf32>, tensor<f32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

func.func @predictive_vp_size(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>, %wp: tensor<4x7xf32>, %vp: tensor<3xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op alignment vector vp has 3 elements, Wp has 4 rows (A)}}
  %0 = attn.luong_attention %q, %k, %v score(general %w : tensor<7x5xf32>) local(predictive, 2, %wp, %vp : tensor<4x7xf32>, tensor<3xf32>) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

// Only the generic form can carry a half-width without local(...).
func.func @half_width_without_local(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op half_width is only meaningful with local(...)}}
  %0 = "attn.luong_attention"(%q, %k, %v, %w) <{half_width = 2 : i64, operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0>, score = 1 : i32}> : (tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<7x5xf32>) -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

// Only the generic form can carry alignment weights without local(...).
func.func @align_weights_without_local(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>, %wp: tensor<4x7xf32>, %vp: tensor<4xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op alignment weights are only meaningful with local(predictive, ...)}}
  %0 = "attn.luong_attention"(%q, %k, %v, %w, %wp, %vp) <{operandSegmentSizes = array<i32: 1, 1, 1, 1, 2, 0>, score = 1 : i32}> : (tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<7x5xf32>, tensor<4x7xf32>, tensor<4xf32>) -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

// Only the generic form can leave out the half-width.
func.func @local_without_half_width(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>, %w: tensor<7x5xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{'attn.luong_attention' op local attention needs a half_width}}
  %0 = "attn.luong_attention"(%q, %k, %v, %w) <{local = 0 : i32, operandSegmentSizes = array<i32: 1, 1, 1, 1, 0, 0>, score = 1 : i32}> : (tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>, tensor<7x5xf32>) -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}

// -----

// An unknown score kind is a parse error.
func.func @unknown_score(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>) -> tensor<2x13x3xf32> {
  // expected-error @+1 {{expected string or keyword containing one of the following enum values for attribute 'score' [dot, general, concat]}}
  %0 = attn.luong_attention %q, %k, %v score(bilinear) : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}
