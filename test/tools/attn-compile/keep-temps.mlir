// RUN: rm -rf %t && mkdir -p %t/tmp
// RUN: env TMPDIR=%t/tmp ATTN_CACHE_DIR=%t/cache attn-compile %s -o %t/libf.so --keep-temps 2>&1 | FileCheck %s -DTMP=%t/tmp
// RUN: ls %t/tmp/attn-compile-* | FileCheck %s --check-prefix=FILES

// --keep-temps leaves the build folder (in $TMPDIR) and says where it is:
// the generated entry points, the export map, the objects and the tool log
// (the Halide runtime object lives in the runtime cache, not here).

// CHECK: attn-compile: temporary files kept in [[TMP]]/attn-compile-
// FILES-DAG: entry_points.c
// FILES-DAG: entry_points.o
// FILES-DAG: exports.map
// FILES-DAG: f.o
func.func @f(%a: tensor<8xf32>) -> tensor<8xf32> {
  %0 = attn.scale %a by 2.000000e+00 : tensor<8xf32>
  return %0 : tensor<8xf32>
}
