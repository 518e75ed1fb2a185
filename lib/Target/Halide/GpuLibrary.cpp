//===- GpuLibrary.cpp - GPU targets and their library glue ----------------===//

#include "GpuLibrary.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mlir::attn;

namespace {
struct Capability {
  int sm;
  Halide::Target::Feature feature;
};
// Halide 14's CUDA capabilities, highest first.
const Capability kCapabilities[] = {
    {86, Halide::Target::CUDACapability86},
    {80, Halide::Target::CUDACapability80},
    {75, Halide::Target::CUDACapability75},
    {70, Halide::Target::CUDACapability70},
    {61, Halide::Target::CUDACapability61},
    {50, Halide::Target::CUDACapability50},
    {35, Halide::Target::CUDACapability35},
    {32, Halide::Target::CUDACapability32},
    {30, Halide::Target::CUDACapability30},
};

/// A plain x86-64 (or the host's architecture) without CPU features: the
/// host side of a GPU pipeline only launches kernels and copies buffers,
/// and the library may run on another machine's CPU.
Halide::Target baselineHost() {
  Halide::Target host = Halide::get_host_target();
  return Halide::Target(host.os, host.arch, host.bits);
}
} // namespace

FailureOr<GpuTarget> mlir::attn::parseGpuTarget(StringRef name) {
  GpuTarget result;
  if (name == "opencl") {
    result.target = baselineHost().with_feature(Halide::Target::OpenCL);
    return result;
  }
  if (!name.starts_with("cuda") && !name.starts_with("opencl"))
    return result; // not a shorthand: a Halide target string, or "host"
  if (name.starts_with("opencl"))
    return failure();
  StringRef rest = name.drop_front(4);
  int sm = 0;
  if (!rest.empty()) {
    // cuda-sm80, cuda-sm_80
    if (!rest.consume_front("-sm"))
      return failure();
    rest.consume_front("_");
    if (rest.getAsInteger(10, sm) || sm < 30 || sm > 200)
      return failure();
  }
  Halide::Target target = baselineHost().with_feature(Halide::Target::CUDA);
  const Capability *chosen = nullptr;
  if (sm == 0) {
    // Plain `cuda`: Halide's default capability (PTX for sm_20 upward is
    // too old for the shuffles and atomics; ask for 61, Pascal and later).
    chosen = &kCapabilities[4];
  } else {
    for (const Capability &c : kCapabilities)
      if (c.sm <= sm) {
        chosen = &c;
        break;
      }
    if (!chosen)
      return failure();
  }
  target = target.with_feature(chosen->feature);
  result.target = target;
  result.requestedCapability = sm;
  result.capability = chosen->sm;
  return result;
}

std::string mlir::attn::gpuManifestJson(const Halide::Target &target,
                                        StringRef requestedName) {
  if (target.has_feature(Halide::Target::OpenCL))
    return "{\"api\": \"opencl\"}";
  if (!target.has_feature(Halide::Target::CUDA))
    return "";
  int capability = 0;
  for (const Capability &c : kCapabilities)
    if (target.has_feature(c.feature)) {
      capability = c.sm;
      break;
    }
  std::string json = "{\"api\": \"cuda\", \"ptx_target\": \"sm_" +
                     std::to_string(capability ? capability : 20) + "\"";
  FailureOr<GpuTarget> parsed = parseGpuTarget(requestedName);
  if (succeeded(parsed) && parsed->requestedCapability)
    json += ", \"requested\": \"sm_" +
            std::to_string(parsed->requestedCapability) + "\"";
  return json + "}";
}

std::vector<std::string> mlir::attn::gpuExportedSymbols() {
  return {"attn_device_interface", "attn_device_wrap",    "attn_device_detach",
          "attn_device_malloc",    "attn_copy_to_device", "attn_copy_to_host",
          "attn_device_sync",      "attn_device_free"};
}

