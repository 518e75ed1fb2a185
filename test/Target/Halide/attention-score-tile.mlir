// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt \
// RUN:   | FileCheck %s --implicit-check-not='allocate s0_attention{{.*}}_score' \
// RUN:       --implicit-check-not='allocate s0_attention{{.*}}_prob'

// In the two-pass form (one KV block of all M=80 keys) the scores and
// probabilities live for one query tile only: M x 32 buffers allocated inside
// the parallel task and freed before it ends. The N x M matrix (128 x 80) is
// never allocated, and no other score or probability buffer exists
// (implicit-check-not), in either pass. M is a multiple of the KV tile and
// nothing is masked, so there is only the full pass. The running output
// state is per tile too.

// CHECK-LABEL: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (
//       CHECK: allocate s0_attention_state.0[float32 * 64 * 32 * 1 * 1 * 1 * 1]
//       CHECK: allocate s0_attention_full_score[float32 * 80 * 32 * 1 * 1 * 1]
//       CHECK: allocate s0_attention_full_blockmax[float32 * 32]
//       CHECK: allocate s0_attention_full_prob[float32 * 80 * 32 * 1 * 1 * 1]
//       CHECK: free s0_attention_full_score
//       CHECK: allocate s0_attention_full_blocksum[float32 * 32]
//       CHECK: free s0_attention_full_prob
//       CHECK: free s0_attention_state.0
//       CHECK: external_plus_metadata func s0_attention (
//       CHECK: halide_do_par_for((void *)::s0_attention_par_for_s0_attention_s0_n_no_task_task, 0, 8,
func.func @long_sequence(%q: tensor<1x2x128x64xf32>, %k: tensor<1x2x80x64xf32>,
                         %v: tensor<1x2x80x64xf32>) -> tensor<1x2x128x64xf32> {
  %o = attn.attention %q, %k, %v tiling <query_tile = 32, kv_tile = 80, kv_splits = 1>
      : tensor<1x2x128x64xf32>, tensor<1x2x80x64xf32>, tensor<1x2x80x64xf32> -> tensor<1x2x128x64xf32>
  return %o : tensor<1x2x128x64xf32>
}
