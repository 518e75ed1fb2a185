// One bf16 GPU attention for attention-cuda-ptxas.mlir: bool mask, window,
// head dim 128.
func.func @window_bf16(%q: tensor<1x4x77x128xbf16>, %k: tensor<1x4x300x128xbf16>,
                       %v: tensor<1x4x300x128xbf16>, %m: tensor<77x300xi1>)
    -> tensor<1x4x77x128xbf16> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<77x300xi1>)
      window <left = 50, right = 10>
      : tensor<1x4x77x128xbf16>, tensor<1x4x300x128xbf16>,
        tensor<1x4x300x128xbf16> -> tensor<1x4x77x128xbf16>
  return %o : tensor<1x4x77x128xbf16>
}
