// A generated library, CPU or GPU, needs nothing but the C runtime: no
// libHalide, libLLVM or libMLIR, and no GPU driver (Halide's runtime loads
// libcuda.so.1 / libOpenCL.so.1 when a kernel first runs).
// RUN: rm -rf %t && mkdir -p %t
// RUN: attn-compile %s -o %t/libcpu.so
// RUN: attn-compile %s --target=opencl -o %t/libopencl.so
// RUN: attn-compile %s --target=cuda-sm90 -o %t/libcuda.so
// RUN: %python %S/Inputs/check_needed.py llvm-readelf %t/libcpu.so %t/libopencl.so %t/libcuda.so | FileCheck %s

// CHECK:      libcpu.so: NEEDED
// CHECK-NOT:  FAIL
// CHECK:        target x86-64-linux-{{.*}} gpu null
// CHECK:      libopencl.so: NEEDED
// CHECK-NOT:  FAIL
// CHECK:        target x86-64-linux-opencl gpu {"api": "opencl"}
// CHECK:      libcuda.so: NEEDED
// CHECK-NOT:  FAIL
// CHECK:        target x86-64-linux-cuda-cuda_capability_86 gpu {"api": "cuda", "ptx_target": "sm_86", "requested": "sm_90"}
func.func @sdpa(%q: tensor<1x2x33x16xf32>, %k: tensor<1x2x40x16xf32>,
                %v: tensor<1x2x40x16xf32>) -> tensor<1x2x33x16xf32> {
  %o = attn.attention %q, %k, %v causal(bottom_right)
      : tensor<1x2x33x16xf32>, tensor<1x2x40x16xf32>, tensor<1x2x40x16xf32>
        -> tensor<1x2x33x16xf32>
  return %o : tensor<1x2x33x16xf32>
}
