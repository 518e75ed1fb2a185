// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s
// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | grep allocate | FileCheck %s --check-prefix=ALLOC

// Causal linear attention in chunks of C = 64 rows: N = M = 200 is three
// whole chunks and a tail of 8 rows; 4 query heads read 2 KV heads; D = 24,
// Dv = 40.

// Every buffer is per chunk or per register block, except the exclusive
// prefixes over chunks: Dv × D × 4 chunks × 2 KV heads (z: D × 4 × 2). No
// buffer has an N- or M-sized (200) dimension, so nothing N×M, N×D×Dv or
// even N×D exists.
// ALLOC-NOT: 200
// ALLOC:     allocate s0_linear_attention_zPrefix[float32 * 24 * 4 * 2 * 1]
// ALLOC-NOT: 200
// ALLOC:     allocate s0_linear_attention_kvPrefix[float32 * 40 * 24 * 4 * 2 * 1]
// ALLOC-NOT: 200

// 1. Each chunk's Σ phi(k) vᵀ, one task per (chunk, KV head): phi of the
//    chunk's 64 keys once, then register blocks of 16 value columns × 4
//    head-dim rows accumulated over the chunk's keys.
// CHECK-LABEL: external func s0_linear_attention_par_for_s0_linear_attention_kvPrefix_s0_c_task_task
//       CHECK:   allocate s0_linear_attention_phiKey[float32 * 24 * 64 * 1 * 1 * 1]
//       CHECK:   allocate s0_linear_attention_chunkKV[float32 * 16 * 4 * 1 * 1 * 1]
//       CHECK:   for (s0_linear_attention_chunkKV.s1.s0_linear_attention_rr$x.s0_linear_attention_rr$x_steps, 0, 8) {

// 2. The exclusive prefix: a serial scan over chunks 2..3 (chunk 0 reads
//    zeros, chunk 1 reads chunk 0's sum), parallel over KV heads.
// CHECK-LABEL: external func s0_linear_attention_par_for_s0_linear_attention_kvPrefix_s1_g_ug
//       CHECK:   for (s0_linear_attention_kvPrefix.s1.s0_linear_attention_rc$x.rebased, 0, 2) {

// 3. One task per (query chunk, head): the chunk's phi(q) and phi(k), its
//    output rows, and per block of 4 rows (io) the weights phi(q)·phi(k) in
//    blocks of 16 keys up to the block's last row (io/4 + 1 blocks: the
//    upper triangle is skipped); then phi(q)·prefix and Σ_{j <= i} w_ij v_j
//    in 4 × 16 register blocks, the key loop ending at the row: whole
//    unrolled steps of 8 keys up to the block's rows, then one step whose
//    keys are each tested against the row.
// CHECK-LABEL: external func s0_linear_attention_par_for_s0_linear_attention_s0_n_no_task_task
//       CHECK:   allocate s0_linear_attention_phiQuery[float32 * 24 * 64 * 1 * 1]
//       CHECK:   allocate s0_linear_attention_phiKeyT[float32 * 64 * 24 * 1 * 1 * 1]
//       CHECK:   allocate s0_linear_attention_outChunk[float32 * 40 * 64 * 1 * 1 * 1]
//       CHECK:   for (s0_linear_attention_outChunk.s0.i.io, 0, 16) {
//       CHECK:     let [[BLOCKS:t[0-9]+]] = s0_linear_attention_outChunk.s0.i.io/4
//       CHECK:     for (s0_linear_attention_score.s0.j.sjo, 0, [[BLOCKS]] + 1) {
//       CHECK:       allocate s0_linear_attention_scoreDot[float32 * 16 * 4 * 1 * 1 * 1]
//       CHECK:       allocate s0_linear_attention_num[float32 * 16 * 4 * 1 * 1 * 1]
//       CHECK:       for (s0_linear_attention_num.s1.s0_linear_attention_rd$x.s0_linear_attention_rd$x_steps, 0, 3) {
//  CHECK-NEXT:         s0_linear_attention_num[ramp(0, 1, 8)] = s0_linear_attention_num[ramp(0, 1, 8)] + (s0_linear_attention_kvPrefix[ramp(
//       CHECK:       for (s0_linear_attention_num.s2.s0_linear_attention_rj$x.s0_linear_attention_rj$x_steps, 0, {{t[0-9]+}}) {
//  CHECK-NEXT:         s0_linear_attention_num[ramp(0, 1, 8)] = s0_linear_attention_num[ramp(0, 1, 8)] + (in_arg2[ramp(
// The last step's later keys, each under its test.
//       CHECK:        if ({{t[0-9]+}}) {
//  CHECK-NEXT:         s0_linear_attention_num[ramp(0, 1, 8)] = s0_linear_attention_num[ramp(0, 1, 8)] + (in_arg2[ramp(

// The pipeline: z and S prefixes over 4 chunks × 2 KV heads = 8 tasks each,
// the scans over 2 KV heads, the output over 4 chunks × 4 heads.
// CHECK-LABEL: external_plus_metadata func s0_linear_attention (
//       CHECK: halide_do_par_for((void *)::s0_linear_attention_par_for_s0_linear_attention_zPrefix_s0_c_task_task, 0, 8,
//       CHECK: halide_do_par_for((void *)::s0_linear_attention_par_for_s0_linear_attention_zPrefix_s1_g_ug, 0, 2,
//       CHECK: halide_do_par_for((void *)::s0_linear_attention_par_for_s0_linear_attention_kvPrefix_s0_c_task_task, 0, 8,
//       CHECK: halide_do_par_for((void *)::s0_linear_attention_par_for_s0_linear_attention_kvPrefix_s1_g_ug, 0, 2,
//       CHECK: halide_do_par_for((void *)::s0_linear_attention_par_for_s0_linear_attention_s0_n_no_task_task, 0, 16,
func.func @causal(%q: tensor<1x4x200x24xf32>, %k: tensor<1x2x200x24xf32>, %v: tensor<1x2x200x40xf32>) -> tensor<1x4x200x40xf32> {
  %0 = attn.linear_attention %q, %k, %v causal : tensor<1x4x200x24xf32>, tensor<1x2x200x24xf32>, tensor<1x2x200x40xf32> -> tensor<1x4x200x40xf32>
  return %0 : tensor<1x4x200x40xf32>
}
