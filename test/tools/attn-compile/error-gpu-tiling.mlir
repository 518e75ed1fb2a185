// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so --target=opencl 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: attn-compile %s -o %t.so --target=host

// On GPU targets the tiling in the IR is the GPU kernel's: tiles written for
// the CPU (64 rows x 256 keys) need more shared memory than a thread block
// has, which is an error at the op, not a silently different tiling. The
// same module compiles for the CPU.
// CHECK: [[FILE]]:[[@LINE+2]]:8: error: 'attn.online_attention' op tiling <query_tile = 64, kv_tile = 256> needs 301568 bytes of GPU shared memory per thread block, more than the 48128 the GPU kernel may use (Halide 14 launches CUDA kernels with 48 KiB); use smaller tiles, or leave the tiling to --attn-tile
func.func @cpu_tiles(%q: tensor<1x2x300x64xf32>) -> tensor<1x2x300x64xf32> {
  %o = attn.attention %q, %q, %q tiling <query_tile = 64, kv_tile = 256, kv_splits = 1> : tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32>, tensor<1x2x300x64xf32> -> tensor<1x2x300x64xf32>
  return %o : tensor<1x2x300x64xf32>
}
