// One f16 GPU attention for attention-cuda-ptxas.mlir: f16 additive mask,
// causal, GQA, Dv != D.
func.func @causal_f16(%q: tensor<2x8x100x64xf16>, %k: tensor<2x2x100x64xf16>,
                      %v: tensor<2x2x100x40xf16>, %m: tensor<100x100xf16>)
    -> tensor<2x8x100x40xf16> {
  %o = attn.attention %q, %k, %v mask(%m : tensor<100x100xf16>)
      causal(bottom_right)
      : tensor<2x8x100x64xf16>, tensor<2x2x100x64xf16>,
        tensor<2x2x100x40xf16> -> tensor<2x8x100x40xf16>
  return %o : tensor<2x8x100x40xf16>
}
