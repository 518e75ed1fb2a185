// RUN: attn-opt %s --attn-raise --canonicalize --attn-fuse | FileCheck %s
// RUN: attn-opt %s --pass-pipeline='builtin.module(func.func(tosa-to-linalg-named,tosa-to-linalg,tosa-to-arith,tosa-to-tensor))' | attn-opt --attn-raise --canonicalize --attn-fuse | FileCheck %s

// An encoder-decoder cross-attention block (a transformer decoder's second
// attention) in TOSA: queries projected from the decoder states %arg0
// [2, 5, 24], keys and values projected from the encoder output %arg1
// [2, 11, 20] (another length and width), 3 heads, the scores scaled by
// 1/sqrt(8), a key-padding mask %arg2 added to them, the output projection
// and the residual. It becomes one attn.multi_head_attention whose key and
// value inputs are the encoder output, then the residual attn.add.
// (Execution: the same graph is `enc_dec_cross_attention_block` in
// test/Execution/raise_tosa.py and raise_linalg.py.)

// CHECK-LABEL: func.func @enc_dec_cross_attention_block
//  CHECK-SAME:   %[[X:[^:]+]]: tensor<2x5x24xf32>, %[[MEM:[^:]+]]: tensor<2x11x20xf32>, %[[PAD:[^:]+]]: tensor<2x1x1x11xf32>, %[[WQ:[^:]+]]: tensor<24x24xf32>, %[[WK:[^:]+]]: tensor<24x20xf32>, %[[WV:[^:]+]]: tensor<24x20xf32>, %[[WO:[^:]+]]: tensor<24x24xf32>, %[[BQ:[^:]+]]: tensor<24xf32>, %[[BK:[^:]+]]: tensor<24xf32>, %[[BV:[^:]+]]: tensor<24xf32>, %[[BO:[^:]+]]: tensor<24xf32>
//   CHECK-NOT:   tosa.
//   CHECK-NOT:   linalg.
//       CHECK:   %[[A:.+]] = attn.multi_head_attention %[[X]], %[[MEM]], %[[MEM]] heads(3) q_proj(%[[WQ]] : tensor<24x24xf32> bias %[[BQ]] : tensor<24xf32>) k_proj(%[[WK]] : tensor<24x20xf32> bias %[[BK]] : tensor<24xf32>) v_proj(%[[WV]] : tensor<24x20xf32> bias %[[BV]] : tensor<24xf32>) o_proj(%[[WO]] : tensor<24x24xf32> bias %[[BO]] : tensor<24xf32>) mask(%[[PAD]] : tensor<2x1x1x11xf32>) scale(0.353553385) : tensor<2x5x24xf32>, tensor<2x11x20xf32>, tensor<2x11x20xf32> -> tensor<2x5x24xf32>
//  CHECK-NEXT:   %[[Y:.+]] = attn.add %[[X]], %[[A]]
//  CHECK-NEXT:   return %[[Y]]
func.func @enc_dec_cross_attention_block(%arg0: tensor<2x5x24xf32>, %arg1: tensor<2x11x20xf32>, %arg2: tensor<2x1x1x11xf32>, %arg3: tensor<24x24xf32>, %arg4: tensor<24x20xf32>, %arg5: tensor<24x20xf32>, %arg6: tensor<24x24xf32>, %arg7: tensor<24xf32>, %arg8: tensor<24xf32>, %arg9: tensor<24xf32>, %arg10: tensor<24xf32>) -> tensor<2x5x24xf32> {
  %t1 = tosa.transpose %arg3 {perms = array<i32: 1, 0>} : (tensor<24x24xf32>) -> tensor<24x24xf32>
  %s2 = tosa.const_shape {values = dense<[1, 24, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t3 = tosa.reshape %t1, %s2 : (tensor<24x24xf32>, !tosa.shape<3>) -> tensor<1x24x24xf32>
  %s4 = tosa.const_shape {values = dense<[1, 10, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t5 = tosa.reshape %arg0, %s4 : (tensor<2x5x24xf32>, !tosa.shape<3>) -> tensor<1x10x24xf32>
  %t7 = "tosa.const"() <{values = dense<0.0> : tensor<1xf32>}> : () -> tensor<1xf32>
  %t6 = tosa.matmul %t5, %t3, %t7, %t7 : (tensor<1x10x24xf32>, tensor<1x24x24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x10x24xf32>
  %s8 = tosa.const_shape {values = dense<[2, 5, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t9 = tosa.reshape %t6, %s8 : (tensor<1x10x24xf32>, !tosa.shape<3>) -> tensor<2x5x24xf32>
  %s10 = tosa.const_shape {values = dense<[1, 1, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t11 = tosa.reshape %arg7, %s10 : (tensor<24xf32>, !tosa.shape<3>) -> tensor<1x1x24xf32>
  %t12 = tosa.add %t9, %t11 : (tensor<2x5x24xf32>, tensor<1x1x24xf32>) -> tensor<2x5x24xf32>
  %s13 = tosa.const_shape {values = dense<[2, 5, 3, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %t14 = tosa.reshape %t12, %s13 : (tensor<2x5x24xf32>, !tosa.shape<4>) -> tensor<2x5x3x8xf32>
  %t15 = tosa.transpose %t14 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x5x3x8xf32>) -> tensor<2x3x5x8xf32>
  %t16 = tosa.transpose %arg4 {perms = array<i32: 1, 0>} : (tensor<24x20xf32>) -> tensor<20x24xf32>
  %s17 = tosa.const_shape {values = dense<[1, 20, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t18 = tosa.reshape %t16, %s17 : (tensor<20x24xf32>, !tosa.shape<3>) -> tensor<1x20x24xf32>
  %s19 = tosa.const_shape {values = dense<[1, 22, 20]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t20 = tosa.reshape %arg1, %s19 : (tensor<2x11x20xf32>, !tosa.shape<3>) -> tensor<1x22x20xf32>
  %t21 = tosa.matmul %t20, %t18, %t7, %t7 : (tensor<1x22x20xf32>, tensor<1x20x24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x22x24xf32>
  %s22 = tosa.const_shape {values = dense<[2, 11, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t23 = tosa.reshape %t21, %s22 : (tensor<1x22x24xf32>, !tosa.shape<3>) -> tensor<2x11x24xf32>
  %s24 = tosa.const_shape {values = dense<[1, 1, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t25 = tosa.reshape %arg8, %s24 : (tensor<24xf32>, !tosa.shape<3>) -> tensor<1x1x24xf32>
  %t26 = tosa.add %t23, %t25 : (tensor<2x11x24xf32>, tensor<1x1x24xf32>) -> tensor<2x11x24xf32>
  %s27 = tosa.const_shape {values = dense<[2, 11, 3, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %t28 = tosa.reshape %t26, %s27 : (tensor<2x11x24xf32>, !tosa.shape<4>) -> tensor<2x11x3x8xf32>
  %t29 = tosa.transpose %t28 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x11x3x8xf32>) -> tensor<2x3x11x8xf32>
  %t30 = tosa.transpose %arg5 {perms = array<i32: 1, 0>} : (tensor<24x20xf32>) -> tensor<20x24xf32>
  %s31 = tosa.const_shape {values = dense<[1, 20, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t32 = tosa.reshape %t30, %s31 : (tensor<20x24xf32>, !tosa.shape<3>) -> tensor<1x20x24xf32>
  %s33 = tosa.const_shape {values = dense<[1, 22, 20]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t34 = tosa.reshape %arg1, %s33 : (tensor<2x11x20xf32>, !tosa.shape<3>) -> tensor<1x22x20xf32>
  %t35 = tosa.matmul %t34, %t32, %t7, %t7 : (tensor<1x22x20xf32>, tensor<1x20x24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x22x24xf32>
  %s36 = tosa.const_shape {values = dense<[2, 11, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t37 = tosa.reshape %t35, %s36 : (tensor<1x22x24xf32>, !tosa.shape<3>) -> tensor<2x11x24xf32>
  %s38 = tosa.const_shape {values = dense<[1, 1, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t39 = tosa.reshape %arg9, %s38 : (tensor<24xf32>, !tosa.shape<3>) -> tensor<1x1x24xf32>
  %t40 = tosa.add %t37, %t39 : (tensor<2x11x24xf32>, tensor<1x1x24xf32>) -> tensor<2x11x24xf32>
  %s41 = tosa.const_shape {values = dense<[2, 11, 3, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %t42 = tosa.reshape %t40, %s41 : (tensor<2x11x24xf32>, !tosa.shape<4>) -> tensor<2x11x3x8xf32>
  %t43 = tosa.transpose %t42 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x11x3x8xf32>) -> tensor<2x3x11x8xf32>
  %t44 = tosa.transpose %t29 {perms = array<i32: 0, 1, 3, 2>} : (tensor<2x3x11x8xf32>) -> tensor<2x3x8x11xf32>
  %s45 = tosa.const_shape {values = dense<[6, 5, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t46 = tosa.reshape %t15, %s45 : (tensor<2x3x5x8xf32>, !tosa.shape<3>) -> tensor<6x5x8xf32>
  %s47 = tosa.const_shape {values = dense<[6, 8, 11]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t48 = tosa.reshape %t44, %s47 : (tensor<2x3x8x11xf32>, !tosa.shape<3>) -> tensor<6x8x11xf32>
  %t49 = tosa.matmul %t46, %t48, %t7, %t7 : (tensor<6x5x8xf32>, tensor<6x8x11xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<6x5x11xf32>
  %s50 = tosa.const_shape {values = dense<[2, 3, 5, 11]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %t51 = tosa.reshape %t49, %s50 : (tensor<6x5x11xf32>, !tosa.shape<4>) -> tensor<2x3x5x11xf32>
  %t52 = "tosa.const"() <{values = dense<3.535533845e-01> : tensor<1x1x1x1xf32>}> : () -> tensor<1x1x1x1xf32>
  %t54 = "tosa.const"() <{values = dense<0> : tensor<1xi8>}> : () -> tensor<1xi8>
  %t53 = tosa.mul %t51, %t52, %t54 : (tensor<2x3x5x11xf32>, tensor<1x1x1x1xf32>, tensor<1xi8>) -> tensor<2x3x5x11xf32>
  %t55 = tosa.add %t53, %arg2 : (tensor<2x3x5x11xf32>, tensor<2x1x1x11xf32>) -> tensor<2x3x5x11xf32>
  %t56 = tosa.reduce_max %t55 {axis = 3 : i32} : (tensor<2x3x5x11xf32>) -> tensor<2x3x5x1xf32>
  %t57 = tosa.sub %t55, %t56 : (tensor<2x3x5x11xf32>, tensor<2x3x5x1xf32>) -> tensor<2x3x5x11xf32>
  %t58 = tosa.exp %t57 : (tensor<2x3x5x11xf32>) -> tensor<2x3x5x11xf32>
  %t59 = tosa.reduce_sum %t58 {axis = 3 : i32} : (tensor<2x3x5x11xf32>) -> tensor<2x3x5x1xf32>
  %t60 = tosa.reciprocal %t59 : (tensor<2x3x5x1xf32>) -> tensor<2x3x5x1xf32>
  %t61 = tosa.mul %t58, %t60, %t54 : (tensor<2x3x5x11xf32>, tensor<2x3x5x1xf32>, tensor<1xi8>) -> tensor<2x3x5x11xf32>
  %s62 = tosa.const_shape {values = dense<[6, 5, 11]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t63 = tosa.reshape %t61, %s62 : (tensor<2x3x5x11xf32>, !tosa.shape<3>) -> tensor<6x5x11xf32>
  %s64 = tosa.const_shape {values = dense<[6, 11, 8]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t65 = tosa.reshape %t43, %s64 : (tensor<2x3x11x8xf32>, !tosa.shape<3>) -> tensor<6x11x8xf32>
  %t66 = tosa.matmul %t63, %t65, %t7, %t7 : (tensor<6x5x11xf32>, tensor<6x11x8xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<6x5x8xf32>
  %s67 = tosa.const_shape {values = dense<[2, 3, 5, 8]> : tensor<4xindex>} : () -> !tosa.shape<4>
  %t68 = tosa.reshape %t66, %s67 : (tensor<6x5x8xf32>, !tosa.shape<4>) -> tensor<2x3x5x8xf32>
  %t69 = tosa.transpose %t68 {perms = array<i32: 0, 2, 1, 3>} : (tensor<2x3x5x8xf32>) -> tensor<2x5x3x8xf32>
  %s70 = tosa.const_shape {values = dense<[2, 5, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t71 = tosa.reshape %t69, %s70 : (tensor<2x5x3x8xf32>, !tosa.shape<3>) -> tensor<2x5x24xf32>
  %t72 = tosa.transpose %arg6 {perms = array<i32: 1, 0>} : (tensor<24x24xf32>) -> tensor<24x24xf32>
  %s73 = tosa.const_shape {values = dense<[1, 24, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t74 = tosa.reshape %t72, %s73 : (tensor<24x24xf32>, !tosa.shape<3>) -> tensor<1x24x24xf32>
  %s75 = tosa.const_shape {values = dense<[1, 10, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t76 = tosa.reshape %t71, %s75 : (tensor<2x5x24xf32>, !tosa.shape<3>) -> tensor<1x10x24xf32>
  %t77 = tosa.matmul %t76, %t74, %t7, %t7 : (tensor<1x10x24xf32>, tensor<1x24x24xf32>, tensor<1xf32>, tensor<1xf32>) -> tensor<1x10x24xf32>
  %s78 = tosa.const_shape {values = dense<[2, 5, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t79 = tosa.reshape %t77, %s78 : (tensor<1x10x24xf32>, !tosa.shape<3>) -> tensor<2x5x24xf32>
  %s80 = tosa.const_shape {values = dense<[1, 1, 24]> : tensor<3xindex>} : () -> !tosa.shape<3>
  %t81 = tosa.reshape %arg10, %s80 : (tensor<24xf32>, !tosa.shape<3>) -> tensor<1x1x24xf32>
  %t82 = tosa.add %t79, %t81 : (tensor<2x5x24xf32>, tensor<1x1x24xf32>) -> tensor<2x5x24xf32>
  %t83 = tosa.add %arg0, %t82 : (tensor<2x5x24xf32>, tensor<2x5x24xf32>) -> tensor<2x5x24xf32>
  return %t83 : tensor<2x5x24xf32>
}

