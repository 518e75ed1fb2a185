// RUN: attn-compile %s --emit=mlir --fuse=false | FileCheck %s
// RUN: attn-compile %s --emit=halide-stmt --fuse=false --target=x86-64-linux-avx2 | FileCheck %s --check-prefix=STMT

// --fuse=false compiles the graph ops as written: no attn.attention, and the
// lowered pipeline has one stage per op.

// CHECK-LABEL: func.func @chain(
//   CHECK-NOT:   attn.attention
//       CHECK:   attn.matmul {{.*}} transpose_rhs
//  CHECK-NEXT:   attn.scale
//  CHECK-NEXT:   attn.softmax
//  CHECK-NEXT:   attn.matmul
//   CHECK-NOT:   attn.attention

// STMT: module name=s3_matmul,
// STMT-NOT: s0_attention
// STMT: produce s2_softmax {
func.func @chain(%q: tensor<2x4x32x16xf32>, %k: tensor<2x4x32x16xf32>,
                 %v: tensor<2x4x32x16xf32>) -> tensor<2x4x32x16xf32> {
  %s = attn.matmul %q, %k transpose_rhs
      : tensor<2x4x32x16xf32>, tensor<2x4x32x16xf32> -> tensor<2x4x32x32xf32>
  %t = attn.scale %s by 2.500000e-01 : tensor<2x4x32x32xf32>
  %p = attn.softmax %t axis(3) : tensor<2x4x32x32xf32>
  %o = attn.matmul %p, %v : tensor<2x4x32x32xf32>, tensor<2x4x32x16xf32> -> tensor<2x4x32x16xf32>
  return %o : tensor<2x4x32x16xf32>
}
