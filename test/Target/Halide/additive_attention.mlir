// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.additive_attention with B = 2, N = 40 queries, M = 300 keys, A = 11.
// - Wk·kᵀ is computed once for the whole call ([B, A, M'] with the keys
//   innermost, padded to two blocks of 152 keys = 304), Wq·q likewise.
// - One parallel task per (batch, query tile of 4 rows): 2 x 10 = 20.
// - Per task, the keys are visited in 2 blocks; a block's scores are one
//   152 x 4 buffer (never N x M), built from register blocks of 8 keys x 4
//   rows that accumulate v[a]·tanh(...) over a = 0..10 with the tanh
//   vectorized over the keys (its exp range reduction is a vector floor).

// CHECK-LABEL: external func s0_additive_attention_par_for_s0_additive_attention_s0_i_io_task (
//       CHECK: for (s0_additive_attention_state.s1.s0_additive_attention_rb$x, 0, 2) {
//  CHECK-NEXT: allocate s0_additive_attention_score[float32 * 152 * 4 * 1 * 1]
//       CHECK: for (s0_additive_attention_dot.s1.s0_additive_attention_ra$x, 0, 11) {
//  CHECK-NEXT: let [[ARG:t[0-9]+]] = s0_additive_attention_kproj[ramp({{.+}}, 1, 8) aligned(8, 0)] + x8(s0_additive_attention_qproj[
//       CHECK: (float32x8)floor_f32(
//   CHECK-NOT: allocate {{.*}}[float32 * 300 * 40
//   CHECK-NOT: allocate {{.*}}[float32 * 304 * 40
//       CHECK: external_plus_metadata func s0_additive_attention (
//       CHECK: allocate s0_additive_attention_kproj[float32 * 304 * 11 * 2]
//       CHECK: allocate s0_additive_attention_qproj[float32 * 11 * 40 * 2]
//       CHECK: halide_do_par_for((void *)::s0_additive_attention_par_for_s0_additive_attention_s0_i_io_task, 0, 20,
func.func @additive(%q: tensor<2x40x7xf32>, %k: tensor<2x300x5xf32>, %v: tensor<2x300x3xf32>,
                    %wq: tensor<11x7xf32>, %wk: tensor<11x5xf32>, %va: tensor<11xf32>) -> tensor<2x40x3xf32> {
  %0 = attn.additive_attention %q, %k, %v, %wq, %wk, %va
      : tensor<2x40x7xf32>, tensor<2x300x5xf32>, tensor<2x300x3xf32>, tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32> -> tensor<2x40x3xf32>
  return %0 : tensor<2x40x3xf32>
}
