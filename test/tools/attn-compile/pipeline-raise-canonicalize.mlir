// RUN: attn-compile %s --emit=mlir | FileCheck %s
// RUN: attn-compile %s --emit=mlir --raise=false --fuse=false | FileCheck %s --check-prefix=ASIS

// By default the module is canonicalized before code generation (here a
// chain of scales folds into one); with --raise=false and --fuse=false (the
// fusion's rewrites fold too) the ops reach the code generator as written.

// CHECK-LABEL: func.func @scales(
//       CHECK:   attn.scale %{{.+}} by 6.000000e+00
//   CHECK-NOT:   attn.scale

// ASIS-LABEL: func.func @scales(
//       ASIS:   attn.scale %{{.+}} by 1.000000e+00
//  ASIS-NEXT:   attn.scale %{{.+}} by 2.000000e+00
//  ASIS-NEXT:   attn.scale %{{.+}} by 3.000000e+00
func.func @scales(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %0 = attn.scale %x by 1.000000e+00 : tensor<4x8xf32>
  %1 = attn.scale %0 by 2.000000e+00 : tensor<4x8xf32>
  %2 = attn.scale %1 by 3.000000e+00 : tensor<4x8xf32>
  return %2 : tensor<4x8xf32>
}
