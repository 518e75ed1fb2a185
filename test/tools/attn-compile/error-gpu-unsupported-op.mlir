// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so --target=cuda 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h
// RUN: not attn-compile %s --emit=halide-stmt --target=opencl --fuse=false 2>&1 | FileCheck %s --check-prefix=UNFUSED

// GPU targets have a schedule for fused attention only: any other op is an
// error naming the op and the target, and nothing is written.

// Fused (the default), these graph ops are one attn.attention and compile;
// unfused (--fuse=false), the first of them is rejected.
// UNFUSED: error: 'attn.matmul' op cannot be compiled for GPU target 'x86-64-linux-opencl'
func.func @graph(%q: tensor<1x1x4x8xf32>, %k: tensor<1x1x4x8xf32>,
                 %v: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %s = attn.matmul %q, %k transpose_rhs : tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x4xf32>
  %p = attn.softmax %s axis(-1) : tensor<1x1x4x4xf32>
  %o = attn.matmul %p, %v : tensor<1x1x4x4xf32>, tensor<1x1x4x8xf32> -> tensor<1x1x4x8xf32>
  return %o : tensor<1x1x4x8xf32>
}

// CHECK: [[FILE]]:[[@LINE+2]]:{{[0-9]+}}: error: 'attn.scale' op cannot be compiled for GPU target 'x86-64-linux-cuda-cuda_capability_61': only attn.attention (and its online form) has a GPU schedule; compile this function for a CPU target
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
