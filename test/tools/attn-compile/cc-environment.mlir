// RUN: rm -rf %t && mkdir -p %t
// RUN: env CC=%S/Inputs/logging-cc.sh CC_LOG=%t/cc.log attn-compile %s --emit=object -o %t/f.o
// RUN: FileCheck %s < %t/cc.log
// RUN: env CC=false attn-compile %s -o %t/libg.so --cc=%S/Inputs/logging-cc.sh

// Without --cc, $CC is the driver; --cc takes precedence over $CC. An
// object is combined with a relocatable link (-r).

// CHECK: logging-cc: {{.*}}-c {{.*}}entry_points.c
// CHECK-NEXT: logging-cc: -r -o
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
