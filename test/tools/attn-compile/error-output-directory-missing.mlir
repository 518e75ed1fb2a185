// RUN: rm -rf %t
// RUN: not attn-compile %s -o %t/missing/libf.so 2>&1 | FileCheck %s -DOUT=%t/missing/libf.so
// RUN: not attn-compile %s --emit=object -o %t/missing/f.o 2>&1 | FileCheck %s -DOUT=%t/missing/f.o
// RUN: not attn-compile %s --emit=halide-stmt -o %t/missing/f.stmt 2>&1 | FileCheck %s -DOUT=%t/missing/f.stmt
// RUN: not attn-compile %s --emit=mlir -o %t/missing/f.mlir 2>&1 | FileCheck %s -DOUT=%t/missing/f.mlir
// RUN: not test -e %t

// An output in a folder that does not exist: a diagnostic naming the path,
// for every kind of output.

// CHECK: error: cannot write [[OUT]]
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
