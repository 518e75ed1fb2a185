// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h

// A public function named like a C library symbol would be exported under
// that name: a library exporting `int malloc(const float *, float *)`
// interposes libc's malloc in every program linked against it (or started
// with LD_PRELOAD), which then crashes at its first malloc. Such names are
// rejected at the function.

// CHECK: [[FILE]]:[[@LINE+1]]:1: error: function name 'malloc' is a C library function; rename the function
func.func @malloc(%a: tensor<4xf32>) -> tensor<4xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<4xf32>
  return %0 : tensor<4xf32>
}
