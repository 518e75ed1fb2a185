// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s

// The forms that MLIR's --tosa-to-linalg-named --tosa-to-linalg
// --tosa-to-arith --tosa-to-tensor give the TOSA ops: the same matchers
// read elementwise linalg.generic ops (with broadcasting indexing maps),
// linalg.reduce, the named matmuls and tensor reshapes.

// linalg.batch_matmul into a zero-filled tensor is attn.matmul.
// CHECK-LABEL: func.func @batch_matmul
//  CHECK-SAME:   %[[A:[^:]+]]: tensor<4x8x16xf32>, %[[B:[^:]+]]: tensor<4x16x8xf32>
//       CHECK:   %[[R:.+]] = attn.matmul %[[A]], %[[B]] : tensor<4x8x16xf32>, tensor<4x16x8xf32> -> tensor<4x8x8xf32>
//   CHECK-NOT:   linalg.
//       CHECK:   return %[[R]]
func.func @batch_matmul(%a: tensor<4x8x16xf32>, %b: tensor<4x16x8xf32>) -> tensor<4x8x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e = tensor.empty() : tensor<4x8x8xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  %0 = linalg.batch_matmul ins(%a, %b : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%f : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  return %0 : tensor<4x8x8xf32>
}

// -----

// linalg.matmul (rank 2, what a batch of 1 lowers to) and linalg.transpose.
// CHECK-LABEL: func.func @matmul_transposed_weight
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<12x32xf32>, %[[W:[^:]+]]: tensor<16x32xf32>
// The transpose of the weight becomes the matmul's transpose_rhs flag, and
// rows times a transposed weight is a projection, attn.linear.
//       CHECK:   attn.linear %[[X]], %[[W]] : tensor<12x32xf32>, tensor<16x32xf32> -> tensor<12x16xf32>
//   CHECK-NOT:   linalg.
func.func @matmul_transposed_weight(%x: tensor<12x32xf32>, %w: tensor<16x32xf32>) -> tensor<12x16xf32> {
  %zero = arith.constant 0.0 : f32
  %et = tensor.empty() : tensor<32x16xf32>
  %wt = linalg.transpose ins(%w : tensor<16x32xf32>) outs(%et : tensor<32x16xf32>) permutation = [1, 0]
  %e = tensor.empty() : tensor<12x16xf32>
  %f = linalg.fill ins(%zero : f32) outs(%e : tensor<12x16xf32>) -> tensor<12x16xf32>
  %0 = linalg.matmul ins(%x, %wt : tensor<12x32xf32>, tensor<32x16xf32>) outs(%f : tensor<12x16xf32>) -> tensor<12x16xf32>
  return %0 : tensor<12x16xf32>
}

// -----

// tensor.collapse_shape / expand_shape are attn.reshape.
// CHECK-LABEL: func.func @reshapes
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x4x8x16xf32>, %[[Y:[^:]+]]: tensor<8x8x16xf32>
//       CHECK:   attn.reshape %[[X]] : tensor<2x4x8x16xf32> -> tensor<8x8x16xf32>
//       CHECK:   attn.reshape %[[Y]] : tensor<8x8x16xf32> -> tensor<2x4x8x16xf32>
func.func @reshapes(%x: tensor<2x4x8x16xf32>, %y: tensor<8x8x16xf32>) -> (tensor<8x8x16xf32>, tensor<2x4x8x16xf32>) {
  %c = tensor.collapse_shape %x [[0, 1], [2], [3]] : tensor<2x4x8x16xf32> into tensor<8x8x16xf32>
  %e = tensor.expand_shape %y [[0, 1], [2], [3]] output_shape [2, 4, 8, 16] : tensor<8x8x16xf32> into tensor<2x4x8x16xf32>
  return %c, %e : tensor<8x8x16xf32>, tensor<2x4x8x16xf32>
}

// -----

