//===- AttnOps.td - attn dialect operations ----------------*- tablegen -*-===//

#ifndef ATTN_OPS_TD
#define ATTN_OPS_TD

include "AttnDialect.td"
include "AttnAttrs.td"
include "mlir/IR/EnumAttr.td"
include "mlir/Interfaces/SideEffectInterfaces.td"

def Attn_CausalAlignment : I32EnumAttr<"CausalAlignment",
    "which diagonal a causal mask keeps", [
      I32EnumAttrCase<"top_left", 0>,
      I32EnumAttrCase<"bottom_right", 1>
    ]> {
  let cppNamespace = "::mlir::attn";
}

def Attn_GeluApproximation : I32EnumAttr<"GeluApproximation",
    "which GELU formula attn.gelu computes", [
      I32EnumAttrCase<"none", 0>,
      I32EnumAttrCase<"tanh", 1>
    ]> {
  let cppNamespace = "::mlir::attn";
}

def Attn_FeatureMap : I32EnumAttr<"FeatureMap",
    "the feature map phi of linear attention", [
      I32EnumAttrCase<"elu_plus_one", 0>
    ]> {
  let cppNamespace = "::mlir::attn";
}

//===----------------------------------------------------------------------===//
// Fused attention
//===----------------------------------------------------------------------===//

// The structure of the kept (query, key) pairs and the score modifiers that
// attn.attention and attn.online_attention share (see attn.attention).
defvar Attn_PatternOperands = (ins
    Optional<AnyRankedTensor>:$query_segments,
    Optional<AnyRankedTensor>:$key_segments);
defvar Attn_PatternAttrs = (ins
    OptionalAttr<Attn_CausalAlignment>:$causal,
    OptionalAttr<Attn_WindowAttr>:$window,
    OptionalAttr<I64Attr>:$chunk,
    OptionalAttr<I64Attr>:$prefix,
    OptionalAttr<Attn_BlockLayoutAttr>:$block_layout,
    OptionalAttr<DenseF32ArrayAttr>:$alibi,
    OptionalAttr<F32Attr>:$softcap,
    OptionalAttr<F32Attr>:$mask_fill);
defvar Attn_PatternSegmentsFormat = [{
    (`segments` `(` $query_segments^ `,` $key_segments `:`
        type($query_segments) `,` type($key_segments) `)`)?
}];
defvar Attn_PatternAttrsFormat = [{
    (`causal` `(` $causal^ `)`)?
    (`window` $window^)?
    (`chunk` `(` $chunk^ `)`)?
    (`prefix` `(` $prefix^ `)`)?
    (`blocks` $block_layout^)?
    (`alibi` $alibi^)?
    (`softcap` `(` $softcap^ `)`)?
    (`mask_fill` `(` $mask_fill^ `)`)?
}];

