// RUN: rm -rf %t && mkdir -p %t
// RUN: env CC_LOG=%t/cc.log attn-compile %s -o %t/libf.so --cc=%S/Inputs/logging-cc.sh
// RUN: FileCheck %s < %t/cc.log
// RUN: llvm-readelf -h %t/libf.so | FileCheck %s --check-prefix=ELF

// --cc picks the C compiler driver: it compiles the entry points with hidden
// visibility, then links the library with the version script.

// CHECK: logging-cc: -O2 -fPIC -std=c11 -fvisibility=hidden {{.*}}-c {{.*}}entry_points.c -o
// CHECK-NEXT: logging-cc: -shared -o {{.*}} -Wl,--version-script={{.*}}exports.map -Wl,--no-undefined
// ELF: Type: DYN (Shared object file)
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
