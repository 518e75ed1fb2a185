// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// attn.layer_norm on [2, 7, 37]: the 14 rows fused and split into 4 parallel
// tasks of 4 rows; per row, the two passes each accumulate 8 partial sums in
// one vector (8 floats allocated per row, nothing of the row's size), over 4
// whole vectors of columns and a masked tail (37 = 4·8 + 5), then across the
// 8 lanes; the centering (x - x[0]) - d stays in that order (strict_float);
// the output is written in vectors of 8.

// CHECK-LABEL: // attn-compile: function @layer_norm
//       CHECK: external func s0_layer_norm_par_for_s0_layer_norm_s0_r1_rows0_task (__user_context, s0_layer_norm.s0.r1.rows0.task,
//       CHECK: for (s0_layer_norm.s0.r1.rows0.row, 0, 4) {
//  CHECK-NEXT:  allocate s0_layer_norm_psum[float32 * 8]
//       CHECK:   for (s0_layer_norm_psum.s1.s0_layer_norm_c$x, 0, 4) {
//  CHECK-NEXT:    s0_layer_norm_psum[ramp(0, 1, 8)] = s0_layer_norm_psum[ramp(0, 1, 8)] + (in_x[ramp({{.+}}, 1, 8)] - x8(in_x[{{.+}}]))
//       CHECK:   s0_layer_norm_psum[ramp(0, 1, 8)] = s0_layer_norm_psum[ramp(0, 1, 8)] + select(ramp(32, 1, 8) < x8(37),
//       CHECK:  allocate s0_layer_norm_sum[float32 * 1]
//       CHECK:    for (s0_layer_norm_sum.s1.s0_layer_norm_l$x, 0, 8) {
//       CHECK:  allocate s0_layer_norm_psq[float32 * 8]
//       CHECK:    for (s0_layer_norm_psq.s1.s0_layer_norm_c$x, 0, 4) {
//  CHECK-NEXT:     let [[C:t[0-9]+]] = (float32x8)strict_float((float32x8)strict_float((float32x8)strict_float(in_x[ramp({{.+}}, 1, 8)]) - x8((float32)strict_float(in_x[{{.+}}]))) - x8((float32)strict_float(s0_layer_norm_shift[0])))
//  CHECK-NEXT:     s0_layer_norm_psq[ramp(0, 1, 8)] = s0_layer_norm_psq[ramp(0, 1, 8)] + ([[C]]*[[C]])
//       CHECK:    s0_layer_norm_rstd[0] = 1.000000f/(float32)sqrt_f32((s0_layer_norm_sumsq[0]*0.027027f) + 0.000010f)
//       CHECK:    for (s0_layer_norm.s0.j.j, 0, 4) {
//       CHECK:     s0_layer_norm[ramp({{.+}}, 1, 8)] = in_b[ramp({{.+}}, 1, 8) aligned(8, 0)] + (in_w[ramp({{.+}}, 1, 8) aligned(8, 0)]*((float32x8)strict_float(
//   CHECK-NOT: allocate s0_layer_norm_psum[float32 * 37
//       CHECK: halide_do_par_for((void *)::s0_layer_norm_par_for_s0_layer_norm_s0_r1_rows0_task, 0, 4,
func.func @layer_norm(%x: tensor<2x7x37xf32> {attn.name = "x"},
                      %w: tensor<37xf32> {attn.name = "w"},
                      %b: tensor<37xf32> {attn.name = "b"}) -> tensor<2x7x37xf32> {
  %0 = attn.layer_norm %x weight(%w : tensor<37xf32>) bias(%b : tensor<37xf32>) eps(1.0e-05) : tensor<2x7x37xf32>
  return %0 : tensor<2x7x37xf32>
}

// As RMSNorm (rms): one pass, the squares of x itself (no shift, no
// centering), then x·rstd·w.
// CHECK-LABEL: // attn-compile: function @rms_norm
//   CHECK-NOT: _psum
//   CHECK-NOT: _shift
//       CHECK:  allocate [[PSQ:s0_layer_norm_psq[$0-9]*]][float32 * 8]
//       CHECK:    let [[C:t[0-9]+]] = in_x[ramp(
//  CHECK-NEXT:    [[PSQ]][ramp(0, 1, 8)] = [[PSQ]][ramp(0, 1, 8)] + ([[C]]*[[C]])
//       CHECK:    s0_layer_norm_rstd{{[$0-9]*}}[0] = 1.000000f/(float32)sqrt_f32((s0_layer_norm_sumsq{{[$0-9]*}}[0]*0.027027f) + 0.000001f)
//   CHECK-NOT: _shift
//       CHECK: halide_do_par_for
func.func @rms_norm(%x: tensor<2x7x37xf32> {attn.name = "x"},
                    %w: tensor<37xf32> {attn.name = "w"}) -> tensor<2x7x37xf32> {
  %0 = attn.layer_norm %x rms weight(%w : tensor<37xf32>) eps(1.0e-06) : tensor<2x7x37xf32>
  return %0 : tensor<2x7x37xf32>
}
