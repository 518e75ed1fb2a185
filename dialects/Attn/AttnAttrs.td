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

#endif // ATTN_ATTRS_TD
