// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Local Luong attention scores only the keys of each query's window: the
// key loops run over min(2D + 1, M) keys from the window's start, and no
// buffer in a task has a dimension of M.

// D = 4 with M = 1000 keys: every key loop has extent 2D + 1 = 9. The
// predictive center min(floor(p_i), M - 1) is computed once per row (the
// alignment logit sums Ap = 8 tanh terms); the window's key rows are
// clamped reads. One task per (batch, 8 query rows): 2 x 8 = 16.
// CHECK-LABEL: // attn-compile: function @local_predictive_dot
// CHECK-LABEL: external func s0_luong_attention_par_for_s0_luong_attention_s0_i_io_task (
//       CHECK: for (s0_luong_attention_alignlogit.s1.s0_luong_attention_rp$x, 0, 8) {
//       CHECK: s0_luong_attention_center[{{.+}}] = min(int32((float32)floor_f32(s0_luong_attention_position[{{.+}}])), 999)
//       CHECK: allocate s0_luong_attention_keyrow[int32 * 9 * 8 * 1]
//       CHECK: for (s0_luong_attention_keyrow.s0.w, 0, 9) {
//       CHECK: allocate s0_luong_attention_lanesums[float32 * 8 * 9 * 8 * 1]
//       CHECK: for (s0_luong_attention_rowmax.s1.s0_luong_attention_rw$x, 0, 9) {
//       CHECK: for (s0_luong_attention_rowsum.s1.s0_luong_attention_rw$x, 0, 9) {
//       CHECK: for (s0_luong_attention_acc.s1.s0_luong_attention_rw$x, 0, 9) {
//  CHECK-NEXT: let
//  CHECK-NEXT: for (s0_luong_attention_acc.s1.d.d, 0, 3) {
//   CHECK-NOT: allocate {{.*}}1000
//       CHECK: halide_do_par_for((void *)::s0_luong_attention_par_for_s0_luong_attention_s0_i_io_task, 0, 16,
func.func @local_predictive_dot(%q: tensor<2x64x16xf32>, %k: tensor<2x1000x16xf32>, %v: tensor<2x1000x24xf32>,
                                %wp: tensor<8x16xf32>, %vp: tensor<8xf32>) -> tensor<2x64x24xf32> {
  %0 = attn.luong_attention %q, %k, %v score(dot) local(predictive, 4, %wp, %vp : tensor<8x16xf32>, tensor<8xf32>)
      : tensor<2x64x16xf32>, tensor<2x1000x16xf32>, tensor<2x1000x24xf32> -> tensor<2x64x24xf32>
  return %0 : tensor<2x64x24xf32>
}

// A window wider than the keys (2D + 1 = 201, M = 29) scores M keys, not
// 201. The concat score's A = 16 features are two vectors of 8 lanes, each
// lane a vectorized tanh of the projected query and key.
// CHECK-LABEL: // attn-compile: function @local_monotonic_concat_wide
//       CHECK: for (s0_luong_attention_lanesums{{[$0-9]*}}.s1.s0_luong_attention_rc$x, 0, 2) {
//       CHECK: (float32x8)floor_f32(
//       CHECK: for (s0_luong_attention_acc{{[$0-9]*}}.s1.s0_luong_attention_rw$x, 0, 29) {
//   CHECK-NOT: , 0, 201)
//       CHECK: external_plus_metadata func s0_luong_attention_1 (
func.func @local_monotonic_concat_wide(%q: tensor<1x13x7xf32>, %k: tensor<1x29x5xf32>, %v: tensor<1x29x3xf32>,
                                       %wa: tensor<16x12xf32>, %va: tensor<16xf32>) -> tensor<1x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(concat %wa, %va : tensor<16x12xf32>, tensor<16xf32>) local(monotonic, 100)
      : tensor<1x13x7xf32>, tensor<1x29x5xf32>, tensor<1x29x3xf32> -> tensor<1x13x3xf32>
  return %0 : tensor<1x13x3xf32>
}

// Global concat goes to the additive kernel, with Wa's two column blocks
// read in place as Wq and Wk: 11 tanh terms per score; per task a block of
// 32 keys (29 rounded up to whole vectors) x 3 query rows.
// CHECK-LABEL: // attn-compile: function @global_concat
//       CHECK: allocate s0_luong_attention_score{{[$0-9]*}}[float32 * 32 * 3 * 1 * 1]
//       CHECK: for (s0_luong_attention_dot{{[$0-9]*}}.s1.s0_luong_attention_ra$x, 0, 11) {
func.func @global_concat(%q: tensor<2x13x7xf32>, %k: tensor<2x29x5xf32>, %v: tensor<2x29x3xf32>,
                         %wa: tensor<11x12xf32>, %va: tensor<11xf32>) -> tensor<2x13x3xf32> {
  %0 = attn.luong_attention %q, %k, %v score(concat %wa, %va : tensor<11x12xf32>, tensor<11xf32>)
      : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32> -> tensor<2x13x3xf32>
  return %0 : tensor<2x13x3xf32>
}
