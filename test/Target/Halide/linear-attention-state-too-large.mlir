// RUN: not attn-compile %s --target=x86-64-linux-avx2 --emit=halide-stmt 2>&1 | FileCheck %s -DFILE=%s

// The causal prefix holds one D × Dv sum per chunk of 64 keys: with
// N = 32768 (512 chunks), D = Dv = 256 and 16 KV heads it is exactly 2^31
// bytes, one more than a Halide allocation may have. The inputs (2^27
// elements each) are fine; the op is rejected before code generation
// instead of failing at run time.

// CHECK: [[FILE]]:{{[0-9]+}}:{{[0-9]+}}: error: 'attn.linear_attention' op needs a key/value state of 2147483648 bytes (a D x Dv sum per batch and key/value head and per chunk of 64 keys), more than the 2^31-1 that the code generator can allocate
func.func @f(%q: tensor<1x16x32768x256xf32>, %k: tensor<1x16x32768x256xf32>, %v: tensor<1x16x32768x256xf32>) -> tensor<1x16x32768x256xf32> {
  %0 = attn.linear_attention %q, %k, %v causal : tensor<1x16x32768x256xf32>, tensor<1x16x32768x256xf32>, tensor<1x16x32768x256xf32> -> tensor<1x16x32768x256xf32>
  return %0 : tensor<1x16x32768x256xf32>
}
