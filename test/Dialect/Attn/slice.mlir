// RUN: attn-opt %s --split-input-file | attn-opt --split-input-file | FileCheck %s
// RUN: attn-opt %s --split-input-file --mlir-print-op-generic | attn-opt --split-input-file | FileCheck %s
// RUN: attn-opt %s --split-input-file --canonicalize | FileCheck %s --check-prefix=FOLD

// Round trip of attn.slice (f32 and i1), and its folds: the whole tensor is
// the input itself, a slice of a slice is one slice with the offsets added.

// CHECK-LABEL: func.func @slice_features
//  CHECK-SAME:   (%[[X:.+]]: tensor<1x128x2304xf32>)
//       CHECK:   attn.slice %[[X]] offsets [0, 0, 768] : tensor<1x128x2304xf32> -> tensor<1x128x768xf32>
// FOLD-LABEL: func.func @slice_features
//       FOLD:   attn.slice %{{.+}} offsets [0, 0, 768] : tensor<1x128x2304xf32> -> tensor<1x128x768xf32>
func.func @slice_features(%x: tensor<1x128x2304xf32>) -> tensor<1x128x768xf32> {
  %0 = attn.slice %x offsets [0, 0, 768] : tensor<1x128x2304xf32> -> tensor<1x128x768xf32>
  return %0 : tensor<1x128x768xf32>
}

// -----

// CHECK-LABEL: func.func @slice_mask
//  CHECK-SAME:   (%[[M:.+]]: tensor<1x1x1024x1024xi1>)
//       CHECK:   attn.slice %[[M]] offsets [0, 0, 896, 0] : tensor<1x1x1024x1024xi1> -> tensor<1x1x128x128xi1>
func.func @slice_mask(%m: tensor<1x1x1024x1024xi1>) -> tensor<1x1x128x128xi1> {
  %0 = attn.slice %m offsets [0, 0, 896, 0] : tensor<1x1x1024x1024xi1> -> tensor<1x1x128x128xi1>
  return %0 : tensor<1x1x128x128xi1>
}

// -----

// FOLD-LABEL: func.func @slice_whole
//  FOLD-SAME:   (%[[X:.+]]: tensor<4x6xf32>)
//   FOLD-NEXT:   return %[[X]]
func.func @slice_whole(%x: tensor<4x6xf32>) -> tensor<4x6xf32> {
  %0 = attn.slice %x offsets [0, 0] : tensor<4x6xf32> -> tensor<4x6xf32>
  return %0 : tensor<4x6xf32>
}

// -----

// FOLD-LABEL: func.func @slice_of_slice
//  FOLD-SAME:   (%[[X:.+]]: tensor<8x12xf32>)
//       FOLD:   %[[S:.+]] = attn.slice %[[X]] offsets [3, 5] : tensor<8x12xf32> -> tensor<2x4xf32>
//   FOLD-NEXT:   return %[[S]]
func.func @slice_of_slice(%x: tensor<8x12xf32>) -> tensor<2x4xf32> {
  %0 = attn.slice %x offsets [1, 4] : tensor<8x12xf32> -> tensor<5x6xf32>
  %1 = attn.slice %0 offsets [2, 1] : tensor<5x6xf32> -> tensor<2x4xf32>
  return %1 : tensor<2x4xf32>
}
