// RUN: attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt | FileCheck %s

// Returning an argument needs a Func of its own: a copy stage named after
// the result (attn.name "y" -> copy_y) that reads the input buffer.

// CHECK-LABEL: // attn-compile: function @identity
//       CHECK: module name=copy_y, target=x86-64-linux-avx2
//       CHECK: copy_y[ramp({{.+}}, 1, 8)] = in_x[ramp({{.+}}, 1, 8)]
//       CHECK: external_plus_metadata func copy_y (in_x, copy_y) {
//       CHECK: halide_do_par_for((void *)::copy_y_par_for_copy_y_s0_i0, 0, 4,
func.func @identity(%x: tensor<4x16xf32> {attn.name = "x"}) -> (tensor<4x16xf32> {attn.name = "y"}) {
  return %x : tensor<4x16xf32>
}
