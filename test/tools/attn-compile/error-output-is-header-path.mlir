// RUN: rm -f %t.h %t.so
// RUN: not attn-compile %s -o %t.h 2>&1 | FileCheck %s -DOUT=%t.h
// RUN: not test -e %t.h
// RUN: not attn-compile %s --emit=object -o %t.h 2>&1 | FileCheck %s -DOUT=%t.h

// The header path is the output path with its extension replaced by .h, so
// `-o X.h` would install the library and then overwrite it with the header
// (exit 0, no library). It is refused, and nothing is written.

// CHECK: attn-compile: error: -o [[OUT]] would be overwritten by the generated header
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