#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#one = affine_map<(d0, d1, d2) -> (0, 0, 0)>
// A product with a broadcast splat constant, and with a scalar captured by
// the body; a quotient by a scalar. The three scales fold into one:
// 0.125 * 3 / 4.
// CHECK-LABEL: func.func @scales
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x8x8xf32>
//       CHECK:   %[[A:.+]] = attn.scale %[[X]] by 9.375000e-02 : tensor<2x8x8xf32>
//   CHECK-NOT:   linalg.
//       CHECK:   return %[[A]]
func.func @scales(%x: tensor<2x8x8xf32>) -> tensor<2x8x8xf32> {
  %c = arith.constant dense<0.125> : tensor<1x1x1xf32>
  %three = arith.constant 3.0 : f32
  %four = arith.constant 4.0 : f32
  %e = tensor.empty() : tensor<2x8x8xf32>
  %0 = linalg.generic {indexing_maps = [#id, #one, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x, %c : tensor<2x8x8xf32>, tensor<1x1x1xf32>) outs(%e : tensor<2x8x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %m = arith.mulf %in, %in_0 : f32
    linalg.yield %m : f32
  } -> tensor<2x8x8xf32>
  %1 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%0 : tensor<2x8x8xf32>) outs(%e : tensor<2x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %three, %in : f32
    linalg.yield %m : f32
  } -> tensor<2x8x8xf32>
  %2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%1 : tensor<2x8x8xf32>) outs(%e : tensor<2x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.divf %in, %four : f32
    linalg.yield %m : f32
  } -> tensor<2x8x8xf32>
  return %2 : tensor<2x8x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#bias = affine_map<(d0, d1, d2, d3) -> (0, 0, d2, d3)>
#row = affine_map<(d0, d1, d2, d3) -> (d3)>
// Sums with broadcasting maps: a rank-equal one (constant 0 for size-1
// dimensions) and a lower-rank, right-aligned one; a difference with a
// constant.
// CHECK-LABEL: func.func @sums
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<1x4x8x8xf32>, %[[M:[^:]+]]: tensor<1x1x8x8xf32>, %[[B:[^:]+]]: tensor<8xf32>
//       CHECK:   %[[C:.+]] = arith.constant dense<-2.000000e+00> : tensor<1xf32>
//       CHECK:   %[[A:.+]] = attn.add %[[X]], %[[M]] : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32> -> tensor<1x4x8x8xf32>
//       CHECK:   %[[D:.+]] = attn.add %[[A]], %[[B]] : tensor<1x4x8x8xf32>, tensor<8xf32> -> tensor<1x4x8x8xf32>
//       CHECK:   attn.add %[[D]], %[[C]] : tensor<1x4x8x8xf32>, tensor<1xf32> -> tensor<1x4x8x8xf32>
func.func @sums(%x: tensor<1x4x8x8xf32>, %m: tensor<1x1x8x8xf32>, %b: tensor<8xf32>) -> tensor<1x4x8x8xf32> {
  %two = arith.constant 2.0 : f32
  %e = tensor.empty() : tensor<1x4x8x8xf32>
  %0 = linalg.generic {indexing_maps = [#id, #bias, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%x, %m : tensor<1x4x8x8xf32>, tensor<1x1x8x8xf32>) outs(%e : tensor<1x4x8x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %s = arith.addf %in, %in_0 : f32
    linalg.yield %s : f32
  } -> tensor<1x4x8x8xf32>
  %1 = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%0, %b : tensor<1x4x8x8xf32>, tensor<8xf32>) outs(%e : tensor<1x4x8x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %s = arith.addf %in, %in_0 : f32
    linalg.yield %s : f32
  } -> tensor<1x4x8x8xf32>
  %2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%1 : tensor<1x4x8x8xf32>) outs(%e : tensor<1x4x8x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %s = arith.subf %in, %two : f32
    linalg.yield %s : f32
  } -> tensor<1x4x8x8xf32>
  return %2 : tensor<1x4x8x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2, d3) -> (d0, d1, d2, d3)>
