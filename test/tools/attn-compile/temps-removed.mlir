// RUN: rm -rf %t && mkdir -p %t/tmp
// RUN: env TMPDIR=%t/tmp attn-compile %s -o %t/libf.so
// RUN: env TMPDIR=%t/tmp attn-compile %s --emit=object -o %t/f.o
// RUN: env TMPDIR=%t/tmp attn-compile %s --emit=halide-stmt -o %t/f.stmt
// RUN: not env TMPDIR=%t/tmp attn-compile %s -o %t/libg.so --cc=false 2>&1 | FileCheck %s
// RUN: ls -A %t/tmp | count 0

// Without --keep-temps the temporary build folder is removed, after a
// success and after a failure.

// CHECK: error: failed to compile the generated entry points (false exited with 1
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
