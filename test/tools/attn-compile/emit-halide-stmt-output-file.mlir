// RUN: rm -f %t.stmt
// RUN: attn-compile %s --emit=halide-stmt -o %t.stmt | count 0
// RUN: FileCheck %s < %t.stmt

// --emit=halide-stmt -o writes the loop nests to the file, not stdout, and
// no header beside it.
// RUN: not test -e %t.h

// CHECK: // attn-compile: function @scale
// CHECK: module name=s0_scale,
// CHECK: produce s0_scale {
func.func @scale(%a: tensor<4x16xf32>) -> tensor<4x16xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}
