// RUN: rm -f %t.so %t.h
// RUN: not attn-compile %s -o %t.so --target=x86-64-linux-metal 2>&1 | FileCheck %s -DFILE=%s
// RUN: not test -e %t.so
// RUN: not test -e %t.h
// RUN: not attn-compile %s --emit=halide-stmt --target=host-d3d12compute 2>&1 | FileCheck %s --check-prefix=HOST
// RUN: not attn-compile %s --emit=gpu-source --target=host 2>&1 | FileCheck %s --check-prefix=SOURCE
// RUN: not attn-compile %s -o %t.so --target=cuda-sm20 2>&1 | FileCheck %s --check-prefix=SHORT -DNAME=cuda-sm20
// RUN: not attn-compile %s -o %t.so --target=cuda80 2>&1 | FileCheck %s --check-prefix=SHORT -DNAME=cuda80
// RUN: not attn-compile %s -o %t.so --target=opencl-2 2>&1 | FileCheck %s --check-prefix=SHORT -DNAME=opencl-2
// RUN: not test -e %t.so

// Halide target strings with CUDA or OpenCL are GPU targets like the
// shorthands; other GPU APIs are rejected, for every kind of output, and so
// are malformed shorthands. --emit=gpu-source needs a GPU target.

// CHECK: [[FILE]]:{{[0-9]+}}:{{[0-9]+}}: error: target 'x86-64-linux-metal' has a GPU feature other than CUDA and OpenCL, which are the only GPU APIs supported
// HOST: error: target 'host-d3d12compute' has a GPU feature other than CUDA and OpenCL
// SOURCE: error: --emit=gpu-source needs a GPU target ('cuda', 'cuda-smNN' or 'opencl'), got 'host'
// SHORT: error: unknown GPU target '[[NAME]]'; use 'cuda', 'cuda-smNN' (e.g. cuda-sm80, cuda-sm90) or 'opencl'
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
