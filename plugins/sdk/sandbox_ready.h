// What the SDK reads from disk, read before the plugin worker's sandbox
// closes the file system (hub/plugin_host/sandbox.h allows no open()). The
// hub's worker asks for the manifest before it enters the sandbox; the
// entry point (plugin.h) calls LoadBeforeSandbox there, so that a decode
// never has to open a file - today the Europe/Oslo time zone the
// local-time helpers use. Even then a plugin can open no other file: it is
// loaded in the load sandbox (hub/plugin_host/load_sandbox.h), which lets
// only its own library and the time zone database be read.
//
// Thread-safety: safe from any thread; idempotent.
#ifndef ROSA_PLUGINS_SDK_SANDBOX_READY_H_
#define ROSA_PLUGINS_SDK_SANDBOX_READY_H_

namespace rosa::plugin {

void LoadBeforeSandbox();

}  // namespace rosa::plugin

#endif  // ROSA_PLUGINS_SDK_SANDBOX_READY_H_