#mask = affine_map<(d0, d1, d2, d3) -> (d0, 0, d2, d3)>
#one = affine_map<(d0, d1, d2, d3) -> (0, 0, 0, 0)>
// select(keep, x, -inf) as a linalg.generic.
// CHECK-LABEL: func.func @select_keep
//  CHECK-SAME:   %[[S:[^:]+]]: tensor<1x4x8x8xf32>, %[[M:[^:]+]]: tensor<1x1x8x8xi1>
//       CHECK:   attn.mask %[[S]], %[[M]] : tensor<1x4x8x8xf32>, tensor<1x1x8x8xi1>
//   CHECK-NOT:   linalg.generic
func.func @select_keep(%s: tensor<1x4x8x8xf32>, %m: tensor<1x1x8x8xi1>) -> tensor<1x4x8x8xf32> {
  %ninf = arith.constant dense<0xFF800000> : tensor<1x1x1x1xf32>
  %e = tensor.empty() : tensor<1x4x8x8xf32>
  %0 = linalg.generic {indexing_maps = [#mask, #id, #one, #id], iterator_types = ["parallel", "parallel", "parallel", "parallel"]} ins(%m, %s, %ninf : tensor<1x1x8x8xi1>, tensor<1x4x8x8xf32>, tensor<1x1x1x1xf32>) outs(%e : tensor<1x4x8x8xf32>) {
  ^bb0(%in: i1, %in_0: f32, %in_1: f32, %out: f32):
    %r = arith.select %in, %in_0, %in_1 : f32
    linalg.yield %r : f32
  } -> tensor<1x4x8x8xf32>
  return %0 : tensor<1x4x8x8xf32>
}

// -----

#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
#kept = affine_map<(d0, d1, d2) -> (d0, d1, 0)>
// The decomposed softmax after --tosa-to-linalg: linalg.reduce from -FLT_MAX
// and from 0, re-expanded to keep the axis, and elementwise generics.
// CHECK-LABEL: func.func @softmax
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x4x8xf32>
//       CHECK:   %[[P:.+]] = attn.softmax %[[X]] axis(2) : tensor<2x4x8xf32>
//   CHECK-NOT:   linalg.
//       CHECK:   return %[[P]]
func.func @softmax(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  %min = arith.constant -3.40282347E+38 : f32
  %zero = arith.constant 0.0 : f32
  %e2 = tensor.empty() : tensor<2x4xf32>
  %e3 = tensor.empty() : tensor<2x4x8xf32>
  %e31 = tensor.empty() : tensor<2x4x1xf32>
  %fm = linalg.fill ins(%min : f32) outs(%e2 : tensor<2x4xf32>) -> tensor<2x4xf32>
  %mx = linalg.reduce ins(%x : tensor<2x4x8xf32>) outs(%fm : tensor<2x4xf32>) dimensions = [2]
    (%in: f32, %init: f32) {
      %r = arith.maximumf %in, %init : f32
      linalg.yield %r : f32
    }
  %mxk = tensor.expand_shape %mx [[0], [1, 2]] output_shape [2, 4, 1] : tensor<2x4xf32> into tensor<2x4x1xf32>
  %d = linalg.generic {indexing_maps = [#id, #kept, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%x, %mxk : tensor<2x4x8xf32>, tensor<2x4x1xf32>) outs(%e3 : tensor<2x4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.subf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<2x4x8xf32>
  %ex = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%d : tensor<2x4x8xf32>) outs(%e3 : tensor<2x4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<2x4x8xf32>
  %fz = linalg.fill ins(%zero : f32) outs(%e2 : tensor<2x4xf32>) -> tensor<2x4xf32>
  %sm = linalg.reduce ins(%ex : tensor<2x4x8xf32>) outs(%fz : tensor<2x4xf32>) dimensions = [2]
    (%in: f32, %init: f32) {
      %r = arith.addf %in, %init : f32
      linalg.yield %r : f32
    }
  %smk = tensor.expand_shape %sm [[0], [1, 2]] output_shape [2, 4, 1] : tensor<2x4xf32> into tensor<2x4x1xf32>
  %rc = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%smk : tensor<2x4x1xf32>) outs(%e31 : tensor<2x4x1xf32>) {
  ^bb0(%in: f32, %out: f32):
    %one = arith.constant 1.0 : f32
    %r = arith.divf %one, %in : f32
    linalg.yield %r : f32
  } -> tensor<2x4x1xf32>
  %p = linalg.generic {indexing_maps = [#id, #kept, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%ex, %rc : tensor<2x4x8xf32>, tensor<2x4x1xf32>) outs(%e3 : tensor<2x4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.mulf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<2x4x8xf32>
  return %p : tensor<2x4x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#drop = affine_map<(d0, d1) -> (d0)>
// The same with the reductions used directly (indexing maps that drop the
// reduced dimension) and the normalization as one division.
// CHECK-LABEL: func.func @softmax_dropped_dims
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<4x8xf32>
//       CHECK:   %[[P:.+]] = attn.softmax %[[X]] axis(1) : tensor<4x8xf32>
//   CHECK-NOT:   linalg.
func.func @softmax_dropped_dims(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4xf32>
  %e2 = tensor.empty() : tensor<4x8xf32>
  %fm = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %mx = linalg.reduce ins(%x : tensor<4x8xf32>) outs(%fm : tensor<4xf32>) dimensions = [1]
    (%in: f32, %init: f32) {
      %r = arith.maxnumf %in, %init : f32
      linalg.yield %r : f32
    }
  %d = linalg.generic {indexing_maps = [#id, #drop, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %mx : tensor<4x8xf32>, tensor<4xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.subf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  %ex = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%d : tensor<4x8xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  %fz = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %sm = linalg.reduce ins(%ex : tensor<4x8xf32>) outs(%fz : tensor<4xf32>) dimensions = [1]
    (%in: f32, %init: f32) {
      %r = arith.addf %in, %init : f32
      linalg.yield %r : f32
    }
  %p = linalg.generic {indexing_maps = [#id, #drop, #id], iterator_types = ["parallel", "parallel"]} ins(%ex, %sm : tensor<4x8xf32>, tensor<4xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.divf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  return %p : tensor<4x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#row = affine_map<(d0, d1) -> (d0)>
// Reductions written as linalg.generic with a reduction loop (as
// torch-mlir's TorchToLinalg emits them) are reductions too.
// CHECK-LABEL: func.func @softmax_generic_reductions
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<4x8xf32>
//       CHECK:   %[[P:.+]] = attn.softmax %[[X]] axis(1) : tensor<4x8xf32>
//   CHECK-NOT:   linalg.
func.func @softmax_generic_reductions(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %ninf = arith.constant 0xFF800000 : f32
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4xf32>
  %e2 = tensor.empty() : tensor<4x8xf32>
  %fm = linalg.fill ins(%ninf : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %mx = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%x : tensor<4x8xf32>) outs(%fm : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.maximumf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  %d = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %mx : tensor<4x8xf32>, tensor<4xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.subf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  %ex = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%d : tensor<4x8xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  %fz = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %sm = linalg.generic {indexing_maps = [#id, #row], iterator_types = ["parallel", "reduction"]} ins(%ex : tensor<4x8xf32>) outs(%fz : tensor<4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = arith.addf %in, %out : f32
    linalg.yield %r : f32
  } -> tensor<4xf32>
  %p = linalg.generic {indexing_maps = [#id, #row, #id], iterator_types = ["parallel", "parallel"]} ins(%ex, %sm : tensor<4x8xf32>, tensor<4xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.divf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  return %p : tensor<4x8xf32>
}

// -----

// linalg.broadcast: a reshape, then the sum with zeros.
// CHECK-LABEL: func.func @linalg_broadcast
//  CHECK-SAME:   %[[K:[^:]+]]: tensor<2x16xf32>
//       CHECK:   %[[Z:.+]] = arith.constant dense<0.000000e+00> : tensor<1x3x1xf32>
//       CHECK:   %[[R:.+]] = attn.reshape %[[K]] : tensor<2x16xf32> -> tensor<2x1x16xf32>
//       CHECK:   attn.add %[[R]], %[[Z]] : tensor<2x1x16xf32>, tensor<1x3x1xf32> -> tensor<2x3x16xf32>
func.func @linalg_broadcast(%k: tensor<2x16xf32>) -> tensor<2x3x16xf32> {
  %e = tensor.empty() : tensor<2x3x16xf32>
  %0 = linalg.broadcast ins(%k : tensor<2x16xf32>) outs(%e : tensor<2x3x16xf32>) dimensions = [1]
  return %0 : tensor<2x3x16xf32>
}

// -----

// linalg.softmax is attn.softmax.
// CHECK-LABEL: func.func @linalg_softmax
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x4x8xf32>
//       CHECK:   attn.softmax %[[X]] axis(2) : tensor<2x4x8xf32>
func.func @linalg_softmax(%x: tensor<2x4x8xf32>) -> tensor<2x4x8xf32> {
  %e = tensor.empty() : tensor<2x4x8xf32>
  %0 = linalg.softmax dimension(2) ins(%x : tensor<2x4x8xf32>) outs(%e : tensor<2x4x8xf32>) -> tensor<2x4x8xf32>
  return %0 : tensor<2x4x8xf32>
}

// -----

#in = affine_map<(d0, d1, d2) -> (d0, d2)>
#id = affine_map<(d0, d1, d2) -> (d0, d1, d2)>
// A broadcasting copy (tosa.tile of a size-1 dimension after lowering): a
// reshape to the rank of the result, then the sum with zeros.
// CHECK-LABEL: func.func @broadcast_copy
//  CHECK-SAME:   %[[K:[^:]+]]: tensor<2x16xf32>
//       CHECK:   %[[Z:.+]] = arith.constant dense<0.000000e+00> : tensor<1x4x1xf32>
//       CHECK:   %[[R:.+]] = attn.reshape %[[K]] : tensor<2x16xf32> -> tensor<2x1x16xf32>
//       CHECK:   attn.add %[[R]], %[[Z]] : tensor<2x1x16xf32>, tensor<1x4x1xf32> -> tensor<2x4x16xf32>
func.func @broadcast_copy(%k: tensor<2x16xf32>) -> tensor<2x4x16xf32> {
  %e = tensor.empty() : tensor<2x4x16xf32>
  %0 = linalg.generic {indexing_maps = [#in, #id], iterator_types = ["parallel", "parallel", "parallel"]} ins(%k : tensor<2x16xf32>) outs(%e : tensor<2x4x16xf32>) {
  ^bb0(%in: f32, %out: f32):
    linalg.yield %in : f32
  } -> tensor<2x4x16xf32>
  return %0 : tensor<2x4x16xf32>
}

// -----

// Negative: a matmul that accumulates into an argument is not a product.
// CHECK-LABEL: func.func @negative_matmul_accumulates
//       CHECK:   linalg.batch_matmul
//   CHECK-NOT:   attn.matmul
func.func @negative_matmul_accumulates(%a: tensor<4x8x16xf32>, %b: tensor<4x16x8xf32>, %c: tensor<4x8x8xf32>) -> tensor<4x8x8xf32> {
  %0 = linalg.batch_matmul ins(%a, %b : tensor<4x8x16xf32>, tensor<4x16x8xf32>) outs(%c : tensor<4x8x8xf32>) -> tensor<4x8x8xf32>
  return %0 : tensor<4x8x8xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#t = affine_map<(d0, d1) -> (d1, d0)>
// Negative: elementwise generics that are not one op of broadcast inputs:
// two ops fused in one body, a transposed input, an accumulation into the
// output, a product of two tensors.
// CHECK-LABEL: func.func @negative_generics
//   CHECK-NOT:   attn.
//       CHECK:   return
func.func @negative_generics(%x: tensor<4x4xf32>, %y: tensor<4x4xf32>) -> (tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>) {
  %c = arith.constant 0.5 : f32
  %e = tensor.empty() : tensor<4x4xf32>
  %0 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %m = arith.mulf %in, %c : f32
    %a = arith.addf %m, %c : f32
    linalg.yield %a : f32
  } -> tensor<4x4xf32>
  %1 = linalg.generic {indexing_maps = [#id, #t, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %y : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %a = arith.addf %in, %in_0 : f32
    linalg.yield %a : f32
  } -> tensor<4x4xf32>
  %2 = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%x : tensor<4x4xf32>) outs(%y : tensor<4x4xf32>) {
  ^bb0(%in: f32, %out: f32):
    %a = arith.addf %in, %out : f32
    linalg.yield %a : f32
  } -> tensor<4x4xf32>
  %3 = linalg.generic {indexing_maps = [#id, #id, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %y : tensor<4x4xf32>, tensor<4x4xf32>) outs(%e : tensor<4x4xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %m = arith.mulf %in, %in_0 : f32
    linalg.yield %m : f32
  } -> tensor<4x4xf32>
  return %0, %1, %2, %3 : tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>, tensor<4x4xf32>
}

// -----

#id = affine_map<(d0, d1) -> (d0, d1)>
#drop = affine_map<(d0, d1) -> (d0)>
// Negative: a "maximum" reduced from 0 (not from -inf or -FLT_MAX) is a
// different function; the chain stays.
// CHECK-LABEL: func.func @negative_max_from_zero
//   CHECK-NOT:   attn.softmax
//       CHECK:   linalg.reduce
func.func @negative_max_from_zero(%x: tensor<4x8xf32>) -> tensor<4x8xf32> {
  %zero = arith.constant 0.0 : f32
  %e1 = tensor.empty() : tensor<4xf32>
  %e2 = tensor.empty() : tensor<4x8xf32>
  %fm = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %mx = linalg.reduce ins(%x : tensor<4x8xf32>) outs(%fm : tensor<4xf32>) dimensions = [1]
    (%in: f32, %init: f32) {
      %r = arith.maximumf %in, %init : f32
      linalg.yield %r : f32
    }
  %d = linalg.generic {indexing_maps = [#id, #drop, #id], iterator_types = ["parallel", "parallel"]} ins(%x, %mx : tensor<4x8xf32>, tensor<4xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.subf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  %ex = linalg.generic {indexing_maps = [#id, #id], iterator_types = ["parallel", "parallel"]} ins(%d : tensor<4x8xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %out: f32):
    %r = math.exp %in : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  %fz = linalg.fill ins(%zero : f32) outs(%e1 : tensor<4xf32>) -> tensor<4xf32>
  %sm = linalg.reduce ins(%ex : tensor<4x8xf32>) outs(%fz : tensor<4xf32>) dimensions = [1]
    (%in: f32, %init: f32) {
      %r = arith.addf %in, %init : f32
      linalg.yield %r : f32
    }
  %p = linalg.generic {indexing_maps = [#id, #drop, #id], iterator_types = ["parallel", "parallel"]} ins(%ex, %sm : tensor<4x8xf32>, tensor<4xf32>) outs(%e2 : tensor<4x8xf32>) {
  ^bb0(%in: f32, %in_0: f32, %out: f32):
    %r = arith.divf %in, %in_0 : f32
    linalg.yield %r : f32
  } -> tensor<4x8xf32>
  return %p : tensor<4x8xf32>
}

// -----

// Negative: linalg on buffers (memrefs) is left alone.
// CHECK-LABEL: func.func @negative_memref
//       CHECK:   linalg.batch_matmul
func.func @negative_memref(%a: memref<4x8x16xf32>, %b: memref<4x16x8xf32>, %c: memref<4x8x8xf32>) {
  linalg.batch_matmul ins(%a, %b : memref<4x8x16xf32>, memref<4x16x8xf32>) outs(%c : memref<4x8x8xf32>)
  return
}
