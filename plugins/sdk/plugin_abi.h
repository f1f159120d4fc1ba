// The binary boundary between the hub and a plugin: plain C, so that nothing
// but bytes and integers crosses it, and no C++ exception can. Every request
// and response is a serialized rosa.plugin.v1 message. Plugins do not use
// this header directly; plugin.h builds the entry point from a C++ class.
//
// Versioning: `api_version` is the first field and keeps its place in every
// version, so the hub can read it before trusting anything else.
#ifndef ROSA_PLUGINS_SDK_PLUGIN_ABI_H_
#define ROSA_PLUGINS_SDK_PLUGIN_ABI_H_

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Raised whenever anything below, or the meaning of the messages, changes.
#define ROSA_PLUGIN_API_VERSION 1u

// The symbol every plugin exports.
#define ROSA_PLUGIN_ENTRY_SYMBOL "rosa_plugin_entry"

// Receives the bytes of one response. `ctx` is the caller's.
typedef void (*RosaSink)(void* ctx, const char* data, size_t size);

enum RosaCallResult {
  // The sink got a serialized response message.
  ROSA_CALL_OK = 0,
  // The request did not parse as the message it should be.
  ROSA_CALL_BAD_REQUEST = 1,
  // The plugin failed (it threw); the sink got a short reason, never data
  // from the payload.
  ROSA_CALL_PLUGIN_FAILED = 2,
};

typedef struct RosaPluginV1 {
  uint32_t api_version;
  // Hex SHA-256 of the proto descriptors the plugin was built against.
  const char* descriptor_fingerprint;
  // Writes a serialized PluginManifest.
  int (*manifest)(RosaSink sink, void* ctx);
  // Reads a serialized DecodeRequest, writes a DecodeResponse.
  int (*decode)(const char* request, size_t size, RosaSink sink, void* ctx);
  // Reads a serialized EncodeRequest, writes an EncodeResponse.
  int (*encode)(const char* request, size_t size, RosaSink sink, void* ctx);
} RosaPluginV1;

typedef const RosaPluginV1* (*RosaPluginEntry)(void);

#ifdef __cplusplus
}  // extern "C"
#endif

#endif  // ROSA_PLUGINS_SDK_PLUGIN_ABI_H_
