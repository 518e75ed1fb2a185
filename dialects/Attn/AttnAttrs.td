//===- AttnAttrs.td - attn dialect attributes --------------*- tablegen -*-===//

#ifndef ATTN_ATTRS_TD
#define ATTN_ATTRS_TD

include "AttnDialect.td"
include "mlir/IR/AttrTypeBase.td"

def Attn_TilingAttr : AttrDef<Attn_Dialect, "Tiling"> {
  let mnemonic = "tiling";
  let summary = "tile sizes and KV partitioning of one attention op";
  let description = [{
    Written by `--attn-tile`, read by `--attn-online-softmax` and the code
    generator:

    - `query_tile`: query rows per parallel task;
    - `kv_tile`: keys per online-softmax block; a `kv_tile` covering all keys
      is the two-pass form (the tile's scores are kept whole);
    - `kv_splits`: key ranges computed in parallel and merged exactly
      (split-KV decoding); 1 otherwise.

    ```mlir
    #attn.tiling<query_tile = 64, kv_tile = 512, kv_splits = 1>
    ```
  }];
  let parameters = (ins "int64_t":$queryTile, "int64_t":$kvTile,
                        "int64_t":$kvSplits);
  let assemblyFormat = [{
    `<` `query_tile` `=` $queryTile `,` `kv_tile` `=` $kvTile `,`
        `kv_splits` `=` $kvSplits `>`
  }];
  let genVerifyDecl = 1;
}

def Attn_WindowAttr : AttrDef<Attn_Dialect, "Window"> {
  let mnemonic = "window";
  let summary = "a sliding window of keys around each query's diagonal";
  let description = [{
    Query `i` keeps key `j` when `d - left <= j <= d + right`, where
    `d = i + (M - N)` under `causal(bottom_right)` and `d = i` otherwise.
    Both extents are at least 0; with `causal` the keys after `d` are
    dropped as well (so `right` does not matter).

    ```mlir
    #attn.window<left = 256, right = 0>
    ```
  }];
  let parameters = (ins "int64_t":$left, "int64_t":$right);
  let assemblyFormat = [{
    `<` `left` `=` $left `,` `right` `=` $right `>`
  }];
  let genVerifyDecl = 1;
}

#endif // ATTN_ATTRS_TD