void mlir::attn::writeGpuSupport(llvm::raw_ostream &os,
                                 const Halide::Target &target) {
  bool cuda = target.has_feature(Halide::Target::CUDA);
  const char *api = cuda ? "cuda" : "opencl";
  os << "\n/* GPU support: device buffers through the library's own Halide "
        "runtime. */\n"
     << "#include <stdbool.h>\n"
     << (cuda ? "#include <HalideRuntimeCuda.h>\n"
              : "#include <HalideRuntimeOpenCL.h>\n");
  os << "ATTN_EXPORT const struct halide_device_interface_t *"
        "attn_device_interface(void) {\n  return halide_"
     << api << "_device_interface();\n}\n";
  // Each helper turns Halide's error code into an attn one with a message.
  auto helper = [&](StringRef name, StringRef params, StringRef call) {
    os << "ATTN_EXPORT int " << name << "(struct halide_buffer_t *buf" << params
       << ") {\n"
       << "  if (!buf) {\n    attn_set_error(\"" << name
       << ": null buffer\");\n    return ATTN_ERROR_NULL_POINTER;\n  }\n"
       << "  return attn_pipeline_failed(\"" << name << "\", " << call
       << ");\n}\n";
  };
  helper("attn_device_wrap", ", uint64_t handle",
         "halide_device_wrap_native(NULL, buf, handle, "
         "attn_device_interface())");
  helper("attn_device_detach", "", "halide_device_detach_native(NULL, buf)");
  helper("attn_device_malloc", "",
         "halide_device_malloc(NULL, buf, attn_device_interface())");
  // Copying to the device means the host holds the data: mark it dirty,
  // or Halide would skip the copy.
  helper("attn_copy_to_device", "",
         "(buf->flags |= halide_buffer_flag_host_dirty, "
         "halide_copy_to_device(NULL, buf, attn_device_interface()))");
  helper("attn_copy_to_host", "", "halide_copy_to_host(NULL, buf)");
  helper("attn_device_sync", "", "halide_device_sync(NULL, buf)");
  helper("attn_device_free", "", "halide_device_free(NULL, buf)");
  // Halide's runtime looks up the API's symbols in the process first and
  // otherwise dlopens the unversioned libOpenCL.so / libcuda.so, which only
  // development packages install: load the versioned library globally.
  // Device memory a call frees (the table passes' tables, the dense entry's
  // device copies) goes to Halide's free list for the next call: a
  // cuMemFree per call would synchronize the device. attn_release_scratch()
  // empties the list (attn_scratch.c calls the hook below).
  os << "__attribute__((constructor)) static void "
        "attn_keep_device_allocations(void) {\n"
     << "  halide_reuse_device_allocations(NULL, true);\n}\n"
     << "void attn_release_device_scratch(void) {\n"
     << "  halide_reuse_device_allocations(NULL, false);\n"
     << "  halide_reuse_device_allocations(NULL, true);\n}\n";
  os << "#include <dlfcn.h>\n"
     << "__attribute__((constructor)) static void attn_load_gpu_api(void) {\n"
     << "  if (!dlopen(\"" << (cuda ? "libcuda.so.1" : "libOpenCL.so.1")
     << "\", RTLD_LAZY | RTLD_GLOBAL))\n"
     << "    (void)dlerror();\n}\n";
  if (!cuda)
    return;
  // Halide's CUDA runtime would create a context of its own, in which the
  // device pointers of the CUDA runtime API (PyTorch, cudaMalloc) are not
  // valid: use the caller's current context, else device 0's primary one.
  os << R"c(
#include <pthread.h>

static int (*attn_cuCtxGetCurrent)(void **);
static void *attn_cuda_primary;
static pthread_once_t attn_cuda_once = PTHREAD_ONCE_INIT;

static void attn_cuda_init(void) {
  void *lib = dlopen("libcuda.so.1", RTLD_LAZY | RTLD_GLOBAL);
  if (!lib)
    lib = dlopen("libcuda.so", RTLD_LAZY | RTLD_GLOBAL);
  if (!lib)
    return;
  int (*cuInit)(unsigned) = (int (*)(unsigned))dlsym(lib, "cuInit");
  int (*cuDeviceGet)(int *, int) = (int (*)(int *, int))dlsym(lib, "cuDeviceGet");
  int (*retain)(void **, int) =
      (int (*)(void **, int))dlsym(lib, "cuDevicePrimaryCtxRetain");
  attn_cuCtxGetCurrent = (int (*)(void **))dlsym(lib, "cuCtxGetCurrent");
  int device = 0;
  if (!cuInit || !cuDeviceGet || !retain || cuInit(0) != 0 ||
      cuDeviceGet(&device, 0) != 0 || retain(&attn_cuda_primary, device) != 0)
    attn_cuda_primary = NULL;
}

static int attn_cuda_acquire_context(void *user_context, void **ctx,
                                     bool create) {
  (void)user_context;
  pthread_once(&attn_cuda_once, attn_cuda_init);
  void *current = NULL;
  if (attn_cuCtxGetCurrent && attn_cuCtxGetCurrent(&current) == 0 && current) {
    *ctx = current;
    return 0;
  }
  *ctx = attn_cuda_primary;
  if (!attn_cuda_primary && create) {
    attn_set_error("no CUDA driver or device (libcuda.so.1, device 0)");
    return -1;
  }
  return 0;
}

static int attn_cuda_release_context(void *user_context) {
  (void)user_context;
  return 0;
}

__attribute__((constructor)) static void attn_cuda_install(void) {
  halide_set_cuda_acquire_context(attn_cuda_acquire_context);
  halide_set_cuda_release_context(attn_cuda_release_context);
}
)c";
}

std::string mlir::attn::extractGpuSource(StringRef llText) {
  for (StringRef prefix :
       {"@cuda_gpu_source_kernels", "@opencl_gpu_source_kernels"}) {
    size_t at = llText.find(prefix);
    if (at == StringRef::npos)
      continue;
    StringRef line = llText.substr(at);
    line = line.take_until([](char c) { return c == '\n'; });
    size_t open = line.find("c\"");
    if (open == StringRef::npos)
      continue;
    StringRef body = line.drop_front(open + 2);
    body = body.take_until([](char c) { return c == '"'; });
    // LLVM escapes bytes as \XX (hex) and a backslash as \5C.
    std::string text;
    for (size_t i = 0; i < body.size(); ++i) {
      if (body[i] == '\\' && i + 2 < body.size() + 0 &&
          llvm::isHexDigit(body[i + 1]) && llvm::isHexDigit(body[i + 2])) {
        text +=
            static_cast<char>(llvm::hexFromNibbles(body[i + 1], body[i + 2]));
        i += 2;
      } else {
        text += body[i];
      }
    }
    while (!text.empty() && text.back() == '\0')
      text.pop_back();
    return text;
  }
  return "";
}
