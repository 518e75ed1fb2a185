// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s
// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | grep allocate | FileCheck %s --check-prefix=ALLOC

// Non-causal linear attention: N = 200 queries, M = 300 keys (4 chunks of
// 64 and a tail of 44), 4 query heads on 2 KV heads, D = 24, Dv = 40.

// S (Dv rounded up to whole 16-column blocks × D) and z (D), once per KV
// head; no buffer has an N- or M-sized dimension (200, 300).
// ALLOC-NOT: {{200|300}}
// ALLOC:     allocate s0_linear_attention_zSum[float32 * 24 * 2 * 1]
// ALLOC-NOT: {{200|300}}
// ALLOC:     allocate s0_linear_attention_kvSum[float32 * 48 * 24 * 2 * 1]
// ALLOC-NOT: {{200|300}}

// S: one task per KV head, a serial loop over the 5 key chunks; per chunk
// phi(k) once, then 4 × 16 register blocks over its 64 keys (the tail
// chunk's keys past M have phi = 0).
// CHECK-LABEL: external func s0_linear_attention_par_for_s0_linear_attention_kvSum_s1_g_ug
//       CHECK: for (s0_linear_attention_kvSum.s1.s0_linear_attention_rc$x, 0, 5) {
//       CHECK:   allocate s0_linear_attention_phiKey[float32 * 24 * 64 * 1 * 1 * 1]
//       CHECK:   allocate s0_linear_attention_chunkKV[float32 * 16 * 4 * 1 * 1 * 1]
//       CHECK:   for (s0_linear_attention_chunkKV.s1.s0_linear_attention_rr$x.s0_linear_attention_rr$x_steps, 0, 8) {

// The output: one task per (64 query rows, head); phi(q)·S in 4 × 16
// register blocks over D = 24.
// CHECK-LABEL: external func s0_linear_attention_par_for_s0_linear_attention_s0_n_no_task_task
//       CHECK:   allocate s0_linear_attention_phiQuery[float32 * 24 * 64 * 1 * 1]
//       CHECK:   allocate s0_linear_attention_num[float32 * 16 * 4 * 1 * 1]
//       CHECK:   for (s0_linear_attention_num.s1.s0_linear_attention_rd$x.s0_linear_attention_rd$x_steps, 0, 3) {
//  CHECK-NEXT:     s0_linear_attention_num[ramp({{.+}}, 1, 8) {{.+}} + (s0_linear_attention_kvSum[ramp(

// 2 KV heads for the state, 4 query tiles × 4 heads for the output.
// CHECK-LABEL: external_plus_metadata func s0_linear_attention (
//       CHECK: halide_do_par_for((void *)::s0_linear_attention_par_for_s0_linear_attention_kvSum_s1_g_ug, 0, 2,
//       CHECK: halide_do_par_for((void *)::s0_linear_attention_par_for_s0_linear_attention_s0_n_no_task_task, 0, 16,
func.func @full(%q: tensor<1x4x200x24xf32>, %k: tensor<1x2x300x24xf32>, %v: tensor<1x2x300x40xf32>) -> tensor<1x4x200x40xf32> {
  %0 = attn.linear_attention %q, %k, %v : tensor<1x4x200x24xf32>, tensor<1x2x300x24xf32>, tensor<1x2x300x40xf32> -> tensor<1x4x200x40xf32>
  return %0 : tensor<1x4x200x40xf32>
}
