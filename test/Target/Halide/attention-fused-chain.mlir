// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// By default attn-compile fuses an attention written as graph ops (QKᵀ as a
// transposed matmul, scale, softmax along the keys, ·V) before code
// generation: the stmt is the single fused attention pipeline (one stage
// family s0_attention_*, per-tile scores of the full pass only, the graph
// having no mask), with no root matmul or softmax stage and no [N, M]
// intermediate (compare graph-compute-root.mlir, the
// same graph with --fuse=false).

// CHECK-LABEL: // attn-compile: function @unfused
//       CHECK: module name=s0_attention, target=x86-64-linux-avx2
//   CHECK-NOT: _matmul
//   CHECK-NOT: _softmax
//       CHECK: external func s0_attention_par_for_s0_attention_s0_n_no_task_task (
//       CHECK: allocate s0_attention_full_score[float32 * 32 * 32 * 1 * 1 * 1]
//       CHECK: s0_attention_full_score[{{.+}}] = s0_attention_full_dot[ramp(0, 1, 8)]*x8(0.250000f)
//   CHECK-NOT: _matmul
//   CHECK-NOT: _softmax
//       CHECK: external_plus_metadata func s0_attention (in_q, in_k, in_v, s0_attention) {
//   CHECK-NOT: allocate s{{[0-9]+}}_{{matmul|scale|softmax}}
//       CHECK: halide_do_par_for((void *)::s0_attention_par_for_s0_attention_s0_n_no_task_task, 0, {{[0-9]+}},
func.func @unfused(%q: tensor<2x4x32x16xf32> {attn.name = "q"},
                   %k: tensor<2x4x32x16xf32> {attn.name = "k"},
                   %v: tensor<2x4x32x16xf32> {attn.name = "v"}) -> tensor<2x4x32x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs
      : tensor<2x4x32x16xf32>, tensor<2x4x32x16xf32> -> tensor<2x4x32x32xf32>
  %t = attn.scale %s by 2.500000e-01 : tensor<2x4x32x32xf32>
  %p = attn.softmax %t axis(3) : tensor<2x4x32x32xf32>
  %o = attn.matmul %p, %v : tensor<2x4x32x32xf32>, tensor<2x4x32x16xf32> -> tensor<2x4x32x16xf32>
  return %o : tensor<2x4x32x16xf32>
}
