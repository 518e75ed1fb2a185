// RUN: rm -f %t.o %t.h
// RUN: attn-compile %s --emit=object -o %t.o
// RUN: FileCheck %s < %t.h

// The header goes beside an object too (X.o -> X.h).

// CHECK: int scale(const float *x, float *result0);
// CHECK: int scale_halide(struct halide_buffer_t *x, struct halide_buffer_t *result0);
func.func @scale(%a: tensor<4x16xf32> {attn.name = "x"}) -> tensor<4x16xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4x16xf32>
  return %0 : tensor<4x16xf32>
}
