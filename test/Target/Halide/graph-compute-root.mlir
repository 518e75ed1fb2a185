// RUN: attn-compile %s --fuse=false --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Unfused attention written with graph ops (--fuse=false keeps it so, see
// attention-fused-chain.mlir for the default): every op is its own root stage,
// numbered in program order (s0_matmul, s1_scale, s2_softmax, s3_matmul).
// Each intermediate is allocated in full at the top level of the pipeline
// (not inside another stage's loops) and produced by parallel loops: the
// matmuls over column panels, chunks of row blocks and batch dimensions
// (2 * 1 * 8 = 16 and 1 * 1 * 8 = 8 tasks), the elementwise stages over
// batch and heads fused (2 * 4 = 8 tasks).

// CHECK-LABEL: // attn-compile: function @unfused
//       CHECK: module name=s3_matmul, target=x86-64-linux-avx2
//       CHECK: external func s3_matmul_par_for_s1_scale_s0_i1_i0 (__user_context, s1_scale.s0.i1.i0,
//       CHECK: for (s1_scale.s0.i2, 0, 32) {
//       CHECK: for (s1_scale.s0.i3.i3, 0, 4) {
//       CHECK: s1_scale[ramp({{.+}}, 1, 8){{.*}}] = s0_matmul[ramp({{.+}}, 1, 8){{.*}}]*x8(0.250000f)
// CHECK-LABEL: external_plus_metadata func s3_matmul (in_q, in_k, in_v, s3_matmul) {
//       CHECK: {{^}}allocate s0_matmul[float32 * 32 * 32 * 4 * 2]
//  CHECK-NEXT: {{^}}produce s0_matmul {
//       CHECK: halide_do_par_for((void *)::s3_matmul_par_for_s0_matmul_s0_{{[a-z0-9_]+}}, 0, 16,
//       CHECK: {{^}}allocate s1_scale[float32 * 32 * 32 * 4 * 2]
//  CHECK-NEXT: {{^}}produce s1_scale {
//       CHECK: halide_do_par_for((void *)::s3_matmul_par_for_s1_scale_s0_i1_i0, 0, 8,
//       CHECK: {{^}}free s0_matmul{{$}}
//       CHECK: {{^}}allocate s2_softmax_max[
//       CHECK: {{^}}allocate s2_softmax_exp[float32 * 32 * 32 * 4 * 2]
//       CHECK: {{^}}allocate s2_softmax[float32 * 32 * 32 * 4 * 2]
//       CHECK: halide_do_par_for((void *)::s3_matmul_par_for_s2_softmax_s0_i1_i0, 0, 8,
//       CHECK: {{^}}produce s3_matmul {
//       CHECK: halide_do_par_for((void *)::s3_matmul_par_for_s3_matmul_s0_{{[a-z0-9_]+}}, 0, 8,
//       CHECK: free s2_softmax{{$}}
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
