// RUN: attn-opt %s --split-input-file --attn-raise | FileCheck %s
// RUN: attn-opt %s --split-input-file --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --split-input-file --attn-raise | FileCheck %s

// Rotary embeddings in the rotate-half form (Hugging Face's
// apply_rotary_pos_emb) raised to attn.rope; each case also through
// --tosa-to-linalg. Near-misses stay as they are.

// Llama's form: rotate_half(x) = cat(-x[..., D/2:], x[..., :D/2]), then
// x * cos + rotate_half(x) * sin with [1, 1, N, D] tables.
// CHECK-LABEL: func.func @rope_llama
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<1x2x8x16xf32>, %[[C:[^:]+]]: tensor<1x1x8x16xf32>, %[[S:[^:]+]]: tensor<1x1x8x16xf32>
//       CHECK:   %[[Y:.+]] = attn.rope %[[X]], %[[C]], %[[S]] : tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>
//  CHECK-NEXT:   return %[[Y]]
func.func @rope_llama(%x: tensor<1x2x8x16xf32>, %cos: tensor<1x1x8x16xf32>, %sin: tensor<1x1x8x16xf32>) -> tensor<1x2x8x16xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %lo = tosa.const_shape {values = dense<[0, 0, 0, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %hi = tosa.const_shape {values = dense<[0, 0, 0, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %size = tosa.const_shape {values = dense<[1, 2, 8, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %x1 = tosa.slice %x, %lo, %size : (tensor<1x2x8x16xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x2x8x8xf32>
  %x2 = tosa.slice %x, %hi, %size : (tensor<1x2x8x16xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x2x8x8xf32>
  %n2 = tosa.negate %x2, %zp, %zp : (tensor<1x2x8x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x2x8x8xf32>
  %rot = tosa.concat %n2, %x1 {axis = 3 : i32} : (tensor<1x2x8x8xf32>, tensor<1x2x8x8xf32>) -> tensor<1x2x8x16xf32>
  %a = tosa.mul %x, %cos, %shift : (tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1xi8>) -> tensor<1x2x8x16xf32>
  %b = tosa.mul %rot, %sin, %shift : (tensor<1x2x8x16xf32>, tensor<1x1x8x16xf32>, tensor<1xi8>) -> tensor<1x2x8x16xf32>
  %y = tosa.add %a, %b : (tensor<1x2x8x16xf32>, tensor<1x2x8x16xf32>) -> tensor<1x2x8x16xf32>
  return %y : tensor<1x2x8x16xf32>
}

// -----

// The terms and factors in the other orders, the negation a product with
// -1, per-batch tables.
// CHECK-LABEL: func.func @rope_reordered
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x4x6x8xf32>, %[[C:[^:]+]]: tensor<2x1x6x8xf32>, %[[S:[^:]+]]: tensor<2x1x6x8xf32>
//       CHECK:   %[[Y:.+]] = attn.rope %[[X]], %[[C]], %[[S]] : tensor<2x4x6x8xf32>, tensor<2x1x6x8xf32>
//  CHECK-NEXT:   return %[[Y]]
func.func @rope_reordered(%x: tensor<2x4x6x8xf32>, %cos: tensor<2x1x6x8xf32>, %sin: tensor<2x1x6x8xf32>) -> tensor<2x4x6x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %m1 = "tosa.const"() <{values = dense<-1.0> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %lo = tosa.const_shape {values = dense<[0, 0, 0, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %hi = tosa.const_shape {values = dense<[0, 0, 0, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %size = tosa.const_shape {values = dense<[2, 4, 6, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %x1 = tosa.slice %x, %lo, %size : (tensor<2x4x6x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<2x4x6x4xf32>
  %x2 = tosa.slice %x, %hi, %size : (tensor<2x4x6x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<2x4x6x4xf32>
  %n2 = tosa.mul %m1, %x2, %shift : (tensor<1x1x1x1xf32>, tensor<2x4x6x4xf32>, tensor<1xi8>) -> tensor<2x4x6x4xf32>
  %rot = tosa.concat %n2, %x1 {axis = 3 : i32} : (tensor<2x4x6x4xf32>, tensor<2x4x6x4xf32>) -> tensor<2x4x6x8xf32>
  %b = tosa.mul %sin, %rot, %shift : (tensor<2x1x6x8xf32>, tensor<2x4x6x8xf32>, tensor<1xi8>) -> tensor<2x4x6x8xf32>
  %a = tosa.mul %cos, %x, %shift : (tensor<2x1x6x8xf32>, tensor<2x4x6x8xf32>, tensor<1xi8>) -> tensor<2x4x6x8xf32>
  %y = tosa.add %b, %a : (tensor<2x4x6x8xf32>, tensor<2x4x6x8xf32>) -> tensor<2x4x6x8xf32>
  return %y : tensor<2x4x6x8xf32>
}

// -----

// Near-misses: the halves in the other order (a rotation the other way),
// no negation, and the rotated tensor not the one multiplied by cos.
// CHECK-LABEL: func.func @rope_other_direction
//   CHECK-NOT:   attn.rope
func.func @rope_other_direction(%x: tensor<1x1x4x8xf32>, %cos: tensor<1x1x4x8xf32>, %sin: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %lo = tosa.const_shape {values = dense<[0, 0, 0, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %hi = tosa.const_shape {values = dense<[0, 0, 0, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %size = tosa.const_shape {values = dense<[1, 1, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %x1 = tosa.slice %x, %lo, %size : (tensor<1x1x4x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x1x4x4xf32>
  %x2 = tosa.slice %x, %hi, %size : (tensor<1x1x4x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x1x4x4xf32>
  %n1 = tosa.negate %x1, %zp, %zp : (tensor<1x1x4x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x4x4xf32>
  %rot = tosa.concat %x2, %n1 {axis = 3 : i32} : (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x1x4x8xf32>
  %a = tosa.mul %x, %cos, %shift : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1xi8>) -> tensor<1x1x4x8xf32>
  %b = tosa.mul %rot, %sin, %shift : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1xi8>) -> tensor<1x1x4x8xf32>
  %y = tosa.add %a, %b : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  return %y : tensor<1x1x4x8xf32>
}

// -----

// CHECK-LABEL: func.func @rope_not_negated
//   CHECK-NOT:   attn.rope
func.func @rope_not_negated(%x: tensor<1x1x4x8xf32>, %cos: tensor<1x1x4x8xf32>, %sin: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %lo = tosa.const_shape {values = dense<[0, 0, 0, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %hi = tosa.const_shape {values = dense<[0, 0, 0, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %size = tosa.const_shape {values = dense<[1, 1, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %x1 = tosa.slice %x, %lo, %size : (tensor<1x1x4x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x1x4x4xf32>
  %x2 = tosa.slice %x, %hi, %size : (tensor<1x1x4x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x1x4x4xf32>
  %rot = tosa.concat %x2, %x1 {axis = 3 : i32} : (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x1x4x8xf32>
  %a = tosa.mul %x, %cos, %shift : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1xi8>) -> tensor<1x1x4x8xf32>
  %b = tosa.mul %rot, %sin, %shift : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1xi8>) -> tensor<1x1x4x8xf32>
  %y = tosa.add %a, %b : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  return %y : tensor<1x1x4x8xf32>
}

// -----

// CHECK-LABEL: func.func @rope_other_tensor
//   CHECK-NOT:   attn.rope
func.func @rope_other_tensor(%x: tensor<1x1x4x8xf32>, %z: tensor<1x1x4x8xf32>, %cos: tensor<1x1x4x8xf32>, %sin: tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32> {
  %shift = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %zp = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %lo = tosa.const_shape {values = dense<[0, 0, 0, 0]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %hi = tosa.const_shape {values = dense<[0, 0, 0, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %size = tosa.const_shape {values = dense<[1, 1, 4, 4]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %z1 = tosa.slice %z, %lo, %size : (tensor<1x1x4x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x1x4x4xf32>
  %z2 = tosa.slice %z, %hi, %size : (tensor<1x1x4x8xf32>, !tosa.shape<4>, !tosa.shape<4>) -> tensor<1x1x4x4xf32>
  %n2 = tosa.negate %z2, %zp, %zp : (tensor<1x1x4x4xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x1x4x4xf32>
  %rot = tosa.concat %n2, %z1 {axis = 3 : i32} : (tensor<1x1x4x4xf32>, tensor<1x1x4x4xf32>) -> tensor<1x1x4x8xf32>
  %a = tosa.mul %x, %cos, %shift : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1xi8>) -> tensor<1x1x4x8xf32>
  %b = tosa.mul %rot, %sin, %shift : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>, tensor<1xi8>) -> tensor<1x1x4x8xf32>
  %y = tosa.add %a, %b : (tensor<1x1x4x8xf32>, tensor<1x1x4x8xf32>) -> tensor<1x1x4x8xf32>
  return %y : tensor<1x1x4x8xf32>
}
