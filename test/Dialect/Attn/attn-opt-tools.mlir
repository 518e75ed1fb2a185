// RUN: attn-opt %s | attn-opt | FileCheck %s
// RUN: attn-opt %s --mlir-print-op-generic | attn-opt | FileCheck %s
// RUN: attn-opt %s --canonicalize --cse --mlir-print-ir-after-all -o /dev/null 2>&1 | FileCheck %s --check-prefix=DUMP

// attn-opt registers the dialects attn graphs arrive in (func, arith, tensor,
// tosa, linalg) next to attn, and runs upstream passes with the usual
// mlir-opt debugging flags.

// CHECK-LABEL: func.func @func_and_arith
//  CHECK-SAME:   (%[[X:.+]]: i32) -> i32
//       CHECK:   %[[C:.+]] = arith.constant 7 : i32
//       CHECK:   %[[S:.+]] = arith.addi %[[X]], %[[C]] : i32
//       CHECK:   %[[R:.+]] = call @callee(%[[S]]) : (i32) -> i32
//       CHECK:   return %[[R]] : i32
func.func private @callee(i32) -> i32
func.func @func_and_arith(%x: i32) -> i32 {
  %c = arith.constant 7 : i32
  %s = arith.addi %x, %c : i32
  %r = func.call @callee(%s) : (i32) -> i32
  return %r : i32
}

// CHECK-LABEL: func.func @tensor
//  CHECK-SAME:   (%[[X:.+]]: tensor<2x16x512xf32>)
//       CHECK:   %[[E:.+]] = tensor.expand_shape %[[X]] {{\[\[}}0], [1], [2, 3]] output_shape [2, 16, 8, 64] : tensor<2x16x512xf32> into tensor<2x16x8x64xf32>
//       CHECK:   tensor.collapse_shape %[[E]] {{\[\[}}0, 1], [2, 3]] : tensor<2x16x8x64xf32> into tensor<32x512xf32>
func.func @tensor(%x: tensor<2x16x512xf32>) -> tensor<32x512xf32> {
  %e = tensor.expand_shape %x [[0], [1], [2, 3]] output_shape [2, 16, 8, 64] : tensor<2x16x512xf32> into tensor<2x16x8x64xf32>
  %c = tensor.collapse_shape %e [[0, 1], [2, 3]] : tensor<2x16x8x64xf32> into tensor<32x512xf32>
  return %c : tensor<32x512xf32>
}

