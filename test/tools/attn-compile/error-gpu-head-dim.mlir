// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so --target=opencl 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so

// A head dim so large that even one query row and one key do not fit a
// GPU thread block's shared memory: an error at the op, not Halide's.
// CHECK: [[FILE]]:[[@LINE+2]]:8: error: 'attn.online_attention' op needs 52044 bytes of GPU shared memory per thread block even with 1 x 1 tiles (head dim 4000, value dim 4000), more than the 48128 the GPU kernel may use; compile this function for a CPU target
func.func @huge_head(%q: tensor<1x1x64x4000xf32>) -> tensor<1x1x64x4000xf32> {
  %o = attn.attention %q, %q, %q : tensor<1x1x64x4000xf32>, tensor<1x1x64x4000xf32>, tensor<1x1x64x4000xf32> -> tensor<1x1x64x4000xf32>
  return %o : tensor<1x1x64x4000xf32>
}
