//===- AttnDialect.cpp - the attn dialect ---------------------------------===//

#include "attn/Dialect/Attn/AttnDialect.h"
#include "attn/Dialect/Attn/AttnOps.h"

using namespace mlir;
using namespace mlir::attn;

#include "Attn/AttnDialect.cpp.inc"

// AttnDialect::initialize lives in AttnOps.cpp, next to the attribute
// storage it registers.