// The scores of attention as TOSA writes them.
// CHECK-LABEL: func.func @tosa
//  CHECK-SAME:   (%[[Q:.+]]: tensor<8x16x64xf32>, %[[KT:.+]]: tensor<8x64x16xf32>)
//       CHECK:   %[[ZP:.+]] = "tosa.const"() <{values = dense<0.000000e+00> : tensor<1xf32>}> : () -> tensor<1xf32>
//       CHECK:   %[[S:.+]] = tosa.matmul %[[Q]], %[[KT]], %[[ZP]], %[[ZP]] : (tensor<8x16x64xf32>, tensor<8x64x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<8x16x16xf32>
//       CHECK:   %[[M:.+]] = tosa.reduce_max %[[S]] {axis = 2 : i32} : (tensor<8x16x16xf32>) -> tensor<8x16x1xf32>
//       CHECK:   %[[D:.+]] = tosa.sub %[[S]], %[[M]] : (tensor<8x16x16xf32>, tensor<8x16x1xf32>) -> tensor<8x16x16xf32>
//       CHECK:   tosa.exp %[[D]] : (tensor<8x16x16xf32>) -> tensor<8x16x16xf32>
func.func @tosa(%q: tensor<8x16x64xf32>, %kt: tensor<8x64x16xf32>) -> tensor<8x16x16xf32> {
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %s = tosa.matmul %q, %kt, %zp, %zp : (tensor<8x16x64xf32>, tensor<8x64x16xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<8x16x16xf32>
  %m = tosa.reduce_max %s {axis = 2 : i32} : (tensor<8x16x16xf32>) -> tensor<8x16x1xf32>
  %d = tosa.sub %s, %m : (tensor<8x16x16xf32>, tensor<8x16x1xf32>) -> tensor<8x16x16xf32>
  %e = tosa.exp %d : (tensor<8x16x16xf32>) -> tensor<8x16x16xf32>
  return %e : tensor<8x16x16xf32>
}

// CHECK-LABEL: func.func @linalg
//  CHECK-SAME:   (%[[A:.+]]: tensor<16x64xf32>, %[[B:.+]]: tensor<64x16xf32>)
//       CHECK:   %[[Z:.+]] = arith.constant 0.000000e+00 : f32
//       CHECK:   %[[I:.+]] = tensor.empty() : tensor<16x16xf32>
//       CHECK:   %[[F:.+]] = linalg.fill ins(%[[Z]] : f32) outs(%[[I]] : tensor<16x16xf32>) -> tensor<16x16xf32>
//       CHECK:   %[[M:.+]] = linalg.matmul ins(%[[A]], %[[B]] : tensor<16x64xf32>, tensor<64x16xf32>) outs(%[[F]] : tensor<16x16xf32>) -> tensor<16x16xf32>
//       CHECK:   %[[G:.+]] = linalg.generic {indexing_maps = [#{{.+}}, #{{.+}}], iterator_types = ["parallel", "parallel"]} ins(%[[M]] : tensor<16x16xf32>) outs(%[[I]] : tensor<16x16xf32>)
//       CHECK:   ^bb0(%[[IN:.+]]: f32, %{{.+}}: f32):
//       CHECK:     %[[E:.+]] = arith.mulf %[[IN]], %[[IN]] : f32
//       CHECK:     linalg.yield %[[E]] : f32
//       CHECK:   attn.softmax %[[G]] axis(-1) : tensor<16x16xf32>
func.func @linalg(%a: tensor<16x64xf32>, %b: tensor<64x16xf32>) -> tensor<16x16xf32> {
  %zero = arith.constant 0.0 : f32
  %init = tensor.empty() : tensor<16x16xf32>
  %fill = linalg.fill ins(%zero : f32) outs(%init : tensor<16x16xf32>) -> tensor<16x16xf32>
  %mm = linalg.matmul ins(%a, %b : tensor<16x64xf32>, tensor<64x16xf32>) outs(%fill : tensor<16x16xf32>) -> tensor<16x16xf32>
  %g = linalg.generic {indexing_maps = [affine_map<(d0, d1) -> (d0, d1)>, affine_map<(d0, d1) -> (d0, d1)>],
                       iterator_types = ["parallel", "parallel"]}
      ins(%mm : tensor<16x16xf32>) outs(%init : tensor<16x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    %e = arith.mulf %in, %in : f32
    linalg.yield %e : f32
  } -> tensor<16x16xf32>
  %p = attn.softmax %g axis(-1) : tensor<16x16xf32>
  return %p : tensor<16x16xf32>
}

// --mlir-print-ir-after-all prints the IR after each pass, in pass order.
// Canonicalize folds the constant sum and drops the dead attn.scale (attn ops
// are Pure); CSE then merges the two identical attn.softmax ops.
// CHECK-LABEL: func.func @passes
//       CHECK:   arith.addi
//       CHECK:   attn.scale
//       CHECK:   attn.softmax
//       CHECK:   attn.softmax

//      DUMP: // -----// IR Dump After Canonicalizer (canonicalize) //----- //
// DUMP-LABEL: func.func @passes
//  DUMP-SAME:   (%[[X:.+]]: tensor<4x4xf32>)
//       DUMP:   %[[C:.+]] = arith.constant 5 : i32
//   DUMP-NOT:   arith.addi
//   DUMP-NOT:   attn.scale
//       DUMP:   %[[A:.+]] = attn.softmax %[[X]] axis(1) : tensor<4x4xf32>
//       DUMP:   %[[B:.+]] = attn.softmax %[[X]] axis(1) : tensor<4x4xf32>
//       DUMP:   return %[[C]], %[[A]], %[[B]]
//       DUMP: // -----// IR Dump After CSE (cse) //----- //
// DUMP-LABEL: func.func @passes
//  DUMP-SAME:   (%[[X:.+]]: tensor<4x4xf32>)
//       DUMP:   %[[A:.+]] = attn.softmax %[[X]] axis(1) : tensor<4x4xf32>
//   DUMP-NOT:   attn.softmax
//       DUMP:   return %{{.+}}, %[[A]], %[[A]]
//   DUMP-NOT:   IR Dump After
func.func @passes(%x: tensor<4x4xf32>) -> (i32, tensor<4x4xf32>, tensor<4x4xf32>) {
  %c2 = arith.constant 2 : i32
  %c3 = arith.constant 3 : i32
  %sum = arith.addi %c2, %c3 : i32
  %dead = attn.scale %x by 2.0 : tensor<4x4xf32>
  %a = attn.softmax %x axis(1) : tensor<4x4xf32>
  %b = attn.softmax %x axis(1) : tensor<4x4xf32>
  return %sum, %a, %b : i32, tensor<4x4xf32>, tensor<4x4xf32>
}