def Attn_AttentionOp : Attn_Op<"attention", [Pure, AttrSizedOperandSegments]> {
  let summary = "scaled dot-product attention (PyTorch SDPA semantics)";
  let description = [{
    Computes `softmax(scale * Q Kᵀ + mask) V` per batch and head:

    - `query`: `[B, Hq, N, D]`, `key`: `[B, Hkv, M, D]`,
      `value`: `[B, Hkv, M, Dv]`, result: `[B, Hq, N, Dv]`.
    - Element types: query, key, value and result are all `f32`, all `f16`
      or all `bf16`. f16 / bf16 are storage only: the code generator widens
      each element to f32 when it reads it, computes in f32 and rounds the
      result to nearest even when it stores it.
    - `Hq` must be a multiple of `Hkv`; query head `h` reads key/value head
      `h / (Hq / Hkv)` (grouped-query and multi-query attention).
    - `scale` defaults to `1/sqrt(D)`.
    - `mask` is optional, of rank at most 4 and broadcastable (numpy rules)
      to `[B, Hq, N, M]`. An `i1` mask keeps the positions that are true; an
      `f32` mask (or one of the query's element type) is added to the scores
      (`-inf` masks a position; every value at or below `-1e30` counts as
      `-inf`).
    - `causal(top_left)` keeps key `j` for query `i` when `j <= i` (PyTorch's
      `is_causal=True`, `torch.tril`); `causal(bottom_right)` aligns the
      diagonal to the last key: it keeps `j <= i + (M - N)` (PyTorch's
      `causal_lower_right`). The two agree when `N == M`.
    - `window <left = L, right = R>` keeps only the keys `j` with
      `d - L <= j <= d + R` around the query's diagonal `d` (`d = i`, or
      `i + M - N` under `causal(bottom_right)`): sliding-window (local)
      attention; `window <left = L, right = R, dilation = δ>` keeps only
      the keys with `(d - j) mod δ = 0` in it (dilated window).
    - `chunk(C)` keeps only the keys in the query's chunk of `C` positions:
      `floor(j / C) == floor(d / C)` (chunked local attention; with
      `causal`, as in Llama 4).
    - `prefix(P)` keeps the first `P` keys for every query whatever
      `causal`, `window` and `chunk` say (prefix-LM: a bidirectional
      prefix, causal after it). It needs one of those three.
    - `blocks #attn.block_layout<...>` keeps the blocks its constant table
      marks (block-sparse attention; see the attribute).
    - `segments(%q_ids, %k_ids : tensor<BxNxi32>, tensor<BxMxi32>)` keeps
      key `j` for query `i` only when their ids are equal (documents packed
      into one sequence); either may have batch 1 (broadcast).
    - `alibi array<f32: s_0, ..., s_{Hq-1}>` adds `-s_h·|d - j|` to the
      scores of query head `h` (ALiBi); `softcap(c)` replaces a scaled score
      `x` by `c·tanh(x / c)` (Gemma 2), before ALiBi and the mask.
    - `mask_fill(F)`, with an `i1` mask only, gives the pairs the mask drops
      the score `F` (finite, above `-1e30`) instead of removing them:
      PyTorch's `scores.masked_fill(~mask, F)` before the softmax, as in
      `masked_fill(mask == 0, -1e9)`. `F` replaces the score after softcap
      and ALiBi. Those pairs still take part in the softmax (a row whose
      keys the mask drops all averages the values of those keys), so the
      mask is then no sparsity clause; the other clauses still remove
      their pairs.
    - A pair is kept when every clause keeps it: `(prefix or (causal and
      window and chunk)) and blocks and segments and mask`. The code
      generator classifies each (query tile, KV block) pair from these
      clauses (and, for `mask` and `segments`, a scan at call time) as
      empty (skipped), full (no per-element test) or partial.
    - A query row whose keys are all removed yields zeros, never NaN.
    - `tiling` (written by `--attn-tile`) fixes the tile sizes; its
      `kv_tile` covers all keys here (the two-pass form): a smaller one is
      rewritten by `--attn-online-softmax` into `attn.online_attention`.

    Example:

    ```mlir
    %o = attn.attention %q, %k, %v causal(top_left)
        : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
          tensor<1x2x128x64xf32> -> tensor<1x8x128x64xf32>
    ```
  }];
  let arguments = !con(
      (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
           AnyRankedTensor:$value, Optional<AnyRankedTensor>:$mask),
      Attn_PatternOperands,
      (ins OptionalAttr<F32Attr>:$scale,
           OptionalAttr<Attn_TilingAttr>:$tiling),
      Attn_PatternAttrs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = !strconcat([{
    $query `,` $key `,` $value
    (`mask` `(` $mask^ `:` type($mask) `)`)?
  }], Attn_PatternSegmentsFormat, [{
    (`scale` `(` $scale^ `)`)?
  }], Attn_PatternAttrsFormat, [{
    (`tiling` $tiling^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->` type($result)
  }]);
  let builders = [
    // Plain attention: no pattern, tiling chosen later.
    OpBuilder<(ins "Type":$result, "Value":$query, "Value":$key,
                   "Value":$value, "Value":$mask, "FloatAttr":$scale), [{
      build($_builder, $_state, result, query, key, value, mask, Value(),
            Value(), scale, TilingAttr(), CausalAlignmentAttr(), WindowAttr(),
            IntegerAttr(), IntegerAttr(), BlockLayoutAttr(),
            DenseF32ArrayAttr(), FloatAttr(), FloatAttr());
    }]>
  ];
  let extraClassDeclaration = [{
    /// The scale applied to Q Kᵀ: the attribute, or 1/sqrt(D).
    float getEffectiveScale();
  }];
  let hasVerifier = 1;
}

def Attn_OnlineAttentionOp : Attn_Op<"online_attention",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "attention as running (acc, max, sum) triples over KV tiles";
  let description = [{
    The online-softmax form of `attn.attention` (same operands, scale, mask
    and causal semantics), produced by `--attn-online-softmax`. The keys of
    each of the `kv_splits` ranges are visited in blocks of `kv_tile`; per
    query row the op carries the running max `m`, the running sum `l` and
    the accumulator `acc`, each block's triple merging exactly:

    ```
    m' = max(m, m_b)
    l' = l·e^(m - m') + l_b·e^(m_b - m')
    acc' = acc·e^(m - m') + (P_b V_b)·e^(m_b - m')
    ```

    Results, one slice per KV split: `acc` `[S, B, Hq, N, Dv]` (unnormalized),
    `max` and `sum` `[S, B, Hq, N]`, always `f32` (also for `f16` / `bf16`
    query, key and value). `attn.online_finalize` merges the splits
    and divides by the sum.

    ```mlir
    %acc, %max, %sum = attn.online_attention %q, %k, %v
        tiling <query_tile = 1, kv_tile = 512, kv_splits = 4>
        : tensor<1x8x1x64xf32>, tensor<1x8x8192x64xf32>, tensor<1x8x8192x64xf32>
        -> tensor<4x1x8x1x64xf32>, tensor<4x1x8x1xf32>, tensor<4x1x8x1xf32>
    ```
  }];
  let arguments = !con(
      (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
           AnyRankedTensor:$value, Optional<AnyRankedTensor>:$mask),
      Attn_PatternOperands,
      (ins F32Attr:$scale, Attn_TilingAttr:$tiling),
      Attn_PatternAttrs);
  let results = (outs AnyRankedTensor:$acc, AnyRankedTensor:$max,
                      AnyRankedTensor:$sum);
  let assemblyFormat = !strconcat([{
    $query `,` $key `,` $value
    (`mask` `(` $mask^ `:` type($mask) `)`)?
  }], Attn_PatternSegmentsFormat, [{
    `scale` `(` $scale `)`
  }], Attn_PatternAttrsFormat, [{
    `tiling` $tiling
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->`
    type($acc) `,` type($max) `,` type($sum)
  }]);
  let hasVerifier = 1;
}

def Attn_OnlineFinalizeOp : Attn_Op<"online_finalize", [Pure]> {
  let summary = "merges the KV splits of an online attention and normalizes";
  let description = [{
    Merges the `S` partial triples with the same exact rule and returns
    `acc / sum` (`[B, Hq, N, Dv]`); a row whose sum is 0 (all keys masked)
    yields zeros. The result has the element type of the attention's query
    (`f32`, `f16` or `bf16`: rounded when stored).

    ```mlir
    %o = attn.online_finalize %acc, %max, %sum
        : tensor<4x1x8x1x64xf32>, tensor<4x1x8x1xf32>, tensor<4x1x8x1xf32>
        -> tensor<1x8x1x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$acc, AnyRankedTensor:$max,
                   AnyRankedTensor:$sum);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $acc `,` $max `,` $sum attr-dict `:` type($acc) `,` type($max) `,`
    type($sum) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Attn_MultiHeadAttentionOp : Attn_Op<"multi_head_attention",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "multi-head attention with its Q/K/V/O projections";
  let description = [{
    `torch.nn.MultiheadAttention`'s math as one op, so that later stages see
    the projections next to the attention they feed:

    ```
    Qh = split_heads(query·Wqᵀ + bq, H)      [B, H,   N, D]
    Kh = split_heads(key·Wkᵀ + bk, Hkv)      [B, Hkv, M, D]
    Vh = split_heads(value·Wvᵀ + bv, Hkv)    [B, Hkv, M, Dv]
    result = merge_heads(attention(Qh, Kh, Vh, mask, scale, causal))·Woᵀ + bo
    ```

    - `query` `[B, N, Eq]`, `key` `[B, M, Ek]`, `value` `[B, M, Ev]` (the
      same value for self-attention; `key` and `value` from an encoder for
      cross-attention), result `[B, N, Eo]`.
    - `heads(H)` or `heads(H, Hkv)` (grouped-query: `H` a multiple of `Hkv`,
      default `Hkv = H`). Weights in `torch.nn.Linear`'s `[out, in]` layout:
      `Wq` `[H·D, Eq]`, `Wk` `[Hkv·D, Ek]`, `Wv` `[Hkv·Dv, Ev]`, `Wo`
      `[Eo, H·Dv]`; each bias (optional) has its weight's row count.
    - `mask`, `scale` (default `1/sqrt(D)`), `causal`, `mask_fill` and
      `tiling` mean what they mean on `attn.attention`, for the per-head
      attention; the mask broadcasts to `[B, H, N, M]`. A `tiling` whose
      `kv_tile` is smaller than `M` asks for the online form over KV tiles.

    `--attn-fuse` forms it from `attn.linear` → `attn.split_heads` →
    `attn.attention` → `attn.merge_heads` → `attn.linear` when every
    intermediate has that single use.

    ```mlir
    %y = attn.multi_head_attention %x, %x, %x heads(8, 2)
        q_proj(%wq : tensor<512x512xf32> bias %bq : tensor<512xf32>)
        k_proj(%wk : tensor<128x512xf32> bias %bk : tensor<128xf32>)
        v_proj(%wv : tensor<128x512xf32> bias %bv : tensor<128xf32>)
        o_proj(%wo : tensor<512x512xf32> bias %bo : tensor<512xf32>)
        causal(top_left)
        : tensor<2x128x512xf32>, tensor<2x128x512xf32>, tensor<2x128x512xf32>
        -> tensor<2x128x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
                   AnyRankedTensor:$value,
                   AnyRankedTensor:$q_weight, Optional<AnyRankedTensor>:$q_bias,
                   AnyRankedTensor:$k_weight, Optional<AnyRankedTensor>:$k_bias,
                   AnyRankedTensor:$v_weight, Optional<AnyRankedTensor>:$v_bias,
                   AnyRankedTensor:$o_weight, Optional<AnyRankedTensor>:$o_bias,
                   Optional<AnyRankedTensor>:$mask,
                   I64Attr:$num_heads, OptionalAttr<I64Attr>:$num_kv_heads,
                   OptionalAttr<F32Attr>:$scale,
                   OptionalAttr<Attn_CausalAlignment>:$causal,
                   OptionalAttr<F32Attr>:$mask_fill,
                   OptionalAttr<Attn_TilingAttr>:$tiling);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value
    `heads` `(` $num_heads (`,` $num_kv_heads^)? `)`
    `q_proj` `(` $q_weight `:` type($q_weight)
                 (`bias` $q_bias^ `:` type($q_bias))? `)`
    `k_proj` `(` $k_weight `:` type($k_weight)
                 (`bias` $k_bias^ `:` type($k_bias))? `)`
    `v_proj` `(` $v_weight `:` type($v_weight)
                 (`bias` $v_bias^ `:` type($v_bias))? `)`
    `o_proj` `(` $o_weight `:` type($o_weight)
                 (`bias` $o_bias^ `:` type($o_bias))? `)`
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    (`scale` `(` $scale^ `)`)?
    (`causal` `(` $causal^ `)`)?
    (`mask_fill` `(` $mask_fill^ `)`)?
    (`tiling` $tiling^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->` type($result)
  }];
  let extraClassDeclaration = [{
    /// Hkv: the attribute, or the query head count.
    int64_t getKvHeads();
    /// D: the query/key head dim, Wq's rows over the head count.
    int64_t getHeadDim();
    /// Dv: the value head dim, Wv's rows over the key/value head count.
    int64_t getValueHeadDim();
    /// The per-head attention operands' shapes, [B, H, N, D], [B, Hkv, M, D]
    /// and [B, Hkv, M, Dv].
    SmallVector<int64_t> getQueryHeadsShape();
    SmallVector<int64_t> getKeyHeadsShape();
    SmallVector<int64_t> getValueHeadsShape();
    /// The scale applied to Q Kᵀ: the attribute, or 1/sqrt(D).
    float getEffectiveScale();
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Linear attention
//===----------------------------------------------------------------------===//

def Attn_LinearAttentionOp : Attn_Op<"linear_attention", [Pure]> {
  let summary = "kernel-based linear attention (Katharopoulos et al. 2020)";
  let description = [{
    Attention with the softmax replaced by a positive feature map `phi`
    (elementwise on the head dim), per batch and query head:

    ```
    non-causal: out_i = phi(q_i)ᵀ S / phi(q_i)ᵀ z,
                S = Σ_j phi(k_j) v_jᵀ  (D × Dv),  z = Σ_j phi(k_j)  (D)
    causal:     the same sums over j <= i only
    ```

    - `query`: `[B, H, N, D]`, `key`: `[B, Hkv, M, D]`,
      `value`: `[B, Hkv, M, Dv]`, result: `[B, H, N, Dv]`.
    - `H` must be a multiple of `Hkv`; query head `h` reads key/value head
      `h / (H / Hkv)` (grouped-query and multi-query attention).
    - `feature_map`: `elu_plus_one` (the default, and the only map so far):
      `phi(x) = elu(x) + 1`, i.e. `x + 1` for `x > 0` and `exp(x)`
      otherwise. `phi > 0`, so the denominator is positive and no epsilon
      is added.
    - `causal`: key `j` is kept for query `i` when `j <= i` (top-left
      alignment); it requires `N == M`.
    - There is no scale: `phi` is not invariant under scaling, so scaling
      belongs to the producer of `q` and `k`.

    The code generator is O(N): the non-causal form builds `S` and `z` once
    per key/value head; the causal form sums chunks of rows and runs an
    exclusive prefix over the chunks (docs/LinearAttention.md).

    Example:

    ```mlir
    %o = attn.linear_attention %q, %k, %v causal
        : tensor<1x8x128x64xf32>, tensor<1x2x128x64xf32>,
          tensor<1x2x128x64xf32> -> tensor<1x8x128x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
                   AnyRankedTensor:$value,
                   DefaultValuedAttr<Attn_FeatureMap,
                     "::mlir::attn::FeatureMap::elu_plus_one">:$feature_map,
                   UnitAttr:$causal);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value
    (`feature_map` `(` $feature_map^ `)`)?
    (`causal` $causal^)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Graph ops
//===----------------------------------------------------------------------===//

def Attn_MatmulOp : Attn_Op<"matmul", [Pure]> {
  let summary = "(batched) matrix product with optional transposes";
  let description = [{
    `lhs` is `[..., M, K]` (`[..., K, M]` with `transpose_lhs`), `rhs` is
    `[..., K, N]` (`[..., N, K]` with `transpose_rhs`); the result is
    `[..., M, N]`. Leading (batch) dimensions broadcast as in numpy.

    ```mlir
    %s = attn.matmul %q, %k transpose_rhs
        : tensor<2x8x16x64xf32>, tensor<2x8x32x64xf32> -> tensor<2x8x16x32xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs,
                   UnitAttr:$transpose_lhs, UnitAttr:$transpose_rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs (`transpose_lhs` $transpose_lhs^)? (`transpose_rhs` $transpose_rhs^)?
    attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
  // An operand that is attn.transpose of its last two dims becomes a flag.
  let hasCanonicalizer = 1;
}

def Attn_ScaleOp : Attn_Op<"scale",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "multiplies a tensor by a constant";
  let description = [{
    ```mlir
    %y = attn.scale %x by 1.250000e-01 : tensor<2x8x16x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, F32Attr:$factor);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `by` $factor attr-dict `:` type($input)";
  let hasVerifier = 1;
  // Scaling by 1 folds away; a scale of a scale multiplies the factors.
  let hasFolder = 1;
}

def Attn_AddOp : Attn_Op<"add", [Pure]> {
  let summary = "elementwise sum with numpy broadcasting";
  let description = [{
    Adds a bias (an additive mask, ALiBi, a projection bias) to a tensor;
    the operand shapes broadcast as in numpy to the result shape.

    ```mlir
    %y = attn.add %s, %bias : tensor<2x8x16x16xf32>, tensor<16x16xf32> -> tensor<2x8x16x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$lhs, AnyRankedTensor:$rhs);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $lhs `,` $rhs attr-dict `:` type($lhs) `,` type($rhs) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Attn_MaskOp : Attn_Op<"mask",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "applies a boolean or additive mask to scores";
  let description = [{
    With an `i1` mask, keeps the scores where the mask is true and sets the
    others to `-inf`, or to `fill(F)` when given (a finite value above
    `-1e30`: PyTorch's `masked_fill(~mask, F)`); with an `f32` mask, adds
    it. The mask broadcasts to the scores as in numpy.

    ```mlir
    %y = attn.mask %s, %m : tensor<2x8x16x16xf32>, tensor<16x16xi1>
    %z = attn.mask %s, %m fill(-1.0e9) : tensor<2x8x16x16xf32>, tensor<16x16xi1>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$mask,
                   OptionalAttr<F32Attr>:$fill);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $mask (`fill` `(` $fill^ `)`)? attr-dict `:` type($input) `,`
    type($mask)
  }];
  let hasVerifier = 1;
}

def Attn_SoftmaxOp : Attn_Op<"softmax",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "softmax along one axis";
  let description = [{
    `exp(x - max) / sum(exp(x - max))` along `axis` (negative counts from the
    end). Values at or below `-1e30` count as `-inf`; a slice that is all
    `-inf` yields zeros.

    ```mlir
    %p = attn.softmax %s axis(3) : tensor<2x8x16x16xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, I64Attr:$axis);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input `axis` `(` $axis `)` attr-dict `:` type($input)";
  let extraClassDeclaration = [{
    /// The axis in [0, rank).
    int64_t getNormalizedAxis();
  }];
  let hasVerifier = 1;
}

def Attn_LinearOp : Attn_Op<"linear", [Pure]> {
  let summary = "linear projection x·Wᵀ + b (torch.nn.functional.linear)";
  let description = [{
    `input` is `[..., K]`, `weight` is `[Nout, K]`, the optional `bias` is
    `[Nout]`; the result is `[..., Nout]`.

    ```mlir
    %y = attn.linear %x, %w bias(%b : tensor<512xf32>)
        : tensor<2x16x256xf32>, tensor<512x256xf32> -> tensor<2x16x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$weight,
                   Optional<AnyRankedTensor>:$bias);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $weight (`bias` `(` $bias^ `:` type($bias) `)`)?
    attr-dict `:` type($input) `,` type($weight) `->` type($result)
  }];
  let hasVerifier = 1;
}

def Attn_SplitHeadsOp : Attn_Op<"split_heads", [Pure]> {
  let summary = "[B, N, H·D] -> [B, H, N, D]";
  let description = [{
    Splits the last dimension into heads and moves the head dimension before
    the sequence dimension; the head count is the result's dimension 1.

    ```mlir
    %h = attn.split_heads %x : tensor<2x16x512xf32> -> tensor<2x8x16x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Attn_MergeHeadsOp : Attn_Op<"merge_heads", [Pure]> {
  let summary = "[B, H, N, D] -> [B, N, H·D]";
  let description = [{
    The inverse of `attn.split_heads`.

    ```mlir
    %x = attn.merge_heads %h : tensor<2x8x16x64xf32> -> tensor<2x16x512xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
}

def Attn_TransposeOp : Attn_Op<"transpose", [Pure]> {
  let summary = "permutes dimensions";
  let description = [{
    Result dimension `i` is input dimension `permutation[i]`. Works on `f32`
    and `i1` (masks) tensors.

    ```mlir
    %t = attn.transpose %x permutation [0, 2, 1, 3]
        : tensor<2x16x8x64xf32> -> tensor<2x8x16x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$permutation);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `permutation` $permutation attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  // The identity folds away; a transpose of a transpose composes.
  let hasFolder = 1;
}

def Attn_ReshapeOp : Attn_Op<"reshape", [Pure]> {
  let summary = "reinterprets a row-major tensor with another shape";
  let description = [{
    Works on `f32` and `i1` (masks) tensors.

    ```mlir
    %r = attn.reshape %x : tensor<2x16x512xf32> -> tensor<2x16x8x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = "$input attr-dict `:` type($input) `->` type($result)";
  let hasVerifier = 1;
  // The identity folds away; a reshape of a reshape is one reshape.
  let hasFolder = 1;
}

//===----------------------------------------------------------------------===//
// Graph attention (GAT)
//===----------------------------------------------------------------------===//

def Attn_GraphHeads : I32EnumAttr<"GraphHeads",
    "how attn.graph_attention combines its heads", [
      I32EnumAttrCase<"concat", 0>,
      I32EnumAttrCase<"mean", 1>
    ]> {
  let cppNamespace = "::mlir::attn";
}

def Attn_GraphAttentionOp : Attn_Op<"graph_attention",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "multi-head graph attention (GAT, Veličković et al. 2018)";
  let description = [{
    One GAT layer over `Nn` nodes with `H` heads. Operands (all `f32`):
    node features `h` `[Nn, F]`, per-head projections `w` `[H, F, Fo]`,
    attention vectors `a_src` and `a_dst` `[H, Fo]`. The neighbourhood is
    either

    - `adjacency(%adj : tensor<NnxNnxi1>)`: node `i` attends to node `j`
      when `adj[i, j]` is true, or
    - `csr(%row_ptr, %col_idx : tensor<(Nn+1)xi32>, tensor<nnzxi32>)`: the
      neighbours of `i` are `col_idx[row_ptr[i] .. row_ptr[i+1] - 1]`; an
      entry listed twice counts twice.

    For each head `k` and node `i`:

    ```
    g       = h · w[k]                                     # [Nn, Fo]
    e[i, j] = LeakyReLU(a_src[k] · g[i] + a_dst[k] · g[j])  # slope negative_slope
    alpha   = softmax of e[i, j] over the neighbours j of i
    out_k[i] = Σ_j alpha[i, j] · g[j]
    ```

    A node without neighbours gets zeros. Self loops are not added: put
    them in the adjacency. There is no output nonlinearity (apply ELU after
    the op). `heads(concat)` (the default) returns `[Nn, H·Fo]` with head
    `k` in columns `k·Fo .. k·Fo + Fo - 1`; `heads(mean)` returns the mean
    over the heads, `[Nn, Fo]`. `negative_slope` defaults to 0.2 and must be
    finite. At run time, CSR data that is not well formed (`row_ptr[0] !=
    0`, `row_ptr[Nn] != nnz`, `row_ptr` decreasing, a column outside
    `[0, Nn)`) makes the call fail with a message; nothing is read out of
    bounds.

    ```mlir
    %o = attn.graph_attention %h, %w, %as, %ad
        csr(%rp, %ci : tensor<8xi32>, tensor<20xi32>) heads(mean)
        : tensor<7x5xf32>, tensor<3x5x13xf32>, tensor<3x13xf32>,
          tensor<3x13xf32> -> tensor<7x13xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$h, AnyRankedTensor:$w,
                   AnyRankedTensor:$a_src, AnyRankedTensor:$a_dst,
                   Optional<AnyRankedTensor>:$adjacency,
                   Optional<AnyRankedTensor>:$row_ptr,
                   Optional<AnyRankedTensor>:$col_idx,
                   DefaultValuedAttr<F32Attr, "0.2f">:$negative_slope,
                   DefaultValuedAttr<Attn_GraphHeads,
                                     "::mlir::attn::GraphHeads::concat">:$heads);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $h `,` $w `,` $a_src `,` $a_dst
    (`adjacency` `(` $adjacency^ `:` type($adjacency) `)`)?
    (`csr` `(` $row_ptr^ `,` $col_idx `:` type($row_ptr) `,` type($col_idx) `)`)?
    (`negative_slope` `(` $negative_slope^ `)`)?
    (`heads` `(` $heads^ `)`)?
    attr-dict `:` type($h) `,` type($w) `,` type($a_src) `,` type($a_dst)
    `->` type($result)
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Additive (Bahdanau) and Luong attention
//===----------------------------------------------------------------------===//

def Attn_LuongScore : I32EnumAttr<"LuongScore",
    "how Luong attention scores a query against a key", [
      I32EnumAttrCase<"dot", 0>,
      I32EnumAttrCase<"general", 1>,
      I32EnumAttrCase<"concat", 2>
    ]> {
  let cppNamespace = "::mlir::attn";
}

def Attn_LocalAlignment : I32EnumAttr<"LocalAlignment",
    "where Luong local attention centers each query's window", [
      I32EnumAttrCase<"monotonic", 0>,
      I32EnumAttrCase<"predictive", 1>
    ]> {
  let cppNamespace = "::mlir::attn";
}

def Attn_AdditiveAttentionOp : Attn_Op<"additive_attention", [Pure]> {
  let summary = "additive (Bahdanau) attention";
  let description = [{
    Scores every query against every key with a one-layer MLP and returns
    the softmax-weighted sum of the values (Bahdanau et al., 2015):

    ```
    score[b,i,j] = Σ_a v[a] · tanh((Wq·q[b,i])[a] + (Wk·k[b,j])[a])
    p[b,i,:]     = softmax_j(score[b,i,:])   # masked keys excluded
    out[b,i,:]   = Σ_j p[b,i,j] · value[b,j,:]
    ```

    - `query`: `[B, N, Dq]`, `key`: `[B, M, Dk]`, `value`: `[B, M, Dv]`,
      `query_weight` (Wq): `[A, Dq]`, `key_weight` (Wk): `[A, Dk]`,
      `score_vector` (v): `[A]`; result `[B, N, Dv]`.
    - `mask` is optional: an `i1` tensor of rank at most 3, broadcastable
      (numpy rules) to `[B, N, M]`; true keeps a key. A query row whose keys
      are all masked yields zeros.

    ```mlir
    %o = attn.additive_attention %q, %k, %v, %wq, %wk, %va
        mask(%m : tensor<2x1x29xi1>)
        : tensor<2x13x7xf32>, tensor<2x29x5xf32>, tensor<2x29x3xf32>,
          tensor<11x7xf32>, tensor<11x5xf32>, tensor<11xf32>
        -> tensor<2x13x3xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
                   AnyRankedTensor:$value, AnyRankedTensor:$query_weight,
                   AnyRankedTensor:$key_weight, AnyRankedTensor:$score_vector,
                   Optional<AnyRankedTensor>:$mask);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value `,` $query_weight `,` $key_weight `,`
    $score_vector
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `,`
    type($query_weight) `,` type($key_weight) `,` type($score_vector) `->`
    type($result)
  }];
  let hasVerifier = 1;
}

def Attn_LuongAttentionOp : Attn_Op<"luong_attention",
    [Pure, AttrSizedOperandSegments]> {
  let summary = "Luong attention: global or local, dot / general / concat";
  let description = [{
    Luong et al. (2015) attention, without a `1/sqrt(d)` scale:

    ```
    score(q, k) = qᵀ k                    score(dot)      Dq == Dk
                = qᵀ W k                  score(general)  W: [Dq, Dk]
                = vaᵀ tanh(Wa [q; k])     score(concat)   Wa: [A, Dq+Dk], va: [A]
    ```

    Global (no `local` clause): `out[b,i,:] = Σ_j softmax_j(score) ·
    value[b,j,:]` over all keys, like `attn.attention`.

    `local(monotonic, D)` and `local(predictive, D, %wp, %vp : ...)` attend
    only to the keys `j` of a window of half-width `D >= 0` around a center
    `c_i`, clipped to `[0, M)`:

    - monotonic: `c_i = i` (when `N != M` too; a window wholly outside
      `[0, M)` gives a zero row); `out = Σ_{j in window} softmax(score) ·
      value`.
    - predictive: `p_i = M · sigmoid(vpᵀ tanh(Wp q_i))` with `Wp: [Ap, Dq]`,
      `vp: [Ap]`, and `c_i = min(floor(p_i), M - 1)`; the weights are the
      window's softmax times `exp(-(j - p_i)² / (2σ²))` with
      `σ = max(D, 1) / 2`, so they need not sum to 1.

    `mask` (optional, `i1`, rank at most 3, broadcastable to `[B, N, M]`)
    removes keys as in `attn.additive_attention`; a query with no key left
    yields zeros.

    Shapes: `query` `[B, N, Dq]`, `key` `[B, M, Dk]`, `value` `[B, M, Dv]`,
    result `[B, N, Dv]`.

    ```mlir
    %o = attn.luong_attention %q, %k, %v
        score(general %w : tensor<64x32xf32>)
        local(predictive, 4, %wp, %vp : tensor<16x64xf32>, tensor<16xf32>)
        : tensor<2x50x64xf32>, tensor<2x80x32xf32>, tensor<2x80x48xf32>
        -> tensor<2x50x48xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$query, AnyRankedTensor:$key,
                   AnyRankedTensor:$value,
                   Variadic<AnyRankedTensor>:$score_weights,
                   Variadic<AnyRankedTensor>:$align_weights,
                   Optional<AnyRankedTensor>:$mask,
                   Attn_LuongScore:$score,
                   OptionalAttr<Attn_LocalAlignment>:$local,
                   OptionalAttr<I64Attr>:$half_width);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $query `,` $key `,` $value
    `score` `(` $score ($score_weights^ `:` type($score_weights))? `)`
    (`local` `(` $local^ `,` $half_width
      (`,` $align_weights^ `:` type($align_weights))? `)`)?
    (`mask` `(` $mask^ `:` type($mask) `)`)?
    attr-dict `:` type($query) `,` type($key) `,` type($value) `->`
    type($result)
  }];
  let extraClassDeclaration = [{
    /// True for the global dot and general forms, which
    /// --attn-decompose-luong rewrites into attn.attention.
    bool isGlobalDotProduct() {
      return !getLocal() && getScore() != LuongScore::concat;
    }
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Transformer block ops: normalization, activation, slicing
//===----------------------------------------------------------------------===//

def Attn_LayerNormOp : Attn_Op<"layer_norm",
    [Pure, AttrSizedOperandSegments, AllTypesMatch<["input", "result"]>]> {
  let summary = "layer normalization (or RMSNorm) over the last dimension";
  let description = [{
    `torch.nn.functional.layer_norm(x, [E], weight, bias, eps)`: every row
    (the last dimension, `E` elements) is centered and scaled to unit
    variance, then multiplied by `weight` and shifted by `bias`:

    ```
    mean = Σ_j x[..., j] / E
    var  = Σ_j (x[..., j] - mean)² / E          (biased, as PyTorch's)
    y[..., j] = (x[..., j] - mean) / sqrt(var + eps) · weight[j] + bias[j]
    ```

    - `input` `[..., E]` (rank 1 or more), result of the same type;
    - `weight` and `bias` (each optional, 1 and 0 when absent) `[E]`;
    - `eps` finite and non-negative;
    - `rms`: RMSNorm (`torch.nn.RMSNorm`, Llama's and T5's norms), no
      centering: `y[..., j] = x[..., j] / sqrt(Σ_j x[..., j]² / E + eps) ·
      weight[j] + bias[j]`.

    ```mlir
    %y = attn.layer_norm %x weight(%w : tensor<768xf32>)
        bias(%b : tensor<768xf32>) eps(9.99999974E-6) : tensor<1x128x768xf32>
    %r = attn.layer_norm %x rms weight(%w : tensor<768xf32>)
        eps(9.99999997E-7) : tensor<1x128x768xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                   Optional<AnyRankedTensor>:$weight,
                   Optional<AnyRankedTensor>:$bias, F32Attr:$eps,
                   UnitAttr:$rms);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input (`rms` $rms^)? (`weight` `(` $weight^ `:` type($weight) `)`)?
    (`bias` `(` $bias^ `:` type($bias) `)`)?
    `eps` `(` $eps `)` attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}

def Attn_GeluOp : Attn_Op<"gelu",
    [Pure, AllTypesMatch<["input", "result"]>]> {
  let summary = "the GELU activation, exact or with the tanh approximation";
  let description = [{
    `torch.nn.functional.gelu(x, approximate=...)`, elementwise:

    ```
    none:  y = 0.5 · x · (1 + erf(x / sqrt(2)))
    tanh:  y = 0.5 · x · (1 + tanh(sqrt(2/π) · (x + 0.044715 · x³)))
    ```

    `tanh` is GPT-2's `gelu_new` (Hugging Face's `NewGELUActivation`).

    ```mlir
    %y = attn.gelu %x approximate(tanh) : tensor<1x128x3072xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input,
                   Attn_GeluApproximation:$approximate);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `approximate` `(` $approximate `)` attr-dict `:` type($input)
  }];
  let hasVerifier = 1;
}

def Attn_RopeOp : Attn_Op<"rope",
    [Pure, AllTypesMatch<["input", "result"]>,
     AllTypesMatch<["cos", "sin"]>]> {
  let summary = "rotary position embedding, rotate-half form";
  let description = [{
    Rotates pairs of the last dimension (of even size D) by the angles whose
    cosines and sines are given:

    ```
    y = x · cos + rotate_half(x) · sin
    rotate_half(x)[..., i] = -x[..., i + D/2]   for i < D/2
                              x[..., i - D/2]   for i >= D/2
    ```

    the form of Llama, Mistral and GPT-NeoX in Hugging Face
    (`apply_rotary_pos_emb`). `cos` and `sin` have one shape, which
    broadcasts to the input's as in numpy: `[1, 1, N, D]` or `[N, D]` for
    queries or keys `[B, H, N, D]` (`[B, 1, N, D]` with position ids per
    batch).

    ```mlir
    %q2 = attn.rope %q, %cos, %sin
        : tensor<1x32x128x64xf32>, tensor<1x1x128x64xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, AnyRankedTensor:$cos,
                   AnyRankedTensor:$sin);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `,` $cos `,` $sin attr-dict `:` type($input) `,` type($cos)
  }];
  let hasVerifier = 1;
}

def Attn_SliceOp : Attn_Op<"slice", [Pure]> {
  let summary = "a static, unit-stride box of a tensor";
  let description = [{
    `result[i0, i1, ...] = input[offsets[0] + i0, offsets[1] + i1, ...]`;
    the result type gives the sizes. The ranks are equal, and every box
    lies inside the input (`offsets[d] + sizes[d] <= input dim d`). Works
    on `f32` and `i1` tensors.

    GPT-2's `c_attn(x).split(E, dim=2)` is three slices of the feature
    dimension:

    ```mlir
    %k = attn.slice %qkv offsets [0, 0, 768]
        : tensor<1x128x2304xf32> -> tensor<1x128x768xf32>
    ```
  }];
  let arguments = (ins AnyRankedTensor:$input, DenseI64ArrayAttr:$offsets);
  let results = (outs AnyRankedTensor:$result);
  let assemblyFormat = [{
    $input `offsets` $offsets attr-dict `:` type($input) `->` type($result)
  }];
  let hasVerifier = 1;
  // The whole tensor folds away; a slice of a slice is one slice.
  let hasFolder = 1;
}

#endif // ATTN_OPS_TD
