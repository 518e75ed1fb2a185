// One GPU attention for attention-cuda-ptxas.mlir: bool mask, window,
// head dim 256.
func.func @mask_window_d256(%q: tensor<1x4x77x256xf32>, %k: tensor<1x4x300x256xf32>,
                            %v: tensor<1x4x300x256xf32>, %m: tensor<77x300xi1>)
    -> tensor<1x4x77x256xf32> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<77x300xi1>)
      window <left = 50, right = 10>
      : tensor<1x4x77x256xf32>, tensor<1x4x300x256xf32>,
        tensor<1x4x300x256xf32> -> tensor<1x4x77x256xf32>
  return %o : tensor<1x4x77x256xf32>
}
